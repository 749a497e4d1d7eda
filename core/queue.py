"""Handing work to the Celery workers without letting an unreachable broker fail the request that
asked for it. The work itself is a row in the database (a notice to deliver, an export to build)
written in the request's transaction; the message only says "do it now". If the broker cannot take
the message, the row stays pending and a periodic sweep (notices.jobs, exports.jobs) sends it again
once the broker is back: a delay, never a lost or stuck piece of work."""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError

log = logging.getLogger(__name__)


def enqueue(task, *args, countdown: float | None = None) -> bool:
    """Send `task(*args)` to the workers now (to run in `countdown` seconds); False, logged, when the
    broker cannot be reached."""
    try:
        task.apply_async(args, retry=False, countdown=countdown)
    except (OperationalError, OSError):  # kombu's wrapper of the broker's connection errors
        log.warning("broker unreachable: %s%r left for the sweep", task.name, args, exc_info=True)
        return False
    return True


def enqueue_on_commit(task, *args) -> None:
    """Send it once the transaction that wrote its row commits (never for a row rolled back)."""
    transaction.on_commit(lambda: enqueue(task, *args))
