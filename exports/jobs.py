"""Celery tasks of the exports app (found by autodiscover_tasks(related_name="jobs"))."""

from celery import shared_task

from .services import export_job_run, export_jobs_sweep


# the name it had when exports were part of reports: messages queued before an upgrade still run
@shared_task(name="reports.build_export")
def build_export(job_id: int) -> str:
    """Build one large summary workbook (exports.services)."""
    return export_job_run(job_id)


@shared_task(name="exports.sweep")
def sweep_exports() -> dict:
    """Every few minutes (django-celery-beat): jobs whose message or worker was lost (exports.services)."""
    return export_jobs_sweep()
