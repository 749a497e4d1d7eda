"""The summary workbook's sheets, each a function of the rows it is given (read by exports.selectors
and the dashboard): 总表, 指标, 单位, 碳达峰报送 and 明细. They write through exports.workbook
(xlsxwriter, constant memory) and read nothing themselves."""

import datetime as dt

from reports.cells import measure_format
from reports.choices import ObligationState
from reports.figures.status import Status
from tasks.choices import AssignmentRole
from tasks.obligations import day_end
from tasks.periods import parse_period

from .scope import figure_text
from .selectors import CHUNK
from .workbook import DATE, PERCENT, STATUS_FILL, cell, finish_filter, lines_needed, row_append, sheet_start

OVERVIEW_COLUMNS = [
    ("板块", 10), ("序号", 5), ("任务", 12), ("任务内容", 34), (str(AssignmentRole.LEAD.label), 9),
    (str(AssignmentRole.RESPONSIBLE.label), 10), (str(AssignmentRole.COOPERATING.label), 10),
    ("量化指标（目标 / 实际）", 20), ("各单位最新进展", 34), ("状态", 8), ("进度", 7), ("最近报送", 11),
]  # fmt: skip
OVERVIEW_WRAPPED = {0, 2, 3, 4, 5, 6, 7, 8}
LATEST_UNITS = 5  # 总表 quotes this many units' latest progress; 明细 has every report in full
LATEST_CHARS = 40
NAMES_LINES = 10  # a role's units in 总表: as many names as fit in this many lines, then "等N个单位"


def overview_sheet(workbook, stamp: str, items, assigned: dict, texts: dict) -> None:
    """总表: one row per item (the dashboard's rows), with its units by role and their latest texts."""
    sheet = sheet_start(workbook, "总表", heading=f"{stamp} · 总表", columns=OVERVIEW_COLUMNS)
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
                cell(sheet, _names(roles.get(AssignmentRole.LEAD, []), OVERVIEW_COLUMNS[4][1]), wrap=True),
                cell(
                    sheet,
                    _names(roles.get(AssignmentRole.RESPONSIBLE, []), OVERVIEW_COLUMNS[5][1]),
                    wrap=True,
                ),
                cell(
                    sheet,
                    _names(roles.get(AssignmentRole.COOPERATING, []), OVERVIEW_COLUMNS[6][1]),
                    wrap=True,
                ),
                cell(sheet, targets, wrap=True),
                cell(sheet, _latest_progress(latest), wrap=True),
                cell(sheet, Status(row.status).label, fill=STATUS_FILL[row.status]),
                cell(sheet, row.progress_pct / 100, fmt=PERCENT),
                cell(sheet, last, fmt=DATE),
            ],
            wrapped=OVERVIEW_WRAPPED,
        )
    finish_filter(sheet, len(OVERVIEW_COLUMNS), len(items))


def _names(names: list[str], width: int) -> str:
    """The units' names, joined; a list too long to print legibly in its column (every unit of the
    department on items 1 and 2) is cut after the names that fit in NAMES_LINES lines and counted."""
    text = "、".join(names)
    if lines_needed(text, width) <= NAMES_LINES:
        return text
    shown = list(names)
    while shown and lines_needed("、".join(shown) + f"等{len(names)}个单位", width) > NAMES_LINES:
        shown.pop()
    return "、".join(shown) + f"等{len(names)}个单位"


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
    ("状态", 8), ("各单位填报", 44), ("截止日期", 11), ("分项合计", 11), ("全省合计", 11), ("差额", 10),
]  # fmt: skip


def targets_sheet(workbook, stamp: str, rows) -> None:
    """指标: one row per (item, the dashboard's target row)."""
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
                cell(sheet, actual.contribution_sum, fmt=fmt),
                cell(sheet, actual.total, fmt=fmt),
                cell(sheet, actual.gap, fmt=fmt),
            ],
            wrapped={1, 8},
        )  # fmt: skip
    finish_filter(sheet, len(TARGET_COLUMNS), len(rows))


# -- 单位

UNIT_COLUMNS = [
    ("单位", 18), ("承担任务", 10), ("应报", 8), ("已报", 8), ("按时", 8), ("逾期报送", 10), ("逾期未报", 10),
    ("提前报送", 10), ("按时报送率", 12), ("一次通过率", 12),
]  # fmt: skip


def units_sheet(workbook, stamp: str, rows) -> None:
    """单位: one row per unit (the dashboard's unit rows)."""
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
STATE_FILL = {
    ObligationState.OVERDUE: STATUS_FILL[Status.ALERT],
    ObligationState.SUBMITTED_LATE: STATUS_FILL[Status.BEHIND],
    ObligationState.APPROVED: STATUS_FILL[Status.ON_TRACK],
}


def summaries_sheet(workbook, stamp: str, rows, as_of: dt.date) -> None:
    """碳达峰报送: one row per summary owed (obligations annotated as of `as_of`)."""
    sheet = sheet_start(
        workbook, "碳达峰报送", heading=f"{stamp} · 半年与年度工作总结报送", columns=SUMMARY_COLUMNS
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


# -- 数据疑点

FLAG_COLUMNS = [("任务", 5), ("单位", 12), ("指标", 20), ("疑点", 14), ("说明", 60)]


def flags_sheet(workbook, stamp: str, rows) -> None:
    """数据疑点: the flags still to look at (reports.dashboard.flags.FlagRow), as the overview counts them."""
    sheet = sheet_start(workbook, "数据疑点", heading=f"{stamp} · 数据疑点（待核实）", columns=FLAG_COLUMNS)
    for row in rows:
        row_append(
            sheet,
            [cell(sheet, row.item_number), cell(sheet, row.unit, wrap=True), cell(sheet, row.target, wrap=True),
             cell(sheet, row.rule_label, wrap=True), cell(sheet, row.message, wrap=True)],
            wrapped={1, 2, 3, 4},
        )  # fmt: skip
    finish_filter(sheet, len(FLAG_COLUMNS), len(rows))


# -- 明细

DETAIL_COLUMNS = [
    ("单位", 9), ("任务", 5), ("任务名称", 12), ("报送期", 10), ("状态", 7), ("工作进展", 32), ("存在问题", 18),
    ("下步计划", 18), ("指标数值", 18), ("提交时间", 16), ("通过时间", 16), ("审核人", 8),
]  # fmt: skip


WRAPPED = {0, 2, 3, 5, 6, 7, 8, 11}  # the names, the texts and the values


def details_sheet(workbook, stamp: str, rows, progress=None) -> int:
    """明细: the rows of exports.selectors.detail_rows, streamed; returns how many. `progress`, if
    given, is called with the number written so far every CHUNK rows."""
    sheet = sheet_start(workbook, "明细", heading=f"{stamp} · 进展报告明细", columns=DETAIL_COLUMNS)
    count = 0
    for row in rows:
        count += 1
        row_append(
            sheet, [cell(sheet, value, wrap=n in WRAPPED) for n, value in enumerate(row)], wrapped=WRAPPED
        )
        if progress is not None and count % CHUNK == 0:
            progress(count)
    finish_filter(sheet, len(DETAIL_COLUMNS), count)
    return count
