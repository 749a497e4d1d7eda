"""Real Celery workers for the tests that need one: on this machine's Redis (a database of its own) and
the test database on PostgreSQL, which a worker process can share (CI's second run); elsewhere those
tests are skipped, saying why. `worker_process` runs a prefork worker with one pool process, for the
tests that kill it mid-task; the test process sends its tasks to the same broker."""

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from portal.celery import app as celery_app

REDIS_URL = os.environ.get("REDIS_URL", "")


def redis_answers() -> bool:
    if not REDIS_URL:
        return False
    import redis

    try:
        return redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping()
    except redis.RedisError:
        return False


# the marks of a module whose tests run a worker
NEEDS_A_WORKER = [
    pytest.mark.skipif(not redis_answers(), reason="no Redis answers at REDIS_URL (CI's second run has one)"),
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="the worker process needs a database it can share (PostgreSQL); SQLite's is in memory",
    ),
]


def broker_url() -> str:
    # a Redis database of its own: the tests empty the cache's between tests
    return REDIS_URL.rsplit("/", 1)[0] + "/14"


def worker_env(**environment) -> dict:
    """A worker's environment: the test settings, this test's database, the tests' broker."""
    db = settings.DATABASES["default"]
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{connection.settings_dict['NAME']}",
        "REDIS_URL": broker_url(),
        "TEST_CELERY_EAGER": "false",
        **environment,
    }


def wait_for(check, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.5)
    return False


@contextmanager
def worker_process(log: Path | None = None, **environment):
    """The worker, its output in `log` where given (at INFO: each task received and finished)."""
    env = worker_env(**environment)
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
