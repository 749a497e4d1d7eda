"""Plausibility checks (数据疑点): small rules, each with its reason in Chinese, run on a report's
figures whenever it is saved, submitted or imported from a fill-in template. A flag never blocks a
save: the clerk sees it before submitting, the reviewer beside the report, where they mark it
explained with a comment kept in the report's history (workflow.services.flag_explain).

Each rule reads one figure in its context (`Figure`): the target and its goal, the scope the unit
reports in (its own part or the province total), the unit's last approved figure before this
period, and the other units' latest approved figures. A rule returns its message, or None.

`never_reported` is not a rule on a report: it lists the units that owe a figure and have never sent
one (reports.plausibility.missing_figures), for the overview and its list."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, F, OuterRef

from core.db import latest_of
from tasks.choices import Comparator, ReporterScope
from tasks.models import Target, TargetReporter
from tasks.obligations import day_end

from .choices import ReportStatus
from .figures import target_actuals
from .flag import Flag, FlagRule
from .models import ProgressReport, TargetValue
from .selectors import reported_targets

FAR_OVER_FACTOR = 3  # a figure over three times its goal
# 米 for 公里 is 1000 times, 株 for 万株 10000 times: 500 times the goal catches both, and no genuine
# figure runs that far past a year's goal
WRONG_UNIT_FACTOR = 500


@dataclass(frozen=True)
class Figure:
    target: Target
    value: Decimal
    scope: str  # ReporterScope: the unit's own part, or the province total
    routine: bool  # a monthly (or quarterly) report, not a summary
    previous: Decimal | None  # the unit's last approved figure for an earlier period
    others: Decimal  # the other units' latest approved parts, added up
    parts: Decimal | None  # every unit's part with this one's as reported now (None: no parts)
    total: (
        Decimal | None
    )  # the province total: this figure where the unit reports it, else the latest approved

    @property
    def goal(self) -> Decimal | None:
        """What the year aims at: the target value, or a range's upper end; None for a ceiling."""
        if self.target.comparator == Comparator.LTE:
            return None
        if self.target.comparator == Comparator.RANGE:
            return self.target.target_max
        return self.target.target_value

    @property
    def is_part(self) -> bool:
        return self.scope == ReporterScope.CONTRIBUTION


def _n(value: Decimal, unit: str = "") -> str:
    return f"{value.normalize():f}{unit}"


def decrease(f: Figure) -> str | None:
    if f.previous is None or f.value >= f.previous:
        return None
    return (
        f"比本单位上期已通过的 {_n(f.previous, f.target.measure_unit)} 少 "
        f"{_n(f.previous - f.value, f.target.measure_unit)}：累计值下降，请核实填报说明。"
    )


def jump(f: Figure) -> str | None:
    """One period's increase larger than what was left of the year's goal before it."""
    if not f.routine or f.previous is None or f.goal is None or f.target.is_rate:
        return None
    reached = f.previous + (f.others if f.is_part else 0)
    rest, increase = f.goal - reached, f.value - f.previous
    if rest <= 0 or increase <= rest:
        return None
    unit = f.target.measure_unit
    return (
        f"本期增加 {_n(increase, unit)}，超过全年目标尚余的 {_n(rest, unit)}，请核实是否一次填入了多期数据。"
    )


def over_whole(f: Figure) -> str | None:
    """A unit's own part larger than the whole province's goal (补植灌木 1000 万丛 against 130 万丛)."""
    if not f.is_part or f.goal is None or f.value <= f.goal:
        return None
    unit = f.target.measure_unit
    return f"本单位填报 {_n(f.value, unit)}，超过全省目标 {_n(f.goal, unit)}，请核实数值和计量单位。"


def rate_over_100(f: Figure) -> str | None:
    if not f.target.is_rate or f.value <= 100:
        return None
    return f"比率 {_n(f.value, '%')} 超过 100%。"


def far_over(f: Figure) -> str | None:
    if f.goal is None or f.goal <= 0 or f.value <= f.goal * FAR_OVER_FACTOR:
        return None
    return f"是目标 {_n(f.goal, f.target.measure_unit)} 的 {f.value / f.goal:.1f} 倍（超过 {FAR_OVER_FACTOR} 倍），请核实。"


def parts_over_total(f: Figure) -> str | None:
    if f.parts is None or f.total is None or f.parts <= f.total:
        return None
    unit = f.target.measure_unit
    return f"各单位分项合计 {_n(f.parts, unit)} 超过全省合计 {_n(f.total, unit)}，相差 {_n(f.parts - f.total, unit)}。"


def wrong_unit(f: Figure) -> str | None:
    if f.goal is None or f.goal <= 0 or f.target.is_rate or f.value < f.goal * WRONG_UNIT_FACTOR:
        return None
    return (
        f"数值是目标的 {f.value / f.goal:.0f} 倍，疑为计量单位有误：本指标以“{f.target.measure_unit}”计"
        f"（如公里与米、万株与株）。"
    )


