"""/metrics for Prometheus: django-prometheus's counters (requests by view and status, latency,
database queries and errors, cache hits and misses), added up over every gunicorn worker where
PROMETHEUS_MULTIPROC_DIR is set, and the portal's own gauges read when scraped: Celery messages
waiting in the broker, export jobs and e-mail/robot deliveries by state, and those stuck.

Only for the monitoring server: with METRICS_TOKEN set it must send `Authorization: Bearer <token>`;
without one, only a client on this host (no proxy in between) is answered. Anyone else gets 404."""

import datetime as dt
import hmac
import logging
import os

import prometheus_client
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

log = logging.getLogger(__name__)
LOOPBACK = {"127.0.0.1", "::1"}
FORWARDED = ("HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED")


def _queue_length(queue: str) -> int | None:
    """Messages waiting in the broker's queue; None when it cannot be reached."""
    from portal.celery import app

    try:
        with app.connection_for_read() as conn:
            conn.ensure_connection(max_retries=0, timeout=2)
            return conn.default_channel._size(queue)
    except Exception as exc:
        log.warning("metrics: broker unreachable (%s)", exc.__class__.__name__)
        return None


class PortalCollector:
    """The portal's gauges, computed from the database and the broker at each scrape; a database that
    does not answer is a gauge too (portal_database_up 0), not a failed scrape."""

    def collect(self):
        try:
            gauges = list(self.from_database())
        except DatabaseError as exc:
            log.warning("metrics: database unreachable (%s)", exc.__class__.__name__)
            gauges = []
        yield from gauges
        yield GaugeMetricFamily(
            "portal_database_up", "数据库可连接（1）或不可连接（0）", value=int(bool(gauges))
        )
        yield from self.broker()

    def from_database(self):
        from exports.admin import stuck_jobs
        from exports.models import ExportJob
        from notices.delivery import SENDERS, undelivered_rows
        from notices.models import Notice

        exports = GaugeMetricFamily("portal_exports", "导出任务数（按状态）", labels=["state"])
        for row in ExportJob.objects.values("status").annotate(n=Count("pk")):
            exports.add_metric([row["status"]], row["n"])
        yield exports
        yield GaugeMetricFamily(
            "portal_exports_stuck", "卡住的导出任务数", value=ExportJob.objects.filter(stuck_jobs()).count()
        )
        deliveries = GaugeMetricFamily("portal_deliveries", "邮件和工作群消息数（按状态）", labels=["state"])
        rows = Notice.objects.filter(channel__in=SENDERS).values("status").annotate(n=Count("pk"))
        for row in rows:
            deliveries.add_metric([row["status"]], row["n"])
        yield deliveries
        late = undelivered_rows(before=timezone.now() - dt.timedelta(minutes=10))
        yield GaugeMetricFamily(
            "portal_deliveries_undelivered", "超过 10 分钟仍未送达的消息数", value=late.count()
        )
        yield from self.broker()

    def broker(self):
        """Nothing where tasks run in-process (the embedded default has no broker)."""
        from portal.celery import app

        if app.conf.task_always_eager:
            return
        queue = GaugeMetricFamily("portal_celery_queue_length", "消息队列中等待的任务数", labels=["queue"])
        name = app.conf.task_default_queue
        length = _queue_length(name)
        if length is not None:
            queue.add_metric([name], length)
        yield queue
        yield GaugeMetricFamily(
            "portal_broker_up", "消息队列可连接（1）或不可连接（0）", value=int(length is not None)
        )


def _allowed(request) -> bool:
    token = settings.METRICS_TOKEN
    if token:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ")
        return hmac.compare_digest(given.encode(), token.encode())
    forwarded = any(header in request.META for header in FORWARDED)
    return request.META.get("REMOTE_ADDR") in LOOPBACK and not forwarded


@login_not_required
@require_GET
def metrics(request):
    if not _allowed(request):
        raise Http404
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        base = prometheus_client.CollectorRegistry()
        MultiProcessCollector(base)
    else:
        base = prometheus_client.REGISTRY
    own = prometheus_client.CollectorRegistry(auto_describe=False)
    own.register(PortalCollector())
    body = prometheus_client.generate_latest(base) + prometheus_client.generate_latest(own)
    return HttpResponse(body, content_type=prometheus_client.CONTENT_TYPE_LATEST)
