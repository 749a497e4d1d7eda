"""A target's actual period by period: what the item page's line chart draws."""

import bisect
import datetime as dt
from dataclasses import dataclass

from tasks.choices import ReporterScope

from .targets import NEVER, approved_values, scopes_of

LATEST = dt.datetime.max.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class TargetHistory:
    """A target's actual at the end of each period, and each reporter's figure then (carried forward
    from its latest approved report)."""

    target: object  # tasks.models.Target
    periods: list  # tasks.periods.Period, in order
    actual: list  # Decimal | None per period
    by_unit: dict  # unit short name -> [Decimal | None per period]


def target_history(targets, *, periods, as_of: dt.date | None = None) -> list[TargetHistory]:
    """Each target's actual at each period's end, by target_actuals' rule (a reporter's latest figure
    is that of its approved report with the latest period ending by then; ties: the later approval).

    One query reads the approved figures once; each reporter's figures are then carried forward
    period by period, rather than one query over every figure per period."""
    targets = list(targets)
    scopes = scopes_of(targets)
    ends = [p.end for p in periods]
    rows = (
        approved_values(targets, as_of=as_of)
        .order_by("target_id", "report__unit__sort_order", "report__unit_id", "report__period_end")
        .values_list("target_id", "report__unit_id", "report__period_end", "report__approved_at", "value")
    )
    # (target, unit) -> [(period end, approval), figure] per approved figure, oldest first
    series: dict[tuple[int, int], list] = {}
    for target_id, unit_id, end, approved_at, value in rows:
        if (target_id, unit_id) in scopes:
            series.setdefault((target_id, unit_id), []).append(((end, approved_at or NEVER), value))
    parts = {t.pk: [None] * len(ends) for t in targets}  # the contributions' sum at each period's end
    totals = {t.pk: [None] * len(ends) for t in targets}  # ((end, approval), figure) of the latest total
    by_unit = {t.pk: {} for t in targets}
    for (target_id, unit_id), figures in series.items():
        figures.sort(key=lambda f: f[0])
        keys = [key for key, _value in figures]
        carried = by_unit[target_id][unit_id] = [None] * len(ends)
        is_total = scopes[target_id, unit_id] == ReporterScope.TOTAL
        for n, end in enumerate(ends):
            # the last figure whose period ended by this period's end
            at = bisect.bisect_right(keys, (end, LATEST))
            if not at:
                continue
            key, value = figures[at - 1]
            carried[n] = value
            if is_total:
                if totals[target_id][n] is None or key > totals[target_id][n][0]:
                    totals[target_id][n] = (key, value)
            else:
                parts[target_id][n] = (parts[target_id][n] or 0) + value
    return [
        TargetHistory(
            target=target,
            periods=list(periods),
            actual=[
                part if total is None else total[1]
                for part, total in zip(parts[target.pk], totals[target.pk], strict=True)
            ],
            by_unit={
                r.unit.short_name: by_unit[target.pk].get(r.unit_id, [None] * len(ends))
                for r in target.reporters.all()
            },
        )
        for target in targets
    ]
