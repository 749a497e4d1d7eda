"""Writing notices: who receives an occasion over which channel, and the one place notices are
stored. A notice already written for its (channel, recipient, key) is not written again; e-mails
and robot posts are handed to the delivery task once the transaction commits."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from core.queue import enqueue
from units.choices import UNIT_ROLES
from units.models import User

from .models import Channel, DeliveryStatus, Notice, Reminder


@dataclass
class Draft:
    """A notice to write, with the (obligation id, occasion) pairs it reminds of, if any."""

    channel: str
    kind: str
    key: str
    recipient: str
    title: str
    body: str
    link: str = ""
    user: object = None
    unit: object = None
    address: str = ""
    urged: bool = False
    obligation_id: int | None = None
    report_id: int | None = None
    reminded: list = field(default_factory=list)

    @property
    def identity(self) -> tuple[str, str, str]:
        return self.channel, self.recipient, self.key


def unit_people(unit_ids: Iterable[int]) -> dict[int, list]:
    """The active staff and heads of each unit (one query)."""
    people: dict[int, list] = {}
    users = User.objects.filter(unit_id__in=list(unit_ids), is_active=True, role__in=UNIT_ROLES)
    for user in users.order_by("unit_id", "role", "pk"):
        people.setdefault(user.unit_id, []).append(user)
    return people


def emails_of(users) -> list[str]:
    return [u.email for u in users if u.email and u.email_notices]


def to_people(users, **notice) -> list[Draft]:
    """Each person's in-app notice, and an e-mail to each who has an address and wants e-mail."""
    drafts = []
    for user in users:
        drafts.append(Draft(channel=Channel.INAPP, recipient=f"user:{user.pk}", user=user, **notice))
        if user.email and user.email_notices:
            drafts.append(
                Draft(
                    channel=Channel.EMAIL,
                    recipient=f"user:{user.pk}",
                    user=user,
                    address=user.email,
                    **notice,
                )
            )
    return drafts


def to_unit(unit, people, **notice) -> list[Draft]:
    """A unit's people each in the portal; one e-mail to the unit's contact address and its people
    who want e-mail; one post to its work-group robot where it has one."""
    drafts = [
        Draft(channel=Channel.INAPP, recipient=f"user:{u.pk}", user=u, unit=unit, **notice) for u in people
    ]
    addresses = list(dict.fromkeys(([unit.email] if unit.email else []) + emails_of(people)))
    if addresses:
        drafts.append(
            Draft(
                channel=Channel.EMAIL,
                recipient=f"unit:{unit.pk}",
                unit=unit,
                address=",".join(addresses),
                **notice,
            )
        )
    if unit.webhook_url:
        drafts.append(
            Draft(
                channel=Channel.WEBHOOK,
                recipient=f"unit:{unit.pk}",
                unit=unit,
                address=unit.webhook_url,
                **notice,
            )
        )
    return drafts


def notices_write(drafts: list[Draft], *, queue: bool = True) -> list[Notice]:
    """Store the drafts not stored before, with their reminder records, in one transaction; return
    the new notices. With `queue`, their e-mails and posts go to the delivery task on commit (else
    the caller sends them). Two runs at once: the database's unique constraints refuse the second's rows
    (IntegrityError, and its transaction writes nothing)."""
    if not drafts:
        return []
    now = timezone.now()
    with transaction.atomic():
        keys = {d.key for d in drafts}
        existing = set(Notice.objects.filter(key__in=keys).values_list("channel", "recipient", "key"))
        fresh = [d for d in drafts if d.identity not in existing]
        notices = Notice.objects.bulk_create(
            [
                Notice(
                    channel=d.channel,
                    kind=d.kind,
                    key=d.key,
                    recipient=d.recipient,
                    user=d.user,
                    unit=d.unit,
                    address=d.address,
                    title=d.title[:200],
                    body=d.body,
                    link=d.link,
                    urged=d.urged,
                    obligation_id=d.obligation_id,
                    report_id=d.report_id,
                    # an in-app notice is delivered by being written
                    status=DeliveryStatus.SENT if d.channel == Channel.INAPP else DeliveryStatus.PENDING,
                    sent_at=now if d.channel == Channel.INAPP else None,
                )
                for d in fresh
            ]
        )
        Reminder.objects.bulk_create(
            [
                Reminder(
                    obligation_id=obligation_id,
                    occasion=occasion,
                    channel=d.channel,
                    recipient=d.recipient,
                    notice=n,
                )
                for d, n in zip(fresh, notices, strict=True)
                for obligation_id, occasion in d.reminded
            ]
        )
        outgoing = [n.pk for n in notices if n.channel != Channel.INAPP]
        if outgoing and queue:
            transaction.on_commit(lambda: hand_over(outgoing))
    return notices


def hand_over(notice_ids: list[int]) -> None:
    """Queue each e-mail and robot post for the delivery task, one task each: a slow mail server
    holds up only its own messages."""
    from .jobs import deliver_notice

    for pk in notice_ids:
        enqueue(deliver_notice, pk)
