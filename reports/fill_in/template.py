"""The fill-in template (填报模板) of a unit for one report period: its open obligations (no report
yet, a draft, a returned report) with the targets the unit reports, to fill offline and upload.

Two sheets a person fills: 进展 (one row per work item: the texts and whether the work is done) and
指标 (one row per target the unit reports: its figure and, when the figure falls below the last one,
why). A hidden sheet carries the template's identity (unit, period, each draft's version) signed with
the portal's key, so that an upload is checked against the unit, the period and the drafts it was
made from."""

import datetime as dt
from dataclasses import dataclass, field

from django.core import signing
from django.db.models import Count, Min, Q
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from tasks.choices import ReporterScope
from tasks.models import Obligation, TargetReporter
from tasks.periods import Period, parse_period

from ..cells import BORDER, HEADER_FILL, HEADER_FONT, TITLE_FONT, WRAP, safe_text
from ..choices import EDITABLE_STATUSES, ReportStatus
from ..models import ProgressReport, TargetValue
from ..obligations import obligations_as_of
from ..selectors import previous_values

SALT = "reports.excel.template"  # as when it was signed first: templates already downloaded stay valid
META_SHEET = "模板信息"
PROGRESS_SHEET = "进展"
TARGET_SHEET = "指标"
PROGRESS_COLUMNS = [
    ("任务编号", 9), ("任务", 24), ("报送期", 14), ("截止日期", 12), ("当前状态", 10), ("工作进展", 50),
    ("存在问题", 30), ("下步计划", 30), ("本项工作已完成（是/否）", 14),
]  # fmt: skip
TARGET_COLUMNS = [
    ("任务编号", 9), ("指标", 30), ("计量单位", 9), ("填报口径", 10), ("目标", 14), ("上期已报累计值", 14),
    ("本期累计值", 14), ("调减说明（低于上期值时必填）", 36),
]  # fmt: skip
FIRST_ROW = 3  # a title row, then the header
INPUT_FILL = PatternFill("solid", fgColor="FFF9E6")
OPEN = Protection(locked=False)


@dataclass
class TemplateTarget:
    target: object
    scope: str
    floor: object = None  # the unit's last reported (submitted or approved) value before the period
    value: object = None  # the draft's value, if any
    explanation: str = ""


@dataclass
class TemplateRow:
    """One open obligation of the unit in the period, with its draft if one exists."""

    obligation: Obligation
    report: ProgressReport | None
    targets: list[TemplateTarget] = field(default_factory=list)

    @property
    def item(self):
        return self.obligation.work_item


def template_rows(*, unit, plan, period: Period) -> list[TemplateRow]:
    """The unit's obligations in `period` it can still fill (none started, a draft, a returned
    report), in item order, each with the targets the unit reports. Five queries."""
    obligations = list(
        Obligation.objects.filter(unit=unit, plan=plan, period=period.key)
        .select_related("work_item")
        .order_by("work_item__number")
    )
    reports = {
        r.work_item_id: r
        for r in ProgressReport.objects.filter(unit=unit, work_item__plan=plan, period=period.key)
    }
    rows = [
        TemplateRow(obligation=o, report=reports.get(o.work_item_id))
        for o in obligations
        if o.work_item_id not in reports or reports[o.work_item_id].status in EDITABLE_STATUSES
    ]
    reporters = (
        TargetReporter.objects.filter(unit=unit, target__work_item__in=[r.item for r in rows])
        .select_related("target")
        .order_by("target__sort_order", "target_id")
    )
    by_item: dict[int, list[TemplateTarget]] = {}
    for reporter in reporters:
        by_item.setdefault(reporter.target.work_item_id, []).append(
            TemplateTarget(target=reporter.target, scope=reporter.scope)
        )
    targets = [t.target for ts in by_item.values() for t in ts]
    floors = previous_values(unit_id=unit.pk, targets=targets, before=period.end) if targets else {}
    drafts = {
        (v.report_id, v.target_id): v
        for v in TargetValue.objects.filter(report__in=[r.report for r in rows if r.report])
    }
    for row in rows:
        row.targets = by_item.get(row.item.pk, [])
        for entry in row.targets:
            entry.floor = floors.get(entry.target.pk)
            saved = drafts.get((row.report.pk, entry.target.pk)) if row.report else None
            if saved is not None:
                entry.value, entry.explanation = saved.value, saved.explanation
    return rows


@dataclass
class TemplatePeriod:
    period: Period
    open: int  # obligations still to fill: none started, a draft or a returned report
    due_date: dt.date


