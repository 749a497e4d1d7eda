"""A number that moves whenever the plan's or the reports' data changes, so that an expensive read
(the leaders' dashboard) can be kept in the cache under it and is never served after a change.

Every save or delete of a plan, item, unit, obligation, report, figure, event or file moves it
(signals, connected in TasksConfig.ready), and so does each bulk write, which sends no signal
(its caller calls `data_changed`). It moves at once,
and again when the transaction commits: a read that ran in between, on the data before the commit,
cannot be kept under the new number.

The number lives in the cache itself, which must therefore be shared by every server process:
Redis where REDIS_URL is set; the embedded default (one process) keeps it in memory."""

import time

from django.core.cache import cache
from django.db import transaction

KEY = "portal:data-version"
WATCHED_APPS = {"tasks", "reports"}
WATCHED_MODELS = {("units", "unit")}


def data_version() -> int:
    version = cache.get(KEY)
    if version is None:
        # a new start (or an evicted key) begins from the clock, never from a number used before
        cache.add(KEY, time.time_ns(), timeout=None)
        version = cache.get(KEY)
    return version


def _move() -> None:
    try:
        cache.incr(KEY)
    except ValueError:  # not there: any new number will do
        cache.add(KEY, time.time_ns(), timeout=None)


def data_changed(**kwargs) -> None:
    _move()
    transaction.on_commit(_move)


def watched(model) -> bool:
    meta = model._meta
    return meta.app_label in WATCHED_APPS or (meta.app_label, meta.model_name) in WATCHED_MODELS


def on_model_change(sender, **kwargs) -> None:
    if watched(sender):
        data_changed()


def connect() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for name, signal in (("save", post_save), ("delete", post_delete), ("m2m", m2m_changed)):
        signal.connect(on_model_change, dispatch_uid=f"data-version-{name}")
