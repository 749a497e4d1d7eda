"""Celery tasks of the exports app (found by autodiscover_tasks(related_name="jobs"))."""

from celery import shared_task

from .services import export_job_run


# the name it had when exports were part of reports: messages queued before an upgrade still run
@shared_task(name="reports.build_export", acks_late=True)
def build_export(job_id: int) -> str:
    """Build one large summary workbook (exports.services)."""
    return export_job_run(job_id)
