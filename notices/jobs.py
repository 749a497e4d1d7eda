"""Celery tasks of the notices app (found by autodiscover_tasks(related_name="jobs")): thin wrappers over
the reminders and the delivery. Their names are those they had in the reports app, so that the beat
schedule and messages already queued still find them."""

import datetime as dt

from celery import shared_task
from django.utils import timezone

from core.queue import enqueue

from .delivery import MAX_ATTEMPTS, DeliveryFailed, deliver, undelivered
from .reminders import reminders_run


@shared_task(name="reports.daily_reminders")
def daily_reminders(day: str | None = None) -> dict:
    """The daily job (09:00 Asia/Shanghai, django-celery-beat): the day's reminders, overdue notices
    and digests, then another try for whatever earlier runs could not deliver."""
    started = timezone.now()
    result = reminders_run(dt.date.fromisoformat(day) if day else timezone.localdate())
    for pk in undelivered(before=started):
        enqueue(deliver_notice, pk)
    return {"day": result.day.isoformat(), "notices": len(result.notices)}


@shared_task(name="notices.sweep_deliveries")
def sweep_deliveries() -> int:
    """Every few minutes (django-celery-beat): queue again every e-mail and robot post still waiting,
    failed (under MAX_ATTEMPTS) or claimed by a worker that died, written more than a minute ago (a
    fresh one is on its way). What the broker could not take while it was down goes out here."""
    pending = undelivered(before=timezone.now() - dt.timedelta(minutes=1))
    for pk in pending:
        enqueue(deliver_notice, pk)
    return len(pending)


@shared_task(bind=True, name="reports.deliver_notice", max_retries=MAX_ATTEMPTS)
def deliver_notice(self, notice_id: int) -> bool:
    """Send one e-mail or robot post; on failure retry with a growing wait (1, 2, 4 … 60 minutes)."""
    try:
        return deliver(notice_id)
    except DeliveryFailed as exc:
        if self.request.is_eager:
            return False  # run in-process: the next sweep tries again
        raise self.retry(exc=exc, countdown=min(60 * 2**self.request.retries, 3600)) from exc
