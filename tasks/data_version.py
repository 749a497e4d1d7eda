"""A number that moves whenever the plan's or the reports' data changes, so that an expensive read
(the leaders' dashboard) can be kept in the cache under it and is never served after a change.

Every save or delete of a plan, item, unit, obligation, report, figure, event or file moves it
(signals, connected in TasksConfig.ready), and so does each bulk write, which sends no signal
(its caller calls `data_changed`). It moves at once, and again when the transaction commits: a read
that ran in between, on the data before the commit, cannot be kept under the new number.

The number lives in the cache itself, which must therefore be shared by every server process:
Redis where REDIS_URL is set; the embedded default (one process) keeps it in memory. When the cache
cannot be reached, a change still succeeds: it moves the epoch in the database instead (once, when
it commits), and the version is read as (epoch, number), so nothing kept before is served again. A
version that cannot be read at all is None: the caller then computes afresh and keeps nothing."""

import logging
import time

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.dispatch import Signal

KEY = "portal:data-version"
WATCHED_APPS = {"tasks", "reports"}
WATCHED_MODELS = {("units", "unit")}
log = logging.getLogger(__name__)
# sent once a transaction that changed the data has committed (reports.warm rebuilds the dashboard)
data_moved = Signal()


# after the cache failed, this process stops asking it for a few seconds: a request with many
# saves waits for one failure, not one per save
RETRY_AFTER = 5.0
_down_until = 0.0


def cache_call(method: str, *args, **kwargs):
    """`cache.<method>(...)`, or CacheDown while the cache is unreachable."""
    global _down_until
    if time.monotonic() < _down_until:
        raise CacheDown
    try:
        return getattr(cache, method)(*args, **kwargs)
    except ValueError:
        raise
    except Exception as exc:
        _down_until = time.monotonic() + RETRY_AFTER
        log.warning("cache unreachable (%s): going on without it", exc.__class__.__name__)
        raise CacheDown from exc


class CacheDown(Exception):
    pass


def _epoch() -> int:
    from .models import DataEpoch

    return DataEpoch.objects.values_list("number", flat=True).order_by("pk").first() or 0


def data_version() -> str | None:
    """The current version, or None when the cache cannot be reached."""
    try:
        version = cache_call("get", KEY)
        if version is None:
            # a new start (or an evicted key) begins from the clock, never from a number used before
            cache_call("add", KEY, time.time_ns(), timeout=None)
            version = cache_call("get", KEY)
    except CacheDown:
        return None
    return f"{_epoch()}.{version}"


def _move() -> None:
    try:
        try:
            cache_call("incr", KEY)
        except ValueError:  # not there: any new number will do
            cache_call("add", KEY, time.time_ns(), timeout=None)
    except CacheDown:
        _once_on_commit(_move_epoch)


def _once_on_commit(func) -> None:
    """`func` once when the current transaction commits, however many changes it holds (a change
    rolled back with its savepoint takes its call with it)."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(f is func for _, f, _ in connection.run_on_commit):
        return
    transaction.on_commit(func, robust=True)


def _move_epoch() -> None:
    from .models import DataEpoch

    if not DataEpoch.objects.update(number=F("number") + 1):
        DataEpoch.objects.create(number=1)


def _committed() -> None:
    _move()
    data_moved.send(sender=None)


def data_changed(**kwargs) -> None:
    _move()
    _once_on_commit(_committed)


def watched(model) -> bool:
    meta = model._meta
    if (meta.app_label, meta.model_name) == ("tasks", "dataepoch"):
        return False
    return meta.app_label in WATCHED_APPS or (meta.app_label, meta.model_name) in WATCHED_MODELS


def on_model_change(sender, **kwargs) -> None:
    if watched(sender):
        data_changed()


def connect() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for name, signal in (("save", post_save), ("delete", post_delete), ("m2m", m2m_changed)):
        signal.connect(on_model_change, dispatch_uid=f"data-version-{name}")
