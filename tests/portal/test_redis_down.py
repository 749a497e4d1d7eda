"""Redis down costs a delay, never a lost or stuck piece of work: against a real Redis server started
for the test (its cache and its broker) and then stopped, a clerk still saves and submits, the
leader's overview still answers, /readyz says what is down; the head's e-mail waits in the database
and goes out through the sweep once Redis is back. Skipped, saying why, where redis-server is missing."""

import shutil
import socket
import subprocess
import time

import pytest
import redis
from django.core import mail

from notices.jobs import sweep_deliveries
from notices.models import Channel, DeliveryStatus, Notice
from portal.celery import app as celery_app
from reports.choices import ReportStatus
from reports.models import ProgressReport
from units.models import User

pytestmark = pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisServer:
    """A redis-server of the test's own, on a port of its own, that the test can stop and start."""

    def __init__(self, port: int):
        self.port, self.process = port, None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis(port=self.port, socket_timeout=1)
        for _ in range(50):
            try:
                if client.ping():
                    return
            except redis.RedisError:
                time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def own_redis(settings, monkeypatch):
    monkeypatch.setattr("tasks.data_version.RETRY_AFTER", 0)  # ask the cache again at once once it is back
    server = RedisServer(free_port())
    server.start()
    url = f"redis://127.0.0.1:{server.port}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"{url}/1",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
    settings.DASHBOARD_CACHE_SECONDS = 600
    saved = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager")}
    celery_app.conf.update(broker_url=f"{url}/0", task_always_eager=False)
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    yield server
    celery_app.conf.update(**saved)
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    if server.process.poll() is None:
        server.stop()


def test_without_redis_a_clerk_submits_and_the_email_goes_out_once_it_is_back(
    world, make_report, client, own_redis
):
    User.objects.filter(pk=world.resp_head.pk).update(email="head@changchun.example", email_notices=True)
    report = make_report(values={world.km: 120})
    client.force_login(world.leader)
    assert client.get("/overview/", {"year": 2024}).status_code == 200  # kept in the cache

    # when Redis stops
    own_redis.stop()
    # then the clerk still saves and submits
    client.force_login(world.resp_staff)
    saved = client.post(
        f"/reports/{report.pk}/edit/",
        {
            "version": report.version,
            "done": "六月完成绿化 120 公里。",
            f"value_{world.km.pk}": "120",
            "action": "submit",
        },
    )
    assert saved.status_code == 302, saved.content[:500]
    assert ProgressReport.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED
    # the head's e-mail waits in the database, nothing lost
    [email] = Notice.objects.filter(user=world.resp_head, channel=Channel.EMAIL)
    assert email.status == DeliveryStatus.PENDING
    # the leader's overview answers, computed without the cache, and shows the submission
    client.force_login(world.leader)
    overview = client.get("/overview/", {"year": 2024})
    assert overview.status_code == 200 and "长春市" in overview.content.decode()
    # /readyz says what is down; the portal is degraded, not down
    ready = client.get("/readyz").json()
    assert ready["status"] == "degraded" and ready["database"] == "ok"
    assert ready["cache"].startswith("error") and ready["broker"].startswith("error")
    assert client.get("/healthz").status_code == 200

    # when Redis is back, the sweep sends what waited, once
    own_redis.start()
    celery_app.conf.task_always_eager = True  # the sweep's deliveries run here, as a worker would
    Notice.objects.filter(pk=email.pk).update(
        created_at=email.created_at.replace(year=email.created_at.year - 1)
    )
    sweep_deliveries()
    sweep_deliveries()
    assert Notice.objects.get(pk=email.pk).status == DeliveryStatus.SENT
    assert [m.to for m in mail.outbox] == [["head@changchun.example"]]
    assert client.get("/readyz").json()["cache"] == "ok"
