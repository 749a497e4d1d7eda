"""The daily reminder job, decided from the database alone (one function for the schedule, the
command and the tests):

- on each of REMINDER_DAYS_BEFORE before an obligation's due date (and the day itself), every unit
  that owes it and has not submitted is reminded (`before:<days>`);
- the day after its due date, and every seventh day after that until it is submitted, an overdue
  notice (`overdue:<date>`);
- every leader gets one digest a day of what is overdue, by item and by unit.

A unit hears once a day per kind, one notice listing all its obligations of that kind. Dates are the
portal's local dates (Asia/Shanghai): the job for a day means that day there, whatever the server's
clock zone. Units are taken in batches of BATCH, each in a constant number of queries."""

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError
from django.db.models import Count, Q

from reports.choices import UNSUBMITTED_STATES, ObligationState
from reports.obligations import obligations_as_of
from tasks.models import Obligation
from units.choices import Role
from units.models import User

from . import texts
from .models import Channel, NoticeKind, Reminder
from .writing import Draft, notices_write, to_people, to_unit, unit_people

BATCH = 500
OVERDUE_EVERY = 7
OPEN = UNSUBMITTED_STATES  # a returned report is told by its own notice, not reminded


@dataclass
class RunResult:
    day: dt.date
    notices: list = field(default_factory=list)  # written (or, in a dry run, to be written)

    def count(self, channel: str) -> int:
        return sum(1 for n in self.notices if n.channel == channel)


def occasion_of(obligation, day: dt.date) -> tuple[str, str] | None:
    """(kind, occasion) if `day` is one to remind of the obligation on."""
    days = (obligation.due_date - day).days
    if days >= 0:
        return (NoticeKind.REMINDER, f"before:{days}") if days in settings.REMINDER_DAYS_BEFORE else None
    late = -days
    if (late - 1) % OVERDUE_EVERY == 0:
        return NoticeKind.OVERDUE, f"overdue:{day.isoformat()}"
    return None


def due_on(day: dt.date):
    """The open obligations to remind of on `day` (not yet submitted), by due date."""
    before = [day + dt.timedelta(days=n) for n in settings.REMINDER_DAYS_BEFORE]
    after = [day - dt.timedelta(days=1 + OVERDUE_EVERY * n) for n in range(0, 60)]
    return (
        obligations_as_of(day, Obligation.objects.filter(Q(due_date__in=before) | Q(due_date__in=after)))
        .filter(state__in=OPEN)
        .select_related("work_item", "unit")
        .order_by("unit__sort_order", "unit_id", "due_date", "work_item__number", "period")
    )


def _key(kind: str, day: dt.date, pairs) -> str:
    digest = hashlib.sha1(";".join(f"{o}:{c}" for o, c in sorted(pairs)).encode()).hexdigest()[:12]
    return f"{kind}:{day.isoformat()}:{digest}"


def _unit_drafts(unit, people, dues, day: dt.date, done: set) -> list[Draft]:
    """A unit's notices of the day: for each kind, to each recipient, the obligations it has not been
    reminded of on that occasion yet."""
    drafts = []
    for kind in (NoticeKind.REMINDER, NoticeKind.OVERDUE):
        chosen = [(o, occasion) for o, k, occasion in dues if k == kind]
        if not chosen:
            continue
        for template in to_unit(unit, people, kind=kind, key="", title="", body=""):
            todo = [(o, c) for o, c in chosen if (o.pk, c, template.channel, template.recipient) not in done]
            if not todo:
                continue
            obligations = [o for o, _ in todo]
            title, body = texts.reminder_text(unit, obligations, day, overdue=kind == NoticeKind.OVERDUE)
            template.key = _key(kind, day, [(o.pk, c) for o, c in todo])
            template.title, template.body = title, body
            template.link = texts.report_link(obligations[0]) if len(obligations) == 1 else "/my-work/"
            template.obligation_id = obligations[0].pk if len(obligations) == 1 else None
            template.reminded = [(o.pk, c) for o, c in todo]
            drafts.append(template)
    return drafts


def _batch_drafts(rows, day: dt.date) -> list[Draft]:
    by_unit: dict[int, list] = {}
    units = {}
    for obligation in rows:
        found = occasion_of(obligation, day)
        if found:
            by_unit.setdefault(obligation.unit_id, []).append((obligation, *found))
            units[obligation.unit_id] = obligation.unit
    if not by_unit:
        return []
    people = unit_people(by_unit)
    done = set(
        Reminder.objects.filter(
            obligation_id__in=[o.pk for dues in by_unit.values() for o, *_ in dues],
            occasion__in={c for dues in by_unit.values() for *_, c in dues},
        ).values_list("obligation_id", "occasion", "channel", "recipient")
    )
    drafts = []
    for unit_id, dues in by_unit.items():
        drafts += _unit_drafts(units[unit_id], people.get(unit_id, []), dues, day, done)
    return drafts


def digest_drafts(day: dt.date) -> list[Draft]:
    """Each leader's digest of the day's overdue obligations, when there are any."""
    overdue = obligations_as_of(day).filter(state=ObligationState.OVERDUE).order_by()
    total = overdue.count()
    if not total:
        return []
    by_item = [
        (r["work_item__number"], r["work_item__title"], r["n"])
        for r in overdue.values("work_item__number", "work_item__title")
        .annotate(n=Count("pk"))
        .order_by("-n", "work_item__number")[:15]
    ]
    by_unit = [
        (r["unit__short_name"], r["n"])
        for r in overdue.values("unit__short_name", "unit__sort_order")
        .annotate(n=Count("pk"))
        .order_by("-n", "unit__sort_order")[:15]
    ]
    title, body = texts.digest_text(day, total, by_item, by_unit)
    leaders = User.objects.filter(role=Role.LEADER, is_active=True).order_by("pk")
    link = f"/obligations/?state=overdue&as_of={day.isoformat()}"
    return to_people(
        leaders, kind=NoticeKind.DIGEST, key=f"digest:{day.isoformat()}", title=title, body=body, link=link
    )


def reminders_run(day: dt.date, *, dry_run: bool = False, queue: bool = True) -> RunResult:
    """Write the day's reminders, overdue notices and digests not written before, batch by batch
    of units; with `queue`, the e-mails and posts go to the delivery task as each batch commits
    (else the caller sends them: `send_reminders`). With `dry_run`,
    return what would be written and write nothing."""
    result = RunResult(day=day)
    unit_ids = sorted(set(due_on(day).order_by().values_list("unit_id", flat=True)))
    for start in range(0, len(unit_ids), BATCH):
        batch = unit_ids[start : start + BATCH]
        for attempt in range(2):  # a second run at the same moment: redo the batch once
            drafts = _batch_drafts(due_on(day).filter(unit_id__in=batch), day)
            if dry_run:
                result.notices += drafts
                break
            try:
                result.notices += notices_write(drafts, queue=queue)
                break
            except IntegrityError:
                if attempt:
                    raise
    drafts = digest_drafts(day)
    if dry_run:
        result.notices += drafts
    else:
        try:
            result.notices += notices_write(drafts, queue=queue)
        except IntegrityError:
            pass  # the other run wrote today's digests
    return result


__all__ = ["Channel", "RunResult", "due_on", "occasion_of", "reminders_run"]
