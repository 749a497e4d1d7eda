"""A worker process killed while it posts to a work-group robot (the OOM killer's SIGKILL to the pool
process) leaves the message neither lost nor sent twice: the task goes back to the queue, finds the
dead attempt's claim and leaves it; once the claim has expired the sweep sends the message again, and
the robot takes it exactly once. A real Celery worker (prefork) on this machine's Redis and
PostgreSQL (CI's second run); elsewhere skipped."""

import datetime as dt
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from core.queue import enqueue
from notices.jobs import deliver_notice, sweep_deliveries
from notices.models import Channel, DeliveryStatus, Notice, NoticeKind
from tests.workers import NEEDS_A_WORKER, kill_pool, pool_children, wait_for, worker_process

pytestmark = NEEDS_A_WORKER


class SlowRobot(BaseHTTPRequestHandler):
    """A robot that, while `hold` is set, reads a post and keeps its sender waiting for the answer; a
    message is taken when the robot answers errcode 0 (the sender then marks it sent)."""

    arrived: list = []
    taken: list = []
    hold = threading.Event()

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        SlowRobot.arrived.append(body)
        if SlowRobot.hold.is_set():
            while SlowRobot.hold.is_set():  # its sender is killed meanwhile: never answered, never taken
                time.sleep(0.1)
            return
        SlowRobot.taken.append(body)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"errcode": 0, "errmsg": "ok"}')

    def log_message(self, *args):
        pass


@pytest.fixture
def slow_robot():
    SlowRobot.arrived, SlowRobot.taken = [], []
    SlowRobot.hold.set()
    server = ThreadingHTTPServer(("127.0.0.1", 0), SlowRobot)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/cgi-bin/webhook/send?key=test"
    SlowRobot.hold.clear()
    server.shutdown()


def received(log) -> int:
    """How many times the worker has taken a delivery task from the queue."""
    return sum(
        "reports.deliver_notice" in line and "received" in line.lower()
        for line in log.read_text().splitlines()
    )


def test_killing_the_pool_process_mid_post_sends_the_message_once(
    world, slow_robot, transactional_db, tmp_path
):
    log = tmp_path / "worker.log"
    with worker_process(log=log) as worker:
        notice = Notice.objects.create(
            channel=Channel.WEBHOOK, kind=NoticeKind.URGED, key="killed:1", recipient=f"unit:{world.resp.pk}",
            unit=world.resp, address=slow_robot, title="【催办】请报送 6 月进展", body="内容",
        )  # fmt: skip
        assert enqueue(deliver_notice, notice.pk)

        # when the pool process is killed while the robot keeps it waiting
        assert wait_for(lambda: len(SlowRobot.arrived) == 1, seconds=60)
        assert Notice.objects.get(pk=notice.pk).status == DeliveryStatus.SENDING
        kill_pool(worker)

        # then the task comes back (rejected on the lost worker), finds the claim and sends nothing
        assert wait_for(lambda: len(pool_children(worker.pid)) == 1, seconds=30)  # a new pool process
        assert wait_for(lambda: received(log) == 2, seconds=30), log.read_text()[-3000:]
        time.sleep(2)
        assert len(SlowRobot.arrived) == 1 and SlowRobot.taken == []
        assert Notice.objects.get(pk=notice.pk).status == DeliveryStatus.SENDING

        # once the claim has expired (ten minutes, moved here) the sweep sends it, and the robot takes it
        SlowRobot.hold.clear()
        Notice.objects.filter(pk=notice.pk).update(
            claimed_until=timezone.now() - dt.timedelta(seconds=1),
            created_at=timezone.now() - dt.timedelta(minutes=5),
        )
        assert sweep_deliveries() == 1
        assert wait_for(lambda: Notice.objects.get(pk=notice.pk).status == DeliveryStatus.SENT, seconds=60)
        assert len(SlowRobot.taken) == 1
        assert SlowRobot.taken[0]["text"]["content"].startswith("【催办】请报送 6 月进展")
        assert Notice.objects.get(pk=notice.pk).attempts == 2
        # and nothing more arrives afterwards
        time.sleep(2)
        assert len(SlowRobot.taken) == 1