RULES = [
    (FlagRule.DECREASE, decrease),
    (FlagRule.JUMP, jump),
    (FlagRule.OVER_WHOLE, over_whole),
    (FlagRule.RATE_OVER_100, rate_over_100),
    (FlagRule.FAR_OVER, far_over),
    (FlagRule.PARTS_OVER_TOTAL, parts_over_total),
    (FlagRule.WRONG_UNIT, wrong_unit),
]


def report_figures(report: ProgressReport) -> list[Figure]:
    """Each figure of the report in its context (four queries)."""
    rows = list(TargetValue.objects.filter(report=report).select_related("target"))
    if not rows:
        return []
    targets = [row.target for row in rows]
    scopes = reported_targets(unit_id=report.unit_id, targets=targets)
    previous = _previous_approved(report, targets)
    actuals = target_actuals(targets)
    figures = []
    for row in rows:
        target, scope = row.target, scopes.get(row.target_id, ReporterScope.CONTRIBUTION)
        latest = actuals[target.pk].contributions
        others = [c for c in latest if c.unit_id != report.unit_id and not c.is_total]
        other_sum = sum((c.value for c in others), Decimal(0))
        is_part = scope == ReporterScope.CONTRIBUTION
        has_parts = is_part or bool(others)
        own_part = (
            row.value
            if is_part
            else next((c.value for c in latest if c.unit_id == report.unit_id and not c.is_total), Decimal(0))
        )
        total = row.value if not is_part else actuals[target.pk].total
        figures.append(
            Figure(
                target=target, value=row.value, scope=scope, routine=report.period[5:].isdigit() or "Q" in report.period,
                previous=previous.get(target.pk), others=other_sum,
                parts=other_sum + own_part if has_parts else None, total=total,
            )
        )  # fmt: skip
    return figures


def _previous_approved(report: ProgressReport, targets) -> dict[int, Decimal]:
    rows = TargetValue.objects.filter(
        target__in=targets,
        report__unit_id=report.unit_id,
        report__status=ReportStatus.APPROVED,
        report__period_end__lt=report.period_end,
    )
    rows = latest_of(rows, per=["target_id"], order=[F("report__period_end").desc()])
    return dict(rows.values_list("target_id", "value"))


def report_flags(report: ProgressReport) -> list[tuple[Target, str, str]]:
    """(target, rule, message) for every rule a figure of the report breaks."""
    found = []
    for figure in report_figures(report):
        for rule, check in RULES:
            message = check(figure)
            if message:
                found.append((figure.target, rule, message))
    return found


def flags_refresh(report: ProgressReport) -> None:
    """Bring the report's flags in line with its figures: new ones added, those no longer broken
    removed, and a flag still broken keeps its reviewer's explanation. Part of the caller's
    transaction."""
    found = {(target.pk, rule): message for target, rule, message in report_flags(report)}
    kept = {(f.target_id, f.rule): f for f in Flag.objects.filter(report=report)}
    gone = [f.pk for key, f in kept.items() if key not in found]
    if gone:
        Flag.objects.filter(pk__in=gone).delete()
    for (target_id, rule), message in found.items():
        flag = kept.get((target_id, rule))
        if flag is None:
            Flag.objects.create(report=report, target_id=target_id, rule=rule, message=message)
        elif flag.message != message:
            Flag.objects.filter(pk=flag.pk).update(message=message)


@dataclass(frozen=True)
class MissingFigure:
    """A unit that owes a figure for a target and has sent none by the as-of date."""

    target: Target
    unit_id: int
    unit_name: str

    @property
    def message(self) -> str:
        return f"{self.unit_name}应填报“{self.target.name}”，截至目前从未报送该数值。"


def missing_figures(*, targets, obligations, as_of: dt.date) -> list[MissingFigure]:
    """Per target, the reporting units (填报单位) that owe a report on its item due by `as_of` and
    have never submitted a figure for it by then. `obligations`: the ones the reader sees (restricted,
    of any date). One query, which returns only the missing ones."""
    owing = obligations.filter(
        period_start__lte=as_of,
        due_date__lte=as_of,
        work_item_id=OuterRef("target__work_item_id"),
        unit_id=OuterRef("unit_id"),
    )
    sent = TargetValue.objects.filter(
        target_id=OuterRef("target_id"),
        report__unit_id=OuterRef("unit_id"),
        report__submitted_at__lt=day_end(as_of),
    )
    reporters = (
        TargetReporter.objects.filter(target__in=targets)
        .filter(Exists(owing.values("pk")), ~Exists(sent))
        .select_related("target__work_item__section", "unit")
        .order_by("target__work_item__number", "target__sort_order", "unit__sort_order")
    )
    return [MissingFigure(r.target, r.unit_id, r.unit.short_name) for r in reporters]