def template_periods(*, unit, plan, today: dt.date | None = None) -> list[TemplatePeriod]:
    """The periods, already begun, in which the unit still has reports to fill, the soonest due
    first: those a template can be downloaded for. One query."""
    today = today or timezone.localdate()
    owed = obligations_as_of(today, Obligation.objects.filter(unit=unit, plan=plan)).filter(
        Q(report_id__isnull=True) | Q(report_status__in=EDITABLE_STATUSES)
    )
    rows = owed.values("period").annotate(n=Count("pk"), due=Min("due_date")).order_by("due", "period")
    return [TemplatePeriod(parse_period(r["period"]), r["n"], r["due"]) for r in rows]


def template_identity(*, unit, period: Period, rows: list[TemplateRow]) -> str:
    """The signed identity the hidden sheet carries: the unit, the period and each draft's version."""
    versions = {str(r.item.pk): r.report.version for r in rows if r.report}
    return signing.dumps({"unit": unit.pk, "period": period.key, "versions": versions}, salt=SALT)


def template_write(out, *, unit, plan, period: Period, today: dt.date | None = None) -> int:
    """Write the unit's template for `period` to `out`; return the number of work items in it."""
    rows = template_rows(unit=unit, plan=plan, period=period)
    workbook = Workbook()
    progress = workbook.active
    progress.title = PROGRESS_SHEET
    heading = (
        f"{unit.name} · {plan.title} · {period.report_title}填报模板（下载于{timezone.localtime():%Y-%m-%d %H:%M}）"
        "　填写浅黄色单元格后，在门户“Excel 填报”页面上传；上传后生成草稿，请在门户中核对并提交。"
    )
    _start(progress, heading, PROGRESS_COLUMNS)
    status_labels = dict(ReportStatus.choices)
    done_choice = DataValidation(
        type="list", formula1='"是,否"', allow_blank=True, error="请填写“是”或“否”。", showErrorMessage=True
    )
    progress.add_data_validation(done_choice)
    for n, row in enumerate(rows, start=FIRST_ROW):
        report = row.report
        progress.append(
            [
                row.item.number,
                safe_text(row.item.title),
                period.label,
                row.obligation.due_date,
                str(status_labels[report.status]) if report else "未填报",
                safe_text(report.done) if report else None,
                safe_text(report.problems) if report else None,
                safe_text(report.next_steps) if report else None,
                ("是" if report.completed else "否") if report else None,
            ]
        )
        _style_row(progress, n, len(PROGRESS_COLUMNS), inputs=range(6, 10))
        progress.cell(n, 4).number_format = "yyyy-mm-dd"
        done_choice.add(f"I{n}")

    figures = workbook.create_sheet(TARGET_SHEET)
    _start(
        figures,
        f"{unit.name} · {period.report_title} · 量化指标（填写截至本期末的累计值）",
        TARGET_COLUMNS,
    )
    number = DataValidation(
        type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
        error="请填写不小于 0 的数字。", showErrorMessage=True,
    )  # fmt: skip
    figures.add_data_validation(number)
    n = FIRST_ROW
    for row in rows:
        for entry in row.targets:
            target = entry.target
            figures.append(
                [
                    row.item.number,
                    safe_text(target.name),
                    target.measure_unit,
                    str(ReporterScope(entry.scope).label),
                    target.goal_display,
                    entry.floor,
                    entry.value,
                    safe_text(entry.explanation) or None,
                ]
            )
            _style_row(figures, n, len(TARGET_COLUMNS), inputs=range(7, 9))
            number.add(f"G{n}")
            n += 1

    meta = workbook.create_sheet(META_SHEET)
    meta["A1"] = template_identity(unit=unit, period=period, rows=rows)
    meta.sheet_state = "veryHidden"
    for sheet in (progress, figures, meta):
        sheet.protection.sheet = True  # only the yellow cells take input; any password-free tool unlocks
        sheet.protection.formatColumns = False
    workbook.save(out)
    return len(rows)


def _start(sheet, heading: str, columns) -> None:
    for n, (_name, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    sheet["A1"] = safe_text(heading)
    sheet["A1"].font = TITLE_FONT
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    sheet["A1"].alignment = Alignment(wrap_text=True, vertical="center")
    sheet.row_dimensions[1].height = 36
    for n, (name, _width) in enumerate(columns, start=1):
        c = sheet.cell(2, n, name)
        c.font, c.fill, c.alignment, c.border = HEADER_FONT, HEADER_FILL, WRAP, BORDER
    sheet.freeze_panes = f"A{FIRST_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"
    sheet.print_title_rows = "2:2"


def _style_row(sheet, n: int, width: int, *, inputs) -> None:
    for column in range(1, width + 1):
        c = sheet.cell(n, column)
        c.border = BORDER
        c.alignment = WRAP
        if column in inputs:
            c.fill, c.protection = INPUT_FILL, OPEN
    sheet.cell(n, 1).font = Font(bold=True)
