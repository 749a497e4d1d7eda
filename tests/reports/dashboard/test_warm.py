"""After a change the overview is rebuilt in the background (reports.warm), so that the first leader
to look finds it ready, with the change in it; a burst of changes queues one rebuild."""

import datetime as dt
import os
import re

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.celery import app
from reports.choices import ReportStatus
from reports.jobs import warm_dashboard

NOW = timezone.make_aware(dt.datetime(2024, 12, 20, 10))


def overview(client) -> tuple[str, int]:
    """The board of the overview page as a leader gets it, and the queries it took."""
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/overview/").content.decode()
    board = re.search(r'data-testid="status-counts".*?vendor/echarts', page, re.S)
    return board.group(0), len(queries.captured_queries)


@time_machine.travel(NOW, tick=False)
def test_after_a_change_the_first_leader_finds_the_overview_built_and_true(world, make_report, client):
    client.force_login(world.leader)
    before, cold = overview(client)
    make_report(unit=world.lead, period="2024-11", status=ReportStatus.APPROVED)  # a change
    # what the queued job does, before any leader asks
    assert warm_dashboard() is True
    warmed, warm_queries = overview(client)
    # the work was done beforehand: the leader's request only reads it
    assert warm_queries < cold - 5
    # and it is the truth: the same page as one built afresh now
    cache.clear()
    fresh, _ = overview(client)
    assert warmed == fresh and warmed != before
    # the API's first answer was built by the job too
    cache.clear()
    warm_dashboard()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/dashboard/").status_code == 200
    assert len(queries.captured_queries) < cold - 5


def test_without_a_leader_there_is_nothing_to_build(world):
    world.leader.is_active = False
    world.leader.save()
    assert warm_dashboard() is False


@pytest.fixture
def broker_queue():
    """Messages reach the broker (tasks are not run in-process): how many wait in the default queue.
    On Redis each test process has a broker database of its own (12, 13 …), so that parallel tests
    do not count each other's messages; the in-memory broker is the process's own anyway."""
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    broker = saved["broker_url"]
    if broker.startswith("redis"):
        worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
        broker = f"{broker.rsplit('/', 1)[0]}/{12 + int(worker.removeprefix('gw') or 0)}"
    app.conf.update(broker_url=broker, task_always_eager=False)
    app._pool = None
    app.amqp._producer_pool = None
    queue = app.conf.task_default_queue
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(queue)
    try:
        yield lambda: app.connection_for_read().default_channel._size(queue)
    finally:
        with app.connection_for_write() as conn:
            conn.default_channel.queue_purge(queue)
        app.conf.update(**saved)
        app._pool = None
        app.amqp._producer_pool = None


# each change commits, as in a request
committed = pytest.mark.django_db(transaction=True)


@committed
def test_a_burst_of_changes_queues_one_rebuild_and_a_later_change_another(world, make_report, broker_queue):
    make_report(unit=world.lead, period="2024-10", status=ReportStatus.SUBMITTED)
    make_report(unit=world.resp, period="2024-10", status=ReportStatus.SUBMITTED)
    assert broker_queue() == 1
    # the queued job starts (here, in this process): a change from then on queues the next one
    warm_dashboard()
    make_report(unit=world.coop, period="2024-10", status=ReportStatus.SUBMITTED)
    assert broker_queue() == 2


@committed
def test_a_change_rolled_back_queues_nothing_and_the_next_one_does(world, make_report, broker_queue):
    from django.db import transaction

    try:
        with transaction.atomic():
            make_report(unit=world.lead, period="2024-10", status=ReportStatus.SUBMITTED)
            raise RuntimeError("abandoned")
    except RuntimeError:
        pass
    assert broker_queue() == 0
    make_report(unit=world.lead, period="2024-10", status=ReportStatus.SUBMITTED)
    assert broker_queue() == 1


@committed
def test_no_rebuild_is_queued_when_it_is_switched_off(world, make_report, broker_queue, settings):
    settings.DASHBOARD_WARM_SECONDS = 0
    make_report(unit=world.lead, period="2024-10", status=ReportStatus.SUBMITTED)
    assert broker_queue() == 0
