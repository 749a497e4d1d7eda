"""The leaders' overview rebuilt in the background after a change, so that a leader who opens it
finds it in the cache instead of waiting for the whole year to be counted.

When a transaction that changed the plan or the reports commits (tasks.data_version.data_moved),
one warm-up is queued to run DASHBOARD_WARM_SECONDS later; changes arriving before it starts join
it, so a burst of submissions costs one rebuild, not one per submission (a change arriving while it
runs queues the next). It builds what a leader's first
look asks for (this year's plan as of today: the overview page and the dashboard API) under the
data version of its own moment, exactly as a leader's request would. Nothing is queued where tasks
run in-process (the embedded default) or the dashboard is not kept in the cache."""

from celery import current_app
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import Http404

from core.queue import enqueue
from tasks.data_version import CacheDown, cache_call
from units.choices import Role

from .question import read_question

QUEUED = "dashboard:warm-queued"
# how long the mark of a queued warm-up lasts if its job never starts (a worker busy or gone)
QUEUED_AT_MOST = 300


def warm_soon(**kwargs) -> bool:
    """Queue a warm-up unless one is already waiting; True when this call queued it."""
    delay = settings.DASHBOARD_WARM_SECONDS
    if not delay or not settings.DASHBOARD_CACHE_SECONDS or current_app.conf.task_always_eager:
        return False
    try:
        if not cache_call("add", QUEUED, 1, max(QUEUED_AT_MOST, delay)):
            return False
    except CacheDown:
        return False  # no cache to warm
    from .jobs import warm_dashboard

    return enqueue(warm_dashboard, countdown=delay)


def dashboard_warm() -> bool:
    """Build and keep the overview and the dashboard API as a leader first sees them; False when
    there is no leader or no plan to build them for (their cached answers are shared by every
    leader). Changes from now on queue the next warm-up."""
    from .api.dashboard import dashboard_data
    from .views.overview import board_html

    try:
        cache_call("delete", QUEUED)
    except CacheDown:
        return False
    leader = get_user_model().objects.filter(is_active=True, role=Role.LEADER).order_by("pk").first()
    if leader is None:
        return False
    try:
        question = read_question({}, user=leader)
    except Http404:  # no plan yet
        return False
    board_html(leader, question)
    dashboard_data(leader, question)
    return True
