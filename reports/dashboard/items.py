"""The items' and targets' status as of a date: every figure from the functions in reports.figures,
every count an aggregate in SQL."""

import datetime as dt
from dataclasses import dataclass, field

from tasks.choices import AssignmentRole
from tasks.models import Assignment, Target, WorkItem

from ..figures.counts import PairCounts, Pairs
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


def _item_sums(pairs: Pairs) -> dict[int, tuple[PairCounts, set[int], set[int]]]:
    """Per item: its units' figures added up, the units with a report overdue, the units that declared
    their part complete."""
    sums: dict[int, tuple[PairCounts, set[int], set[int]]] = {}
    for (item_id, unit_id), counts in pairs.items():
        total, overdue, declared = sums.setdefault(item_id, (PairCounts(), set(), set()))
        total.add(counts)
        if counts.overdue:
            overdue.add(unit_id)
        if counts.declared:
            declared.add(unit_id)
    return sums


def item_rows(items, *, plan, pairs: Pairs, as_of: dt.date) -> list[ItemRow]:
    """Each item with its status and progress as of the date. `items` are the plan's items the user
    sees; `pairs` their units' figures (reports.figures.counts, the ones the user sees). A constant
    number of queries."""
    items = list(items.select_related("section").prefetch_related("targets").order_by("number"))
    roles: dict[int, list[tuple[int, str]]] = {}
    # (unit, role) as plain tuples: at thousands of units, building a model object for each costs more
    # than every other figure of the page
    assigned = Assignment.objects.filter(work_item__in=[item.pk for item in items])
    for item_id, unit_id, role in assigned.values_list("work_item_id", "unit_id", "role"):
        roles.setdefault(item_id, []).append((unit_id, role))
    all_targets = [t for item in items for t in item.targets.all()]
    targets_by_item: dict[int, list[TargetRow]] = {}
    for row in target_rows(all_targets, plan=plan, as_of=as_of):
        targets_by_item.setdefault(row.target.work_item_id, []).append(row)
    sums = _item_sums(pairs)
    declaring_roles = (AssignmentRole.LEAD, AssignmentRole.RESPONSIBLE)

    result = []
    for item in items:
        assignments = roles.get(item.pk, [])
        declarers = {unit_id for unit_id, role in assignments if role in declaring_roles}
        leads = {unit_id for unit_id, role in assignments if role == AssignmentRole.LEAD}
        reporting = declarers | (
            {unit_id for unit_id, _ in assignments} if item.cooperating_units_report else set()
        )
        rows = targets_by_item.get(item.pk, [])
        c, overdue_units, declared = sums.get(item.pk, (PairCounts(), set(), set()))
        facts = ItemFacts(
            target_statuses=tuple(r.status.status for r in rows),
            overdue=c.overdue,
            overdue_units=len(overdue_units),
            lead_overdue=bool(leads & overdue_units),
            reporters=len(reporting),
            returned=c.returned,
            late_recent=c.late_recent,
            declarers=len(declarers),
            declared=len(declarers & declared),
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
