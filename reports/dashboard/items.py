"""The items' and targets' status as of a date: every figure from the functions in reports.figures,
every count an aggregate in SQL."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q

from tasks.models import Assignment, Target, WorkItem

from ..figures.status import (
    ITEM_STATUSES,
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
from .pairs import DECLARING, ItemSum, PairSource


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


def _role_counts(item_ids) -> dict[int, tuple[int, int]]:
    """Per item: (its units, its lead and responsible units). One query."""
    rows = (
        Assignment.objects.filter(work_item__in=item_ids)
        .order_by()
        .values("work_item_id")
        .annotate(
            units=Count("unit_id", distinct=True),
            declarers=Count("unit_id", distinct=True, filter=Q(role__in=DECLARING)),
        )
    )
    return {row["work_item_id"]: (row["units"], row["declarers"]) for row in rows}


def item_rows(items, *, plan, source: PairSource, as_of: dt.date) -> list[ItemRow]:
    """Each item with its status and progress as of the date. `items` are the plan's items the user
    sees; `source` their units' figures (the ones the user sees), added up per item. A constant
    number of queries, each returning a row per item or per target."""
    items = list(items.select_related("section").prefetch_related("targets").order_by("number"))
    item_ids = [item.pk for item in items]
    roles = _role_counts(item_ids)
    all_targets = [t for item in items for t in item.targets.all()]
    targets_by_item: dict[int, list[TargetRow]] = {}
    for row in target_rows(all_targets, plan=plan, as_of=as_of):
        targets_by_item.setdefault(row.target.work_item_id, []).append(row)
    sums = source.item_sums(item_ids)

    result = []
    for item in items:
        units, declarers = roles.get(item.pk, (0, 0))
        rows = targets_by_item.get(item.pk, [])
        total = sums.get(item.pk, ItemSum())
        c = total.counts
        facts = ItemFacts(
            target_statuses=tuple(r.status.status for r in rows),
            overdue=c.overdue,
            overdue_units=total.overdue_units,
            lead_overdue=total.lead_overdue,
            reporters=units if item.cooperating_units_report else declarers,
            returned=c.returned,
            late_recent=c.late_recent,
            declarers=declarers,
            declared=total.declared,
            year_owed=c.year,
            reported=c.submitted + c.ahead,
        )
        result.append(
            ItemRow(
                item=item,
                status=item_status(facts),
                progress_pct=item_progress(facts, [r.status.progress_pct for r in rows]),
                facts=facts,
                owed=c.owed,
                submitted=c.submitted,
                ahead=c.ahead,
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
