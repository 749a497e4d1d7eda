"""The summary workbook (汇总表) of a year as of a date: 总表, 指标, 单位, 碳达峰报送, and 明细 (details.py).

Every figure comes from the dashboard's functions (the same lights, the same counts); rows stream
through openpyxl's write-only mode, and the report detail (明细) is read with two ordered iterators,
so memory and the number of queries stay the same whatever the number of reports."""

import datetime as dt

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from openpyxl import Workbook

from reports.cells import (
    DATE,
    PERCENT,
    STATUS_FILL,
    cell,
    finish_filter,
    measure_format,
    row_append,
    sheet_start,
)
from reports.choices import ObligationState
from reports.dashboard import dashboard
from reports.figures.status import Status
from reports.models import ProgressReport
from reports.obligations import obligations_as_of
from tasks.choices import AssignmentRole, PeriodKind
from tasks.models import Assignment, Obligation
from tasks.obligations import day_end
from tasks.periods import parse_period

from .details import details_sheet
from .scope import EVERYTHING, SummaryFilter, figure_text

ROLE_LABELS = {
    AssignmentRole.LEAD: "牵头",
    AssignmentRole.RESPONSIBLE: "责任",
    AssignmentRole.COOPERATING: "配合",
}


def summary_write(out, *, user, plan, as_of: dt.date, only: SummaryFilter = EVERYTHING, progress=None) -> int:
    """Write the workbook to `out` (a path or a binary file); return the number of 明细 rows.
    `progress`, if given, is called with the number of 明细 rows written so far, every CHUNK rows."""
    board = dashboard(user=user, plan=plan, as_of=as_of)
    workbook = Workbook(write_only=True)
    stamp = f"{plan.title} · 截至{as_of.year}年{as_of.month}月{as_of.day}日 · 导出于{timezone.localtime():%Y-%m-%d %H:%M}"
    items = [row for row in board.items if not only.section or row.item.section.number == only.section]
    _overview(workbook, stamp, plan, items, _latest_texts(user, plan, as_of, only))
    _targets(workbook, stamp, [(row.item, t) for row in items for t in row.targets])
    _units(workbook, stamp, [u for u in board.units if not only.unit_id or u.unit.pk == only.unit_id])
    _summaries(workbook, stamp, user, plan, as_of, only)
    rows = details_sheet(workbook, stamp, user, plan, as_of, only, progress)
    workbook.save(out)
    return rows


# -- 总表


def _assigned(plan) -> dict[int, dict[str, list[str]]]:
    names: dict[int, dict[str, list[str]]] = {}
    rows = Assignment.objects.filter(work_item__plan=plan).select_related("unit")  # in the document's order
    for a in rows:
        names.setdefault(a.work_item_id, {}).setdefault(a.role, []).append(a.unit.short_name)
    return names


def _latest_texts(user, plan, as_of: dt.date, only: SummaryFilter) -> dict[int, list[tuple]]:
    """Per item, each unit's latest submitted report by the as-of date: (unit, period, text, when)."""
    reports = ProgressReport.objects.restrict(user).filter(
        work_item__plan=plan, submitted_at__lt=day_end(as_of)
    )
    if only.unit_id:
        reports = reports.filter(unit_id=only.unit_id)
    latest = (
        reports.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("work_item_id"), F("unit_id")],
                order_by=[F("period_end").desc(), F("submitted_at").desc()],
            )
        )
        .filter(rank=1)
        .order_by("work_item_id", "unit__sort_order")
        .values_list("work_item_id", "unit__short_name", "period", "done", "submitted_at")
    )
    texts: dict[int, list[tuple]] = {}
    for item_id, unit, period, done, submitted_at in latest:
        texts.setdefault(item_id, []).append((unit, period, done, submitted_at))
    return texts


