"""/metrics: what the monitoring server reads, and who else may not."""

import datetime as dt
import os

import pytest
from django.test import Client
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from exports.models import ExportJob, ExportStatus
from notices.models import Channel, DeliveryStatus, Notice

pytestmark = pytest.mark.django_db


def scrape(client=None, **headers) -> dict:
    """{(name, labels as a sorted tuple): value} of one scrape."""
    response = (client or Client()).get("/metrics", **headers)
    assert response.status_code == 200
    samples = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for s in family.samples:
            samples[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return samples


def total(samples: dict, name: str, **labels) -> float:
    want = set(labels.items())
    return sum(v for (n, ls), v in samples.items() if n == name and want <= set(ls))


def test_requests_and_database_queries_are_counted(world, client):
    before = scrape()
    client.force_login(world.leader)
    assert client.get("/overview/").status_code == 200
    assert client.get("/reports/no-such-page/").status_code == 404
    after = scrape()
    ok = "django_http_responses_total_by_status_view_method_total"
    assert total(after, ok, status="200", method="GET") >= total(before, ok, status="200", method="GET") + 1
    assert total(after, ok, status="404", method="GET") >= total(before, ok, status="404", method="GET") + 1
    queries = "django_db_execute_total"
    assert total(after, queries) > total(before, queries)


def test_exports_and_deliveries_are_counted_by_state_and_the_stuck_ones_apart(world):
    long_ago = timezone.now() - dt.timedelta(hours=2)
    job = {"created_by": world.admin, "plan": world.plan, "as_of": dt.date(2024, 7, 10)}
    ExportJob.objects.create(**job, status=ExportStatus.DONE)
    ExportJob.objects.create(**job)  # just queued
    stuck = ExportJob.objects.create(**job)
    ExportJob.objects.filter(pk=stuck.pk).update(created_at=long_ago)  # its message was lost
    mail = {"user": world.resp_head, "kind": "returned", "channel": Channel.EMAIL, "address": "h@x.example"}
    Notice.objects.create(**mail, title="已发", status=DeliveryStatus.SENT, key="m:1")
    late = Notice.objects.create(**mail, title="待发", status=DeliveryStatus.PENDING, key="m:2")
    Notice.objects.filter(pk=late.pk).update(created_at=long_ago)
    Notice.objects.create(**mail, title="刚写", status=DeliveryStatus.PENDING, key="m:3")
    Notice.objects.create(
        user=world.resp_head, kind="returned", channel=Channel.INAPP, title="站内", key="m:4"
    )

    samples = scrape()

    assert total(samples, "portal_exports", state="done") == 1
    assert total(samples, "portal_exports", state="pending") == 2
    assert total(samples, "portal_exports_stuck") == 1
    assert total(samples, "portal_deliveries", state="sent") == 1
    assert total(samples, "portal_deliveries", state="pending") == 2  # in-portal notices are not deliveries
    assert total(samples, "portal_deliveries_undelivered") == 1


def test_only_the_monitoring_server_is_answered(settings):
    # no token: a client on this host only, never one behind the proxy
    assert Client(REMOTE_ADDR="10.1.2.3").get("/metrics").status_code == 404
    assert Client().get("/metrics", HTTP_X_FORWARDED_FOR="10.1.2.3").status_code == 404
    assert Client().get("/metrics", HTTP_FORWARDED="for=10.1.2.3").status_code == 404
    settings.METRICS_TOKEN = "s3cret-token"
    assert Client().get("/metrics").status_code == 404
    assert Client().get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    scrape(Client(REMOTE_ADDR="10.1.2.3"), HTTP_AUTHORIZATION="Bearer s3cret-token")


def test_a_database_that_does_not_answer_is_a_gauge_not_a_failed_scrape(monkeypatch):
    from django.db import OperationalError

    from portal.metrics import PortalCollector

    assert total(scrape(), "portal_database_up") == 1

    def unreachable(self):
        raise OperationalError("connection refused")
        yield

    monkeypatch.setattr(PortalCollector, "from_database", unreachable)
    samples = scrape()
    assert total(samples, "portal_database_up") == 0
    assert total(samples, "django_http_requests_total_by_method_total") > 0  # the rest is still there


@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="the queue length is read from Redis (CI's second run)"
)
def test_the_broker_queue_length_is_read_from_redis():
    from portal.celery import app

    queue = "metrics-test-queue"
    kept = app.conf.task_always_eager, app.conf.task_default_queue
    app.conf.task_always_eager, app.conf.task_default_queue = False, queue
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(queue)
        for n in range(3):
            app.send_task("portal.no_such_task", args=[n], queue=queue, connection=conn)
    try:
        samples = scrape()
        assert total(samples, "portal_celery_queue_length", queue=queue) == 3
        assert total(samples, "portal_broker_up") == 1
    finally:
        with app.connection_for_write() as conn:
            conn.default_channel.queue_purge(queue)
        app.conf.task_always_eager, app.conf.task_default_queue = kept
