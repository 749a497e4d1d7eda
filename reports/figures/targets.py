"""A target's actual, whether it is met, and how far along it is: one function per figure, used alike
by pages, the API, exports and reminders."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F

from core.db import latest_of
from tasks.choices import Comparator, ReporterScope
from tasks.models import Target, TargetReporter
from tasks.obligations import day_end

from ..choices import ReportStatus
from ..models import TargetValue

NEVER = dt.datetime.min.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class Contribution:
    """One reporter's latest approved figure for a target: its own part or the province total."""

    unit_id: int
    unit_name: str
    scope: str
    value: Decimal
    period: str
    period_end: dt.date
    approved_at: dt.datetime | None

    @property
    def is_total(self) -> bool:
        return self.scope == ReporterScope.TOTAL


@dataclass(frozen=True)
class TargetActual:
    """A target's actual as reported: `value` is the latest approved total where a unit reports one,
    otherwise the sum of the reporters' latest approved contributions; None until a report is
    approved. Both are kept (`total`, `contribution_sum`): their gap is information, not an error."""

    target_id: int
    value: Decimal | None
    total: Decimal | None
    contribution_sum: Decimal | None
    contributions: tuple[Contribution, ...]
    as_of: dt.date | None

    @property
    def has_data(self) -> bool:
        return self.value is not None

    @property
    def unit_count(self) -> int:
        return len(self.contributions)

    @property
    def from_total(self) -> bool:
        return self.total is not None

    @property
    def gap(self) -> Decimal | None:
        """分项合计 − 全省合计, where units report both parts and the province total; None otherwise."""
        if self.total is None or self.contribution_sum is None:
            return None
        return self.contribution_sum - self.total


def target_actuals(targets, *, as_of: dt.date | None = None) -> dict[int, TargetActual]:
    """The actual of each target, from its reporters' (填报单位) latest approved figures.

    Only the units a target lists as reporters count, each with its scope: `contribution`
    (本单位完成) figures are added; a `total` (全省合计) figure stands for the whole province and,
    where there is one, is the actual (the latest, if two units report totals). A unit's latest
    figure is that of its approved report with the latest period (ties: the later approval). With
    `as_of`, only approvals by the end of that day count. Two queries (one where the targets'
    reporters are prefetched), whatever the number of reports.
    """
    target_list = list(targets)
    return _actuals(target_list, scopes_of(target_list), as_of=as_of)


def scopes_of(targets) -> dict[tuple[int, int], str]:
    """(target id, unit id) → the reporter's scope, for every reporter of `targets` (from their
    prefetched reporters where the caller has them)."""
    if all("reporters" in getattr(t, "_prefetched_objects_cache", ()) for t in targets):
        return {(t.pk, r.unit_id): r.scope for t in targets for r in t.reporters.all()}
    reporters = TargetReporter.objects.filter(target__in=[t.pk for t in targets])
    return {(t, u): scope for t, u, scope in reporters.values_list("target_id", "unit_id", "scope")}


def approved_values(target_list, *, as_of):
    """The targets' figures in approved reports (approved by the end of `as_of`, where given)."""
    rows = TargetValue.objects.filter(
        target_id__in=[t.pk for t in target_list], report__status=ReportStatus.APPROVED
    )
    if as_of is not None:
        rows = rows.filter(report__approved_at__lt=day_end(as_of))
    return rows


def _actuals(target_list, scopes, *, as_of) -> dict[int, TargetActual]:
    rows = approved_values(target_list, as_of=as_of)
    # every unit's latest figure; those of units that are not the target's reporters are left out
    # below (the rank is within a unit, so leaving them out afterwards changes no one's latest)
    rows = (
        latest_of(
            rows,
            per=["target_id", "report__unit_id"],
            order=[F("report__period_end").desc(), F("report__approved_at").desc(nulls_last=True)],
        )
        .order_by("target_id", "report__unit__sort_order", "report__unit_id")
        .values_list(
            "target_id",
            "report__unit_id",
            "report__unit__short_name",
            "value",
            "report__period",
            "report__period_end",
            "report__approved_at",
        )
    )
    per_target: dict[int, list[Contribution]] = {}
    for target_id, unit_id, name, value, period, end, approved_at in rows:
        scope = scopes.get((target_id, unit_id))
        if scope is not None:
            contribution = Contribution(unit_id, name, scope, value, period, end, approved_at)
            per_target.setdefault(target_id, []).append(contribution)

    return {target.pk: actual_of(target.pk, per_target.get(target.pk, [])) for target in target_list}


def actual_of(target_id: int, figures: list[Contribution]) -> TargetActual:
    """A target's actual from its reporters' latest figures (in the reporters' order)."""
    totals = [c for c in figures if c.is_total]
    parts = [c for c in figures if not c.is_total]
    total = max(totals, key=lambda c: (c.period_end, c.approved_at or NEVER)).value if totals else None
    part_sum = sum((c.value for c in parts), Decimal(0)) if parts else None
    return TargetActual(
        target_id=target_id,
        value=total if total is not None else part_sum,
        total=total,
        contribution_sum=part_sum,
        contributions=tuple(figures),
        as_of=max((c.period_end for c in figures), default=None),
    )


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
