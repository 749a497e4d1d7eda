"""What a half-year or annual summary draft says, for a unit or for the whole department, as of a
date: a title in the genre's form, an opening paragraph, one part per section of the plan with each
item's figures and each unit's latest approved progress, a table of the targets, the problems and
next steps the units reported, and who issues it on which day.

Every figure comes from the dashboard's functions (the dashboard itself for the department; a unit's
own approved figures through target_actuals, target_completion and target_status for a unit). A
unit without an approved report is written as 尚未报送, never invented."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from core.db import latest_of
from reports.choices import ReportStatus
from reports.dashboard import dashboard
from reports.figures import target_actuals, target_completion
from reports.figures.status import Status, plan_start, target_status
from reports.models import ProgressReport
from tasks.choices import ReporterScope
from tasks.models import Deadline, Obligation, Plan, TargetReporter
from tasks.obligations import day_end, due_date_for
from tasks.periods import parse_period
from units.models import Unit

from ..scope import figure_text

HALVES = {"h1": "年上半年", "year": "年度"}  # after the year: 2024年上半年, 2024年度
NOT_REPORTED = "尚未报送"
PART_STATUS = "本单位贡献"  # a unit's part of a province-wide target is shown, not judged alone


def half_period(plan: Plan, half: str):
    """The period a draft covers: 2024-H1 or 2024-Y."""
    return parse_period(f"{plan.year}-{'H1' if half == 'h1' else 'Y'}")


def default_draft_as_of(plan: Plan, half: str, *, today: dt.date | None = None) -> dt.date:
    """The date a draft is as of when none is asked for: the due date of the half's last monthly
    report (2024 上半年: 2024-07-05, when June's figures are in), or today if that is still ahead."""
    today = today or timezone.localdate()
    last_month = parse_period(f"{plan.year}-{'06' if half == 'h1' else '12'}")
    return min(today, due_date_for(plan=plan, period=last_month))


@dataclass
class TargetLine:
    item_number: int
    name: str
    measure_unit: str
    goal: str
    value: Decimal | None
    completion_pct: int | None  # 占年度目标
    expected_pct: Decimal  # 序时进度
    status: str
    part: bool = False  # a unit's own part of a province-wide target (its share, not judged alone)

    @property
    def value_text(self) -> str:
        return NOT_REPORTED if self.value is None else figure_text(self.value, self.measure_unit)

    @property
    def sentence(self) -> str:
        """完成X公里，占年度目标的Y%，序时进度Z%。"""
        if self.value is None:
            return f"{self.name}：{NOT_REPORTED}（目标{self.goal}）。"
        whole = "全省年度目标" if self.part else "年度目标"
        share = f"，占{whole}的{self.completion_pct}%" if self.completion_pct is not None else ""
        return f"{self.name}：{'本单位' if self.part else ''}完成{self.value_text}{share}，序时进度{self.expected_pct:.0f}%。"


@dataclass
class UnitText:
    unit: str
    period: str = ""  # the approved report's period label; "" when there is none
    done: str = ""
    problems: str = ""
    next_steps: str = ""

    @property
    def reported(self) -> bool:
        return bool(self.period)


@dataclass
class ItemPart:
    number: int
    title: str
    targets: list[TargetLine] = field(default_factory=list)
    units: list[UnitText] = field(default_factory=list)


@dataclass
class SectionPart:
    number: int
    title: str
    items: list[ItemPart] = field(default_factory=list)


@dataclass
class SummaryDraft:
    title: str
    recipient: str  # 主送机关 ("" for the department's own)
    opening: str
    sections: list[SectionPart]
    targets: list[TargetLine]
    problems: list[tuple[str, str]]  # (unit, text)
    next_steps: list[tuple[str, str]]
    issuer: str
    date: dt.date

    @property
    def items(self) -> list[ItemPart]:
        return [item for section in self.sections for item in section.items]


def summary_draft(*, user, plan: Plan, half: str, as_of: dt.date, unit: Unit | None = None) -> SummaryDraft:
    """The draft for `unit` (None: the department), from what `user` may see."""
    period = half_period(plan, half)
    board = dashboard(user=user, plan=plan, as_of=as_of)
    units_of = _reporting_units(user, plan, unit)
    rows = [r for r in board.items if unit is None or r.item.pk in units_of]
    texts = _latest_texts(user, plan, end=period.end, as_of=as_of, unit=unit)
    if unit is None:
        lines = {
            r.item.pk: [_line(r.item, t.target, t.actual.value, t.status) for t in r.targets] for r in rows
        }
    else:
        lines = _unit_lines(plan, [r.item for r in rows], unit, as_of)
    sections: dict[int, SectionPart] = {}
    for row in rows:
        item = row.item
        section = sections.setdefault(
            item.section.number, SectionPart(item.section.number, item.section.title)
        )
        units = [texts.get((item.pk, u.pk)) or UnitText(u.name) for u in units_of.get(item.pk, [])]
        section.items.append(ItemPart(item.number, item.title, lines.get(item.pk, []), units))
    reported = [t for part in sections.values() for item in part.items for t in item.units if t.reported]
    issuer = unit.name if unit else settings.DEPARTMENT_NAME
    return SummaryDraft(
        title=f"{issuer}{plan.year}{HALVES[half]}碳达峰碳中和工作总结",
        recipient=_recipient(plan) if unit else "",
        opening=_opening(plan, half, issuer, as_of, rows, board, unit),
        sections=[sections[n] for n in sorted(sections)],
        targets=[line for row in rows for line in lines.get(row.item.pk, [])],
        problems=_distinct((t.unit, t.problems) for t in reported if t.problems.strip()),
        next_steps=_distinct((t.unit, t.next_steps) for t in reported if t.next_steps.strip()),
        issuer=issuer,
        date=as_of,
    )


def _line(item, target, value, status, *, part: bool = False) -> TargetLine:
    return TargetLine(
        item_number=item.number, name=target.name, measure_unit=target.measure_unit, goal=target.goal_display,
        value=value, completion_pct=target_completion(target, value), expected_pct=status.expected_pct,
        status=PART_STATUS if part else str(Status(status.status).label), part=part,
    )  # fmt: skip


def _unit_lines(plan, items, unit, as_of) -> dict[int, list[TargetLine]]:
    """A unit's own figures: for each target it reports, its latest approved value (its part, or the
    province total where it reports that)."""
    reported = TargetReporter.objects.filter(unit=unit, target__work_item__in=items).select_related(
        "target__work_item"
    )
    reported = list(reported.order_by("target__work_item__number", "target__sort_order"))
    actuals = target_actuals([r.target for r in reported], as_of=as_of)
    start, lines = plan_start(plan), {}
    for reporter in reported:
        target = reporter.target
        own = next((c.value for c in actuals[target.pk].contributions if c.unit_id == unit.pk), None)
        status = target_status(target, own, start=start, as_of=as_of)
        part = reporter.scope == ReporterScope.CONTRIBUTION
        lines.setdefault(target.work_item_id, []).append(
            _line(target.work_item, target, own, status, part=part)
        )
    return lines


def _reporting_units(user, plan, unit) -> dict[int, list[Unit]]:
    """Per item, the units that owe reports on it (lead and responsible units, and cooperating units
    where the item asks them), in the roster's order."""
    owed = Obligation.objects.restrict(user).filter(plan=plan)
    if unit is not None:
        owed = owed.filter(unit=unit)
    pairs = owed.values_list("work_item_id", "unit_id").distinct()
    by_id = {u.pk: u for u in Unit.objects.filter(pk__in=owed.values("unit_id"))}
    result: dict[int, list[Unit]] = {}
    for item_id, unit_id in sorted(set(pairs), key=lambda p: (p[0], by_id[p[1]].sort_order, p[1])):
        result.setdefault(item_id, []).append(by_id[unit_id])
    return result


def _latest_texts(user, plan, *, end: dt.date, as_of: dt.date, unit) -> dict[tuple[int, int], UnitText]:
    """Each (item, unit)'s latest approved report for a period ending by `end`, approved by `as_of`."""
    reports = ProgressReport.objects.restrict(user).filter(
        work_item__plan=plan,
        approved_at__lt=day_end(as_of),
        period_end__lte=end,
        status=ReportStatus.APPROVED,
    )
    if unit is not None:
        reports = reports.filter(unit=unit)
    latest = latest_of(
        reports, per=["work_item_id", "unit_id"], order=[F("period_end").desc(), F("approved_at").desc()]
    ).values_list("work_item_id", "unit_id", "unit__name", "period", "done", "problems", "next_steps")
    return {
        (item_id, unit_id): UnitText(name, parse_period(period).label, done, problems, steps)
        for item_id, unit_id, name, period, done, problems, steps in latest
    }


def _recipient(plan) -> str:
    """主送机关: whom the plan's summary deadlines name (item 3: 省交通运输厅碳达峰碳中和工作领导小组)."""
    deadlines = Deadline.objects.filter(work_item__plan=plan).exclude(recipient="").order_by("due_date")
    return deadlines.values_list("recipient", flat=True).first() or ""


def _opening(plan, half, issuer, as_of, rows, board, unit) -> str:
    units = [u for u in board.units if unit is None or u.unit.pk == unit.pk]
    owed, submitted = sum(u.owed for u in units), sum(u.submitted for u in units)
    day = f"{as_of.year}年{as_of.month}月{as_of.day}日"
    if unit is None:
        counts = {s: sum(1 for r in rows if r.status == s) for s in Status if s != Status.NO_DATA}
        judged = "、".join(f"{Status(s).label}{n}项" for s, n in counts.items() if n) or "尚无可评价的进展"
        where = (
            f"截至{day}，{len(rows)}项工作任务中，{judged}；各单位应报进展报告{owed}份，已报{submitted}份。"
        )
    else:
        where = f"截至{day}，本单位承担{len(rows)}项工作任务，应报进展报告{owed}份，已报{submitted}份。"
    return (
        f"{plan.year}{HALVES[half]}，{issuer}认真贯彻落实《{plan.title}》部署，"
        f"围绕碳达峰碳中和和生态环境保护各项任务扎实推进工作。{where}现将有关情况总结如下。"
    )


def _distinct(pairs) -> list[tuple[str, str]]:
    seen, result = set(), []
    for unit, text in pairs:
        key = (unit, " ".join(text.split()))
        if key not in seen:
            seen.add(key)
            result.append((unit, text.strip()))
    return result
