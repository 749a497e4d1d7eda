"""A target's actual, whether it is met, and how far along it is: one function per figure, used alike
by pages, the API, exports and reminders."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from tasks.choices import Aggregation, Comparator
from tasks.models import Target

from ..choices import ReportStatus
from ..models import TargetValue

_NEVER = dt.datetime.min.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class TargetActual:
    """A target's current actual: `value` is None until some unit's report is approved."""

    target_id: int
    value: Decimal | None
    unit_count: int
    as_of: dt.date | None

    @property
    def has_data(self) -> bool:
        return self.value is not None


def target_actuals(targets) -> dict[int, TargetActual]:
    """The current actual of each target, from the latest approved cumulative value of every unit.

    A unit's latest value is that of its approved report with the latest period (ties: the later
    approval). Aggregation.SUM adds the units' latest values (km greened, lines converted);
    Aggregation.LATEST takes the most recent of them (rates such as fast-charging coverage, which a
    unit reports as a whole-province figure).
    """
    target_list = list(targets)
    ids = [t.pk for t in target_list]
    rows = (
        TargetValue.objects.filter(target_id__in=ids, report__status=ReportStatus.APPROVED)
        .order_by("target_id", "report__unit_id", "report__period_end", "report__approved_at")
        .values_list("target_id", "report__unit_id", "report__period_end", "report__approved_at", "value")
    )
    latest_by_unit: dict[tuple[int, int], tuple] = {}
    for target_id, unit_id, period_end, approved_at, value in rows:
        latest_by_unit[(target_id, unit_id)] = (period_end, approved_at, value)

    per_target: dict[int, list[tuple]] = {}
    for (target_id, _unit_id), row in latest_by_unit.items():
        per_target.setdefault(target_id, []).append(row)

    result = {}
    for target in target_list:
        unit_rows = per_target.get(target.pk, [])
        if not unit_rows:
            result[target.pk] = TargetActual(target.pk, None, 0, None)
            continue
        as_of = max(r[0] for r in unit_rows)
        if target.aggregation == Aggregation.SUM:
            value = sum((r[2] for r in unit_rows), Decimal(0))
        else:
            value = max(unit_rows, key=lambda r: (r[0], r[1] or _NEVER))[2]
        result[target.pk] = TargetActual(target.pk, value, len(unit_rows), as_of)
    return result


def target_is_met(target: Target, value: Decimal | None) -> bool:
    """Whether `value` meets the target's goal (≥, =, ≤ or within the range)."""
    if value is None:
        return False
    if target.comparator == Comparator.GTE:
        return value >= target.target_value
    if target.comparator == Comparator.EQ:
        return value == target.target_value
    if target.comparator == Comparator.LTE:
        return value <= target.target_value
    return target.target_min <= value <= target.target_max


def target_completion(target: Target, value: Decimal | None) -> int | None:
    """Percent of the way to the goal (capped at 100), for progress bars; None without data."""
    if value is None:
        return None
    goal = target.target_min if target.comparator == Comparator.RANGE else target.target_value
    if target.comparator == Comparator.LTE or not goal:
        return 100 if target_is_met(target, value) else 0
    return max(0, min(100, int(value * 100 / goal)))


@dataclass(frozen=True)
class TargetProgress:
    target: Target
    actual: TargetActual
    met: bool
    completion: int | None


def target_progress(targets) -> list[TargetProgress]:
    """Each target with its actual, whether it is met and how far along it is."""
    target_list = list(targets)
    actuals = target_actuals(target_list)
    return [
        TargetProgress(
            target=t,
            actual=actuals[t.pk],
            met=target_is_met(t, actuals[t.pk].value),
            completion=target_completion(t, actuals[t.pk].value),
        )
        for t in target_list
    ]
