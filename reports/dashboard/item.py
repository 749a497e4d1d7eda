"""One work item as of a date: its status and targets (the dashboard's functions), each target's
actual period by period, and every unit's obligations for it, period by period."""

import datetime as dt
from dataclasses import dataclass

from tasks.choices import ROUTINE_KINDS
from tasks.models import Obligation, WorkItem
from tasks.periods import parse_period

from ..figures.targets import target_history
from ..obligations import obligation_list
from .items import ItemRow, item_rows
from .pairs import pairs_as_of


@dataclass
class ItemPage:
    row: ItemRow
    history: list  # TargetHistory per target
    periods: list  # the periods of the obligation matrix, in order (routine, then summaries)
    matrix: list  # (unit, {period key: obligation}) per unit, in the units' order


def item_page(*, user, item: WorkItem, as_of: dt.date) -> ItemPage:
    obligations = obligation_list(user=user, as_of=as_of).filter(work_item=item)
    owed = Obligation.objects.restrict(user).filter(plan=item.plan)
    pairs = pairs_as_of(user=user, plan=item.plan, obligations=owed, as_of=as_of, work_item_id=item.pk)
    row = item_rows(WorkItem.objects.filter(pk=item.pk), plan=item.plan, pairs=pairs, as_of=as_of)[0]
    routine = [p for p in item.plan.routine_periods() if p.start <= as_of]
    history = target_history(item.targets.prefetch_related("reporters__unit"), periods=routine, as_of=as_of)
    cells: dict = {}
    periods: dict = {}
    for obligation in obligations.order_by("unit__sort_order", "unit_id", "period_start", "due_date"):
        cells.setdefault(obligation.unit, {})[obligation.period] = obligation
        periods.setdefault(obligation.period, obligation)
    ordered = sorted(
        periods.values(), key=lambda o: (o.kind not in ROUTINE_KINDS, o.period_start, o.due_date)
    )
    return ItemPage(
        row=row,
        history=history,
        periods=[(o.period, parse_period(o.period).label) for o in ordered],
        matrix=list(cells.items()),
    )


def history_charts(history) -> dict:
    """The item page's line charts: each target's actual and each reporter's figure, by period."""
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