OVERVIEW_COLUMNS = [
    ("板块", 10), ("序号", 5), ("任务", 12), ("任务内容", 34), ("牵头单位", 9), ("责任单位", 10),
    ("配合单位", 10), ("量化指标（目标 / 实际）", 20), ("各单位最新进展", 34), ("状态", 8), ("进度", 7),
    ("最近报送", 11),
]  # fmt: skip
OVERVIEW_WRAPPED = {0, 2, 3, 4, 5, 6, 7, 8}
LATEST_UNITS = 5  # 总表 quotes this many units' latest progress; 明细 has every report in full
LATEST_CHARS = 40


def _overview(workbook, stamp, plan, items, texts):
    sheet = sheet_start(workbook, "总表", heading=f"{stamp} · 总表", columns=OVERVIEW_COLUMNS)
    assigned = _assigned(plan)
    for row in items:
        item = row.item
        roles = assigned.get(item.pk, {})
        targets = "\n".join(
            f"{t.target.name}：目标 {t.target.goal_display}，实际 {figure_text(t.actual.value, t.target.measure_unit)}"
            for t in row.targets
        )
        latest = texts.get(item.pk, [])
        last = max((when for *_, when in latest), default=None)
        row_append(
            sheet,
            [
                cell(sheet, str(item.section), wrap=True),
                cell(sheet, item.number),
                cell(sheet, item.title, wrap=True),
                cell(sheet, item.text, wrap=True),
                cell(sheet, "、".join(roles.get(AssignmentRole.LEAD, [])), wrap=True),
                cell(sheet, "、".join(roles.get(AssignmentRole.RESPONSIBLE, [])), wrap=True),
                cell(sheet, "、".join(roles.get(AssignmentRole.COOPERATING, [])), wrap=True),
                cell(sheet, targets, wrap=True),
                cell(sheet, _latest_progress(latest), wrap=True),
                cell(sheet, Status(row.status).label, fill=STATUS_FILL[row.status]),
                cell(sheet, row.progress_pct / 100, fmt=PERCENT),
                cell(sheet, last, fmt=DATE),
            ],
            wrapped=OVERVIEW_WRAPPED,
        )
    finish_filter(sheet, len(OVERVIEW_COLUMNS), len(items))


def _latest_progress(latest: list[tuple]) -> str:
    """The most recent units' latest progress, each cut short; the rest counted (明细 has it all)."""
    recent = sorted(latest, key=lambda entry: entry[3], reverse=True)[:LATEST_UNITS]
    lines = []
    for unit, period, done, _when in recent:
        text = " ".join(done.split())
        text = text if len(text) <= LATEST_CHARS else text[:LATEST_CHARS] + "……"
        lines.append(f"【{unit} · {parse_period(period).label}】{text}")
    if len(latest) > LATEST_UNITS:
        lines.append(f"（共 {len(latest)} 个单位报送，全文见“明细”表）")
    return "\n".join(lines)


# -- 指标

TARGET_COLUMNS = [
    ("任务", 5), ("指标", 24), ("单位", 6), ("目标", 12), ("实际", 12), ("完成进度", 9), ("序时进度", 9),
    ("状态", 8), ("各单位填报", 44), ("截止日期", 11),
]  # fmt: skip


def _targets(workbook, stamp, rows):
    sheet = sheet_start(workbook, "指标", heading=f"{stamp} · 量化指标", columns=TARGET_COLUMNS)
    for item, row in rows:
        target, actual, status = row.target, row.actual, row.status
        fmt = measure_format(target.measure_unit)
        parts = "\n".join(
            f"{c.unit_name}（{'全省合计' if c.is_total else '本单位'}，{parse_period(c.period).label}）：{figure_text(c.value, target.measure_unit)}"
            for c in actual.contributions
        )
        percent = target.measure_unit == "%"
        row_append(
            sheet,
            [
                cell(sheet, item.number),
                cell(sheet, target.name, wrap=True),
                cell(sheet, target.measure_unit),
                cell(sheet, target.goal_display),
                cell(sheet, (actual.value / 100 if percent else actual.value) if actual.value is not None else None,
                     fmt=PERCENT if percent else fmt),
                cell(sheet, status.progress_pct / 100 if status.progress_pct is not None else None, fmt=PERCENT),
                cell(sheet, status.expected_pct / 100 if status.expected_pct is not None else None, fmt=PERCENT),
                cell(sheet, Status(status.status).label, fill=STATUS_FILL[status.status]),
                cell(sheet, parts, wrap=True),
                cell(sheet, target.due_date),
            ],
            wrapped={1, 8},
        )  # fmt: skip
    finish_filter(sheet, len(TARGET_COLUMNS), len(rows))


