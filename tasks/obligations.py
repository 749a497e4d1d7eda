"""Who owes which report when (报送义务), generated as rows from the plan, so that every count that
follows (my work, the dashboard, reminders, exports) is one SQL query over them.

The rules, all read from data an administrator edits:
- Routine progress: every period of the plan's cadence (`Plan.report_cadence`, monthly or quarterly)
  from its `start_month` to December, due on the `report_due_day` of the month after the period.
- Routine progress is owed by each item's lead and responsible units (牵头单位, 责任单位); cooperating
  units (配合单位) owe none unless the item says `cooperating_units_report`.
- A deadline of the plan (item 3's half-year and annual summaries) is owed by every unit assigned to
  its item, by the deadline's date; a deadline on a routine period moves that period's due date.
- A unit added to a running plan owes nothing for a period that had ended before its
  `Assignment.reports_from`: a change never creates overdue reports in the past.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from .choices import AssignmentRole
from .data_version import data_changed
from .models import Obligation, Plan, WorkItem
from .periods import Period, parse_period

# sent with `plan` inside the transaction of a sync that changed the plan's obligations (reports keeps
# its counts of them true: reports.tally)
obligations_changed = Signal()


def due_date_for(*, plan: Plan, period: Period, deadlines=()) -> dt.date:
    """When a report for `period` on an item is due: the item's deadline for that period if it has
    one, else the period's due date by the plan's due day."""
    for deadline in deadlines:
        if parse_period(deadline.period).key == period.key:
            return deadline.due_date
    return period.due_date(plan.report_due_day)


def owed_obligations(plan: Plan) -> dict[tuple[int, int, str], tuple[str, dt.date, dt.date]]:
    """Every (work item, unit, period) the plan makes owed, with (kind, period start, due date)."""
    periods = plan.routine_periods()
    items = WorkItem.objects.filter(plan=plan).prefetch_related("assignments", "deadlines")
    owed = {}
    for item in items:
        deadlines = list(item.deadlines.all())
        assignments = list(item.assignments.all())
        for assignment in assignments:
            if assignment.role == AssignmentRole.COOPERATING and not item.cooperating_units_report:
                continue
            for period in periods:
                if _before_joining(assignment, period):
                    continue
                due = due_date_for(plan=plan, period=period, deadlines=deadlines)
                owed[(item.pk, assignment.unit_id, period.key)] = (period.kind, period.start, due)
        for deadline in deadlines:
            period = parse_period(deadline.period)
            for assignment in assignments:
                if _before_joining(assignment, period):
                    continue
                owed[(item.pk, assignment.unit_id, period.key)] = (
                    period.kind,
                    period.start,
                    deadline.due_date,
                )
    return owed


def _before_joining(assignment, period: Period) -> bool:
    """The period had ended before the unit took its part on the item (Assignment.reports_from)."""
    return assignment.reports_from is not None and period.end < assignment.reports_from


def day_end(day: dt.date) -> dt.datetime:
    """The moment `day` ends in the portal's time zone: the next day's midnight."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


@dataclass(frozen=True)
class SyncResult:
    created: int
    updated: int
    deleted: int


@transaction.atomic
def obligations_sync(*, plan: Plan) -> SyncResult:
    """Bring the plan's obligation rows in line with its rules: create what is newly owed, move due
    dates that changed, delete what is no longer owed. Idempotent; reports are not touched (a report
    whose obligation went, e.g. after a change of cadence, stays in the unit's history)."""
    owed = owed_obligations(plan)
    existing = {(o.work_item_id, o.unit_id, o.period): o for o in Obligation.objects.filter(plan=plan)}
    create, update = [], []
    for key, (kind, start, due) in owed.items():
        row = existing.get(key)
        if row is None:
            item_id, unit_id, period = key
            create.append(
                Obligation(
                    plan=plan,
                    work_item_id=item_id,
                    unit_id=unit_id,
                    period=period,
                    kind=kind,
                    period_start=start,
                    due_date=due,
                    due_end=day_end(due),
                )
            )
        elif (row.kind, row.period_start, row.due_date, row.due_end) != (kind, start, due, day_end(due)):
            row.kind, row.period_start, row.due_date, row.due_end = kind, start, due, day_end(due)
            update.append(row)
    Obligation.objects.bulk_create(create, batch_size=500)
    Obligation.objects.bulk_update(update, ["kind", "period_start", "due_date", "due_end"], batch_size=500)
    stale = [row.pk for key, row in existing.items() if key not in owed]
    for start in range(0, len(stale), 500):
        Obligation.objects.filter(pk__in=stale[start : start + 500]).delete()
    data_changed()  # bulk writes send no post_save
    if create or update or stale:
        obligations_changed.send(sender=Plan, plan=plan)
    return SyncResult(len(create), len(update), len(stale))
