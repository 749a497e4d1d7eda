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
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from notices.models import Channel, DeliveryStatus, Notice

REDIS_URL = os.environ.get("REDIS_URL", "")


def redis_answers() -> bool:
    if not REDIS_URL:
        return False
    import redis

    try:
        return redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping()
    except redis.RedisError:
        return False


pytestmark = [
    pytest.mark.skipif(not redis_answers(), reason="no Redis answers at REDIS_URL (CI's second run has one)"),
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="the worker process needs a database it can share (PostgreSQL); SQLite's is in memory",
    ),
]


def broker_url() -> str:
    # a Redis database of its own: the tests empty the cache's between tests
    return REDIS_URL.rsplit("/", 1)[0] + "/14"


@pytest.fixture
def worker(tmp_path, transactional_db):
    mail_dir = tmp_path / "mail"
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{connection.settings_dict['NAME']}",
        "REDIS_URL": broker_url(),
        "TEST_CELERY_EAGER": "false",
        "TEST_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
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


def wait_for(check, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.5)
    return False


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
