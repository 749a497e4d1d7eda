"""A worker process killed in the middle of an export (the OOM killer's way: SIGKILL to the pool
process) leaves no job stuck: the task goes back to the queue, and once the dead build's claim has
expired the sweep has it built again, exactly once, with one notice to its creator. A real Celery
worker (prefork) on this machine's Redis and PostgreSQL (CI's second run); elsewhere skipped."""

import datetime as dt
import time

import pytest
from django.utils import timezone

from exports.models import ExportJob, ExportStatus
from exports.scope import EVERYTHING
from exports.services import export_job_create, export_jobs_sweep
from notices.models import Notice
from reports.choices import ReportStatus
from reports.models import ProgressReport
from tests import factories
from tests.workers import NEEDS_A_WORKER, kill_pool, wait_for, worker_process

pytestmark = NEEDS_A_WORKER
TIME_LIMIT = 8  # a build's hard limit here: its claim expires 10 s after


@pytest.fixture
def prefork_worker(transactional_db, settings):
    settings.EXPORT_CLAIM_SECONDS = TIME_LIMIT + 10  # as the worker reckons it
    with worker_process(CELERY_TASK_TIME_LIMIT=str(TIME_LIMIT)) as process:
        yield process


def test_killing_the_busy_pool_process_mid_export_leaves_no_job_stuck(world, prefork_worker):
    # given a year large enough that its workbook takes a few seconds: 400 units' monthly reports
    units = factories.UnitFactory.create_batch(400)
    submitted = timezone.make_aware(dt.datetime(2024, 12, 1, 10))  # before the export's as-of date
    ProgressReport.objects.bulk_create(
        ProgressReport(
            work_item=item, unit=unit, period=f"2024-{month:02d}", period_end=dt.date(2024, month, 28),
            status=ReportStatus.SUBMITTED, done="完成绿化工作，补植乔木和灌木。" * 20, created_by=world.admin,
            submitted_at=submitted,
        )
        for unit in units for item in (world.item, world.other_item) for month in range(1, 13)
    )  # fmt: skip
    job = export_job_create(user=world.admin, plan=world.plan, as_of=dt.date(2024, 12, 31), only=EVERYTHING)

    # when the pool process building it is killed half-way
    assert wait_for(lambda: ExportJob.objects.get(pk=job.pk).rows_done > 0, seconds=60), (
        ExportJob.objects.values("status", "rows_done", "attempts", "error").get(pk=job.pk)
    )
    assert ExportJob.objects.get(pk=job.pk).status == ExportStatus.RUNNING
    kill_pool(prefork_worker)

    # then the job is not lost: once its claim has expired the sweep has it built, once
    time.sleep(TIME_LIMIT + 11)
    assert ExportJob.objects.get(pk=job.pk).status == ExportStatus.RUNNING  # the dead build's claim
    assert export_jobs_sweep() == {"requeued": 1, "failed": 0}
    assert wait_for(lambda: ExportJob.objects.get(pk=job.pk).status == ExportStatus.DONE, seconds=120), (
        ExportJob.objects.values("status", "rows_done", "attempts", "started_at").get(pk=job.pk),
        timezone.now(),
    )
    done = ExportJob.objects.get(pk=job.pk)
    assert done.attempts == 2 and done.rows_done == 400 * 2 * 12 and done.file
    assert Notice.objects.filter(user=world.admin, kind="export").count() == 1
