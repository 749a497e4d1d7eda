"""One work item as of a date: its status and targets (the dashboard's functions), each target's
actual period by period, and the units' obligations for it, a page of units at a time."""

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef

from tasks.choices import ROUTINE_KINDS
from tasks.models import Obligation, WorkItem
from tasks.periods import parse_period
from units.models import Unit

from ..figures.history import target_history
from ..obligations import obligation_list
from .items import ItemRow, item_rows
from .pairs import PairSource

UNITS_PER_PAGE = 50  # rows of the obligation grid, and of the reporters' figures
# a chart draws each reporter's line up to this many reporters (the province's nine cities and its lead
# units); beyond, the total only
UNIT_LINES = 12


@dataclass
class ItemPage:
    row: ItemRow
    history: list  # TargetHistory per target
    periods: list  # the periods of the obligation grid, in order (routine, then summaries)
    units: Page  # the units of the grid on this page, in the roster's order
    matrix: list  # (unit, {period key: obligation}) per unit of the page


def item_page(*, user, item: WorkItem, as_of: dt.date, units_page=None) -> ItemPage:
    owed = Obligation.objects.restrict(user).filter(plan=item.plan)
    source = PairSource(user=user, plan=item.plan, obligations=owed, as_of=as_of, work_item_id=item.pk)
    row = item_rows(WorkItem.objects.filter(pk=item.pk), plan=item.plan, source=source, as_of=as_of)[0]
    routine = [p for p in item.plan.routine_periods() if p.start <= as_of]
    # the targets and their reporters as the caller prefetched them
    history = target_history(item.targets.all(), periods=routine, as_of=as_of)
    grid = obligation_grid(user=user, item=item, as_of=as_of, units_page=units_page)
    return ItemPage(row=row, history=history, **grid)


def obligation_grid(*, user, item, as_of, units_page) -> dict:
    """The grid's columns (every period of the item's obligations owed by `as_of`) and a page of its
    rows (units with such an obligation), each unit's cells by period: the page's cost follows the
    units it shows."""
    owed = Obligation.objects.restrict(user).filter(work_item=item, period_start__lte=as_of)
    units = Unit.objects.filter(Exists(owed.filter(unit=OuterRef("pk")))).order_by("sort_order", "pk")
    page = Paginator(units, UNITS_PER_PAGE).get_page(units_page)
    columns = owed.order_by().values_list("period", "kind", "period_start", "due_date").distinct()
    # routine periods first, then the summaries, each by start and due date; a period once
    first = {}
    for period, *_when in sorted(columns, key=lambda c: (c[1] not in ROUTINE_KINDS, c[2], c[3])):
        first.setdefault(period, None)
    cells = {unit: {} for unit in page.object_list}
    by_id = {unit.pk: unit for unit in cells}
    shown = (
        obligation_list(user=user, as_of=as_of)
        .filter(work_item=item, unit__in=list(by_id))
        .order_by("unit__sort_order", "period_start", "due_date")
    )
    for obligation in shown:
        cells[by_id[obligation.unit_id]][obligation.period] = obligation
    return {
        "periods": [(key, parse_period(key).label) for key in first],
        "units": page,
        "matrix": list(cells.items()),
    }


def history_charts(history) -> dict:
    """The item page's line charts: each target's actual and, up to UNIT_LINES reporters, each
    reporter's figure, by period."""
    charts = {}
    for h in history:
        goal = h.target.target_min if h.target.target_value is None else h.target.target_value
        lines = [
            {
                "name": "实际（合计）",
                "total": True,
                "values": [None if v is None else float(v) for v in h.actual],
                "goal": float(goal),
            }
        ]
        if len(h.by_unit) <= UNIT_LINES:
            lines += [
                {"name": name, "values": [None if v is None else float(v) for v in values]}
                for name, values in h.by_unit.items()
            ]
        charts[f"history-{h.target.pk}"] = {
            "periods": [p.label for p in h.periods],
            "unit": h.target.measure_unit,
            "lines": lines,
        }
    return charts