# -- 单位

UNIT_COLUMNS = [
    ("单位", 18), ("承担任务", 10), ("应报", 8), ("已报", 8), ("按时", 8), ("逾期报送", 10), ("逾期未报", 10),
    ("提前报送", 10), ("按时报送率", 12), ("一次通过率", 12),
]  # fmt: skip


def _units(workbook, stamp, rows):
    sheet = sheet_start(workbook, "单位", heading=f"{stamp} · 各单位报送情况", columns=UNIT_COLUMNS)
    for r in rows:
        row_append(
            sheet,
            [
                cell(sheet, r.unit.short_name),
                cell(sheet, r.assigned),
                cell(sheet, r.owed),
                cell(sheet, r.submitted),
                cell(sheet, r.on_time),
                cell(sheet, r.late),
                cell(sheet, r.overdue, fill=STATUS_FILL[Status.ALERT] if r.overdue else None),
                cell(sheet, r.ahead),
                cell(sheet, r.on_time_rate / 100 if r.on_time_rate is not None else None, fmt=PERCENT),
                cell(sheet, r.first_time_rate / 100 if r.first_time_rate is not None else None, fmt=PERCENT),
            ],
            wrapped={0},
        )
    finish_filter(sheet, len(UNIT_COLUMNS), len(rows))


# -- 碳达峰报送

SUMMARY_COLUMNS = [
    ("单位", 18), ("任务", 8), ("报送", 22), ("截止日期", 12), ("状态", 12), ("提交时间", 17), ("是否逾期", 10),
    ("是否通过", 10), ("通过时间", 17),
]  # fmt: skip
SUMMARY_KINDS = (PeriodKind.HALF_YEAR_SUMMARY, PeriodKind.ANNUAL_SUMMARY)
STATE_FILL = {
    ObligationState.OVERDUE: STATUS_FILL[Status.ALERT],
    ObligationState.SUBMITTED_LATE: STATUS_FILL[Status.BEHIND],
    ObligationState.APPROVED: STATUS_FILL[Status.ON_TRACK],
}


def _summaries(workbook, stamp, user, plan, as_of, only):
    sheet = sheet_start(
        workbook, "碳达峰报送", heading=f"{stamp} · 半年与年度工作总结报送", columns=SUMMARY_COLUMNS
    )
    owed = Obligation.objects.restrict(user).filter(plan=plan, kind__in=SUMMARY_KINDS)
    if only.unit_id:
        owed = owed.filter(unit_id=only.unit_id)
    if only.section:
        owed = owed.filter(work_item__section__number=only.section)
    rows = (
        obligations_as_of(as_of, owed)
        .select_related("unit", "work_item")
        .order_by("due_date", "work_item__number", "unit__sort_order")
    )
    count = 0
    for o in rows:
        count += 1
        row_append(
            sheet,
            [
                cell(sheet, o.unit.short_name),
                cell(sheet, o.work_item.number),
                cell(sheet, o.period_label),
                cell(sheet, o.due_date),
                cell(sheet, ObligationState(o.state).label, fill=STATE_FILL.get(o.state)),
                cell(sheet, o.submitted_at if o.submitted_at and o.submitted_at < day_end(as_of) else None),
                cell(sheet, "是" if o.late else "否"),
                cell(sheet, "是" if o.state == ObligationState.APPROVED else "否"),
                cell(sheet, o.approved_at if o.state == ObligationState.APPROVED else None),
            ],
            wrapped={0, 2},
        )
    finish_filter(sheet, len(SUMMARY_COLUMNS), count)
