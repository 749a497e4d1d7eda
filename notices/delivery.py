"""Sending a notice: claimed first, so that two workers, a retried task or a second run never send it
twice; a worker killed while sending leaves a claim that expires (CLAIM), after which the notice is
sent again by the next attempt. Every failure is kept on the notice (status, error, attempts) for
administrators to see, and logged."""

import datetime as dt
import json
import logging
import urllib.request

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.utils import timezone

from core.claims import claimable, take

from .models import Channel, DeliveryStatus, Notice

logger = logging.getLogger(__name__)

CLAIM = dt.timedelta(minutes=10)
MAX_ATTEMPTS = 8


class DeliveryFailed(Exception):
    pass


def send_email(notice: Notice) -> None:
    EmailMessage(
        subject=notice.title,
        body=notice.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[a for a in notice.address.split(",") if a],
    ).send(fail_silently=False)


def send_webhook(notice: Notice) -> None:
    """Post to a work-group robot in the text-message form that 企业微信 and 钉钉 robots accept; both
    answer {"errcode": 0} when they took it."""
    payload = json.dumps({"msgtype": "text", "text": {"content": f"{notice.title}\n{notice.body}"}})
    request = urllib.request.Request(
        notice.address,
        data=payload.encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        answer = response.read(10_000)
    try:
        errcode = json.loads(answer or b"{}").get("errcode", 0)
    except (ValueError, AttributeError):
        errcode = 0
    if errcode:
        raise DeliveryFailed(f"机器人返回错误：{answer[:300].decode(errors='replace')}")


SENDERS = {Channel.EMAIL: send_email, Channel.WEBHOOK: send_webhook}


WAITING = (DeliveryStatus.PENDING, DeliveryStatus.FAILED)


def _claimable(now) -> Q:
    return claimable(waiting=WAITING, running=DeliveryStatus.SENDING, expired=Q(claimed_until__lt=now))


def deliver(notice_id: int) -> bool:
    """Send the notice if no one else has or is: True if it went now, False if there was nothing to
    do; DeliveryFailed if the mail server or the robot refused it (the notice is marked failed)."""
    now = timezone.now()
    claimed = take(
        Notice.objects.filter(pk=notice_id, channel__in=SENDERS),
        waiting=WAITING, running=DeliveryStatus.SENDING, expired=Q(claimed_until__lt=now),
        claimed_until=now + CLAIM, attempts=F("attempts") + 1,
    )  # fmt: skip
    if not claimed:
        return False
    notice = Notice.objects.get(pk=notice_id)
    try:
        SENDERS[notice.channel](notice)
    except Exception as exc:  # any refusal: kept on the notice, retried later
        error = f"{type(exc).__name__}: {exc}"[:2000]
        Notice.objects.filter(pk=notice_id).update(
            status=DeliveryStatus.FAILED, error=error, claimed_until=None
        )
        logger.warning("notice %s (%s to %s) failed: %s", notice_id, notice.channel, notice.recipient, error)
        raise DeliveryFailed(error) from exc
    Notice.objects.filter(pk=notice_id).update(
        status=DeliveryStatus.SENT, sent_at=timezone.now(), error="", claimed_until=None
    )
    return True


def undelivered_rows(before: dt.datetime | None = None):
    """Notices to try again: waiting, failed (under MAX_ATTEMPTS), or claimed by a worker that has
    not finished in time; with `before`, only those written before then."""
    now = timezone.now()
    return Notice.objects.filter(_claimable(now), channel__in=SENDERS, created_at__lt=before or now).exclude(
        status=DeliveryStatus.FAILED, attempts__gte=MAX_ATTEMPTS
    )


def undelivered(before: dt.datetime | None = None) -> list[int]:
    return list(undelivered_rows(before).order_by("pk").values_list("pk", flat=True))
