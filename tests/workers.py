"""A real Celery worker (prefork, one pool process) on this machine's Redis and the test database, for
the tests that kill its pool process mid-task; the test process sends its tasks to the same broker."""

import os
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

from portal.celery import app as celery_app
from tests.notices.test_worker import broker_url


@contextmanager
def worker_process(log: Path | None = None, **environment):
    """The worker, its output in `log` where given (at INFO: each task received and finished)."""
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{connection.settings_dict['NAME']}",
        "REDIS_URL": broker_url(),
        "TEST_CELERY_EAGER": "false",
        **environment,
    }
    output = open(log, "w") if log else subprocess.DEVNULL
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=prefork", "--concurrency=1",
         "-l", "info" if log else "warning", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        env={**env, "LOG_LEVEL": "INFO"} if log else env, cwd=Path(__file__).resolve().parents[1],
        stdout=output, stderr=subprocess.STDOUT,
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
        if log:
            output.close()


def pool_children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(line) for line in out.split()]


def kill_pool(process) -> None:
    """What the OOM killer does: SIGKILL to the pool process running the task."""
    for child in pool_children(process.pid):
        os.kill(child, signal.SIGKILL)
