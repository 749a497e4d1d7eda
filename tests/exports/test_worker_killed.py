"""A worker process killed in the middle of an export (the OOM killer's way: SIGKILL to the pool
process) leaves no job stuck: the task goes back to the queue, and once the dead build's claim has
expired the sweep has it built again, exactly once, with one notice to its creator. A real Celery
worker (prefork) on this machine's Redis and PostgreSQL (CI's second run); elsewhere skipped."""

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from exports.models import ExportJob, ExportStatus
from exports.scope import EVERYTHING
from exports.services import export_job_create, export_jobs_sweep
from notices.models import Notice
from portal.celery import app as celery_app
from reports.choices import ReportStatus
from reports.models import ProgressReport
from tests import factories
from tests.notices.test_worker import broker_url, redis_answers, wait_for

pytestmark = [
    pytest.mark.skipif(not redis_answers(), reason="no Redis answers at REDIS_URL (CI's second run has one)"),
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="the worker process needs a database it can share (PostgreSQL); SQLite's is in memory",
    ),
]
TIME_LIMIT = 8  # a build's hard limit here: its claim expires 10 s after


@pytest.fixture
def prefork_worker(transactional_db, settings):
    settings.EXPORT_CLAIM_SECONDS = TIME_LIMIT + 10  # as the worker reckons it
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{connection.settings_dict['NAME']}",
        "REDIS_URL": broker_url(),
        "TEST_CELERY_EAGER": "false",
        "CELERY_TASK_TIME_LIMIT": str(TIME_LIMIT),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=prefork", "--concurrency=1",
         "-l", "warning", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        env=env, cwd=Path(__file__).resolve().parents[2], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    saved = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager")}
    celery_app.conf.update(broker_url=broker_url(), task_always_eager=False)
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    try:
        yield process
    finally:
        celery_app.conf.update(**saved)
        celery_app._pool = None
        celery_app.amqp._producer_pool = None
        children = pool_children(process.pid)
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        for child in children + pool_children(process.pid):  # no pool process left holding the test database
            try:
                os.kill(child, signal.SIGKILL)
            except ProcessLookupError:
                pass


def pool_children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(line) for line in out.split()]


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
    for child in pool_children(prefork_worker.pid):
        os.kill(child, signal.SIGKILL)

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
