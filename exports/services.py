"""Exports too large to build while the browser waits (Saleor's export-job shape): the request
records an ExportJob and queues it; a Celery task builds the workbook, keeping the job's progress in
明细 rows, stores the file on the job and notifies its creator.

A job is claimed before it is built (pending → running, in one conditional UPDATE), so that a task
delivered twice builds it once; a claim left by a worker that died is taken over after claim_expiry()."""

import datetime as dt
import logging
import tempfile

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.claims import claimable, take
from core.queue import enqueue, enqueue_on_commit
from notices.models import NoticeKind
from notices.writing import notices_write, to_people

from .models import ExportJob, ExportStatus
from .scope import SummaryFilter
from .selectors import detail_reports
from .summary import summary_write

MAX_ATTEMPTS = 3


def claim_expiry() -> dt.timedelta:
    """A build still marked running past the worker's hard time limit has no worker left."""
    return dt.timedelta(seconds=settings.EXPORT_CLAIM_SECONDS)


log = logging.getLogger(__name__)


def export_is_large(*, user, plan, as_of: dt.date, only: SummaryFilter) -> int | None:
    """The number of 明细 rows if the workbook is too large to build while the browser waits
    (over EXPORT_STREAM_MAX_ROWS), else None. One query."""
    limit = settings.EXPORT_STREAM_MAX_ROWS
    rows = detail_reports(user, plan, as_of, only).values("pk")[: limit + 1].count()
    return detail_reports(user, plan, as_of, only).count() if rows > limit else None


@transaction.atomic
def export_job_create(*, user, plan, as_of: dt.date, only: SummaryFilter, rows: int = 0) -> ExportJob:
    """Record the export and queue its building once the transaction commits."""
    from .jobs import build_export

    job = ExportJob.objects.create(
        created_by=user, plan=plan, as_of=as_of, section=only.section, unit_id=only.unit_id,
        period=only.period, rows_total=rows,
    )  # fmt: skip
    enqueue_on_commit(build_export, job.pk)
    return job


def _claimable(now) -> dict:
    return {
        "waiting": [ExportStatus.PENDING],
        "running": ExportStatus.RUNNING,
        "expired": Q(started_at__lt=now - claim_expiry()),
    }


def _claim(job_id: int) -> bool:
    now = timezone.now()
    jobs = ExportJob.objects.filter(pk=job_id, attempts__lt=MAX_ATTEMPTS)
    return take(jobs, **_claimable(now), started_at=now, attempts=F("attempts") + 1)


def export_jobs_sweep() -> dict[str, int]:
    """Every few minutes: queue again each job still waiting (its message lost while the broker was
    down) or whose worker died (claim expired); a job whose workers died MAX_ATTEMPTS times (too large
    for the worker's memory or time) is marked failed and its creator told."""
    from .jobs import build_export

    now = timezone.now()
    fresh = Q(status=ExportStatus.PENDING, created_at__gte=now - dt.timedelta(minutes=1))  # on its way
    stale = ExportJob.objects.filter(claimable(**_claimable(now))).exclude(fresh)
    counts = {"requeued": 0, "failed": 0}
    for job in stale.select_related("plan", "created_by"):
        if job.attempts < MAX_ATTEMPTS:
            counts["requeued"] += enqueue(build_export, job.pk)
        elif ExportJob.objects.filter(pk=job.pk, status=job.status).update(status=ExportStatus.FAILED):
            _finish(
                job,
                status=ExportStatus.FAILED,
                error=_("生成过程中多次中断（数据过多或服务器重启），已停止重试。"),
            )
            counts["failed"] += 1
    return counts


def export_job_run(job_id: int) -> str:
    """Build the job's workbook if nobody else is; return its status afterwards."""
    if not _claim(job_id):
        return ExportJob.objects.get(pk=job_id).status
    job = ExportJob.objects.select_related("plan", "created_by").get(pk=job_id)
    only = SummaryFilter(section=job.section, unit_id=job.unit_id, period=job.period)

    def progress(rows: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(rows_done=rows)

    try:
        with tempfile.TemporaryFile() as out:
            rows = summary_write(
                out, user=job.created_by, plan=job.plan, as_of=job.as_of, only=only, progress=progress
            )
            out.seek(0)
            job.file.save(job.file_name, File(out), save=False)
    except Exception as exc:
        log.exception("export job %s failed", job.pk)
        _finish(job, status=ExportStatus.FAILED, error=f"{exc.__class__.__name__}: {exc}"[:2000])
        return job.status
    _finish(job, status=ExportStatus.DONE, rows=rows)
    return job.status


@transaction.atomic
def _finish(job: ExportJob, *, status: str, rows: int | None = None, error: str = "") -> None:
    job.status, job.error, job.finished_at = status, error, timezone.now()
    if rows is not None:
        job.rows_done = job.rows_total = rows
    job.save(update_fields=["status", "error", "finished_at", "rows_done", "rows_total", "file"])
    done = status == ExportStatus.DONE
    title = _("汇总表已生成：%(name)s") if done else _("汇总表导出失败：%(name)s")
    body = (
        _("共 %(rows)s 行明细，点击下载。") % {"rows": job.rows_done}
        if done
        else _("导出时出错，请稍后重试或联系系统管理员。")
    )
    notices_write(
        to_people(
            [job.created_by], kind=NoticeKind.EXPORT, key=f"export:{job.pk}",
            title=title % {"name": job.file_name}, body=body, link=f"/reports/exports/{job.pk}/",
        )
    )  # fmt: skip
