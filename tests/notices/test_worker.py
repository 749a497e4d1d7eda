"""The reminder job through a real Redis broker and a real Celery worker process: the job and each
delivery are tasks taken from Redis by the worker, which writes to the same database. Needs this
machine's Redis and PostgreSQL (CI's second run); elsewhere it is skipped, saying why."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery import Celery
from django.core.management import call_command

from notices.models import Channel, DeliveryStatus, Notice
from tests.workers import NEEDS_A_WORKER, broker_url, wait_for, worker_env

pytestmark = NEEDS_A_WORKER


@pytest.fixture
def worker(tmp_path, transactional_db):
    mail_dir = tmp_path / "mail"
    env = worker_env(
        TEST_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend", EMAIL_FILE_PATH=str(mail_dir)
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo", "-l", "warning",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        env=env, cwd=Path(__file__).resolve().parents[2], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        yield mail_dir
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def test_the_job_through_redis_and_a_worker_sends_each_units_email_once(worker):
    call_command("seed_demo", "--no-history", "--force", stdout=open(os.devnull, "w"))
    owing = 27  # every unit owes item 3's half-year summary, due 30 June
    app = Celery(broker=broker_url())
    app.send_task("reports.daily_reminders", args=["2024-06-23"])
    app.send_task("reports.daily_reminders", args=["2024-06-23"])  # run twice, as two beats would

    def all_sent():
        emails = Notice.objects.filter(channel=Channel.EMAIL)
        return emails.count() == owing and not emails.exclude(status=DeliveryStatus.SENT).exists()

    assert wait_for(all_sent), list(Notice.objects.values_list("channel", "status", "error")[:5])
    time.sleep(2)  # anything sent twice would show by now
    # the file backend may append several messages to one file: count the messages
    sent = sum(f.read_text().count("Message-ID:") for f in worker.iterdir())
    assert sent == owing
    assert Notice.objects.filter(channel=Channel.INAPP, kind="reminder").count() == 2 * owing
