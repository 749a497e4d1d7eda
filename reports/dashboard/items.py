"""The items' and targets' status as of a date: every figure from the functions in reports.figures,
every count an aggregate in SQL."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, Value, When

from core.db import latest_of
from tasks.choices import AssignmentRole
from tasks.models import Target, WorkItem
from tasks.obligations import day_end

from ..choices import REPORTED_STATES, ObligationState, ReportStatus
from ..figures.status import (
    ITEM_STATUSES,
    RECENT_LATE_DAYS,
    ItemFacts,
    Status,
    TargetStatus,
    item_progress,
    item_reasons,
    item_status,
    plan_start,
    target_status,
)
from ..figures.targets import TargetActual, target_actuals
from ..models import ProgressReport


@dataclass(frozen=True)
class TargetRow:
    target: Target
    actual: TargetActual
    status: TargetStatus


@dataclass
class ItemRow:
    item: WorkItem
    status: Status
    progress_pct: int
    facts: ItemFacts
    owed: int = 0  # 应报: obligations due by the as-of date
    submitted: int = 0  # 已报: of those, the ones submitted (never more than owed)
    ahead: int = 0  # 提前报送: submitted before they were due (not in owed or submitted)
    targets: list[TargetRow] = field(default_factory=list)

    @property
    def reasons(self) -> list[str]:
        return item_reasons(self.facts)


def target_rows(targets, *, plan, as_of: dt.date) -> list[TargetRow]:
    """Each target with its actual as of the date and its status (one query)."""
    targets = list(targets)
    actuals = target_actuals(targets, as_of=as_of)
    start = plan_start(plan)
    return [
        TargetRow(t, actuals[t.pk], target_status(t, actuals[t.pk].value, start=start, as_of=as_of))
        for t in targets
    ]


def _obligation_counts(obligations, *, as_of: dt.date) -> dict[int, dict]:
    """Per item, one basis for every count: owed (due by as_of), submitted (of those), ahead
    (submitted, not yet due), overdue, returned, late_recent; and the units with a report overdue.
    Two grouped queries over the obligations' states."""
    recent = as_of - dt.timedelta(days=RECENT_LATE_DAYS)
    rows = (
        obligations.annotate(
            is_recent=Case(When(due_date__gte=recent, then=Value(True)), default=Value(False)),
        )
        .order_by()
        .values("work_item_id", "state", "late", "is_due", "is_recent")
        .annotate(n=Count("pk"))
    )
    counts: dict[int, dict] = {}
    for row in rows:
        c = counts.setdefault(
            row["work_item_id"],
            dict(owed=0, submitted=0, ahead=0, overdue=0, returned=0, late_recent=0, overdue_units=set()),
        )
        state, n, due = row["state"], row["n"], row["is_due"]
        reported = state in REPORTED_STATES
        c["owed"] += n if due else 0
        c["submitted"] += n if due and reported else 0
        c["ahead"] += n if reported and not due else 0
        c["overdue"] += n if state == ObligationState.OVERDUE else 0
        c["returned"] += n if state == ObligationState.RETURNED else 0
        c["late_recent"] += n if reported and row["late"] and row["is_recent"] else 0
    overdue_units = (
        obligations.filter(state=ObligationState.OVERDUE)
        .order_by()
        .values_list("work_item_id", "unit_id")
        .distinct()
    )
    for item_id, unit_id in overdue_units:
        counts[item_id]["overdue_units"].add(unit_id)
    return counts


def _year_counts(year_obligations) -> dict[int, int]:
    """Per item, the year's obligations, due or not (what an item's reporting progress is out of)."""
    rows = year_obligations.order_by().values("work_item_id").annotate(n=Count("pk"))
    return {row["work_item_id"]: row["n"] for row in rows}


def _declared_units(plan, *, as_of: dt.date) -> set[tuple[int, int]]:
    """(item, unit) pairs whose latest report approved by the end of `as_of` declares the unit's part
    complete (本项工作已完成). One query."""
    latest = ProgressReport.objects.filter(
        work_item__plan=plan, status=ReportStatus.APPROVED, approved_at__lt=day_end(as_of)
    )
    latest = latest_of(
        latest, per=["work_item_id", "unit_id"], order=[F("period_end").desc(), F("approved_at").desc()]
    )
    return set(latest.filter(completed=True).values_list("work_item_id", "unit_id"))


def item_rows(items, *, plan, obligations, year_obligations, as_of: dt.date) -> list[ItemRow]:
    """Each item with its status and progress as of the date. `items` are the plan's items the user
    sees; `obligations` the obligations_as_of the user sees, `year_obligations` all of theirs in the
    plan. A constant number of queries."""
    items = list(
        items.select_related("section").prefetch_related("assignments", "targets").order_by("number")
    )
    all_targets = [t for item in items for t in item.targets.all()]
    targets_by_item: dict[int, list[TargetRow]] = {}
    for row in target_rows(all_targets, plan=plan, as_of=as_of):
        targets_by_item.setdefault(row.target.work_item_id, []).append(row)
    counts = _obligation_counts(obligations, as_of=as_of)
    year = _year_counts(year_obligations)
    declared = _declared_units(plan, as_of=as_of)
    declaring_roles = (AssignmentRole.LEAD, AssignmentRole.RESPONSIBLE)

    result = []
    for item in items:
        assignments = item.assignments.all()
        declarers = {a.unit_id for a in assignments if a.role in declaring_roles}
        leads = {a.unit_id for a in assignments if a.role == AssignmentRole.LEAD}
        reporting = declarers | ({a.unit_id for a in assignments} if item.cooperating_units_report else set())
        rows = targets_by_item.get(item.pk, [])
        c = counts.get(item.pk, {})
        overdue_units = c.get("overdue_units", set())
        facts = ItemFacts(
            target_statuses=tuple(r.status.status for r in rows),
            overdue=c.get("overdue", 0),
            overdue_units=len(overdue_units),
            lead_overdue=bool(leads & overdue_units),
            reporters=len(reporting),
            returned=c.get("returned", 0),
            late_recent=c.get("late_recent", 0),
            declarers=len(declarers),
            declared=sum(1 for unit_id in declarers if (item.pk, unit_id) in declared),
            year_owed=year.get(item.pk, 0),
            reported=c.get("submitted", 0) + c.get("ahead", 0),
        )
        result.append(
            ItemRow(
                item=item,
                status=item_status(facts),
                progress_pct=item_progress(facts, [r.status.progress_pct for r in rows]),
                facts=facts,
                owed=c.get("owed", 0),
                submitted=c.get("submitted", 0),
                ahead=c.get("ahead", 0),
                targets=rows,
            )
        )
    return result


def status_counts(rows: list[ItemRow]) -> dict[Status, int]:
    """How many items are in each status, in the order the page lists them."""
    counts = dict.fromkeys(ITEM_STATUSES, 0)
    for row in rows:
        counts[row.status] += 1
    return counts
