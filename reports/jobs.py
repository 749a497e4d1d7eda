"""Celery tasks of the reports app (found by autodiscover_tasks(related_name="jobs")): thin wrappers."""

from celery import shared_task

from .warm import dashboard_warm


@shared_task(name="reports.warm_dashboard", ignore_result=True)
def warm_dashboard() -> bool:
    """The overview rebuilt in the cache after a change (reports.warm)."""
    return dashboard_warm()
