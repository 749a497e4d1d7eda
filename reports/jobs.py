"""Celery tasks of the reports app (found by autodiscover_tasks(related_name="jobs")): thin wrappers."""

from celery import shared_task

from .tally.services import tally_new_day as count_new_day
from .warm import dashboard_warm


@shared_task(name="reports.warm_dashboard", ignore_result=True)
def warm_dashboard() -> bool:
    """The overview rebuilt in the cache after a change (reports.warm)."""
    return dashboard_warm()


@shared_task(name="reports.tally_new_day", ignore_result=True)
def tally_new_day() -> list:
    """After midnight: each plan's dashboard counts for the new day (reports.tally)."""
    return count_new_day()
