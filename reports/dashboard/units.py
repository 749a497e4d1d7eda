"""Each unit's reporting record as of a date (按时报送率, 逾期未报, 一次通过率): the figures of the
dashboard's unit table, the unit page and the ranking (考评), each an aggregate in SQL."""

from dataclasses import dataclass

from django.db.models import Count

from tasks.models import Assignment
from units.models import Unit

from ..figures.counts import Pairs


@dataclass
class UnitRow:
    unit: Unit
    assigned: int = 0  # work items the unit is named on, in any role
    owed: int = 0  # 应报: obligations due by the as-of date; every count below is of these
    submitted: int = 0  # 已报: of those, submitted
    on_time: int = 0  # of those, submitted by their due date
    late: int = 0  # of those, submitted after their due date
    overdue: int = 0  # due, nothing submitted
    ahead: int = 0  # 提前报送: submitted before they were due (in none of the counts above)
    approved: int = 0  # reports approved by the as-of date
    approved_first_time: int = 0  # of those, never returned

    @property
    def on_time_rate(self) -> int | None:
        """按时报送率: the share of the obligations due that were submitted by their due date."""
        return round(100 * self.on_time / self.owed) if self.owed else None

    @property
    def first_time_rate(self) -> int | None:
        """一次通过率: the share of approved reports approved without being returned."""
        return round(100 * self.approved_first_time / self.approved) if self.approved else None


# the ranking's sort keys: (label, key function, best first); None (nothing owed yet) sorts last
RANKINGS = {
    "on_time_rate": lambda r: (r.on_time_rate is None, -(r.on_time_rate or 0), r.overdue),
    "overdue": lambda r: (-r.overdue, r.on_time_rate or 0),
    "first_time_rate": lambda r: (r.first_time_rate is None, -(r.first_time_rate or 0)),
}


def unit_rows(*, plan, units, pairs: Pairs) -> list[UnitRow]:
    """Each of `units` (a queryset) with its figures, added up from `pairs` (reports.figures.counts, as
    of the date). Two queries."""
    rows = {unit.pk: UnitRow(unit=unit) for unit in units.order_by("sort_order", "pk")}
    # the ids themselves, not a subquery: a planner misjudging the subquery's size would otherwise
    # join every report against it
    assigned = (
        Assignment.objects.filter(work_item__plan=plan, unit_id__in=list(rows))
        .order_by()
        .values("unit_id")
        .annotate(n=Count("work_item_id", distinct=True))
    )
    for a in assigned:
        rows[a["unit_id"]].assigned = a["n"]
    for (_item_id, unit_id), c in pairs.items():
        row = rows.get(unit_id)
        if row is None:
            continue  # a unit the list leaves out
        row.owed += c.owed
        row.submitted += c.submitted
        row.on_time += c.on_time
        row.late += c.late
        row.overdue += c.overdue
        row.ahead += c.ahead
        row.approved += c.approved
        row.approved_first_time += c.approved_first_time
    return list(rows.values())


def ranked(rows: list[UnitRow], by: str) -> list[UnitRow]:
    key = RANKINGS.get(by, RANKINGS["on_time_rate"])
    return sorted(rows, key=lambda r: (*key(r), r.unit.sort_order, r.unit.pk))
