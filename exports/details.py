"""明细: every progress report submitted by the as-of date that the user sees, filtered, in report
order; one generator of rows (`detail_rows`) feeds the workbook's sheet and the CSV. Two queries, read
in chunks, so memory and queries stay the same whatever the number of reports."""

import datetime as dt

from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Concat, NullIf

from reports.cells import cell, finish_filter, row_append, sheet_start
from reports.choices import ReportAction, ReportStatus
from reports.models import ProgressReport, ReportEvent, TargetValue
from tasks.obligations import day_end
from tasks.periods import parse_period

from .scope import SummaryFilter, figure_text

CHUNK = 2000


DETAIL_COLUMNS = [
    ("单位", 9), ("任务", 5), ("任务名称", 12), ("报送期", 10), ("状态", 7), ("工作进展", 32), ("存在问题", 18),
    ("下步计划", 18), ("指标数值", 18), ("提交时间", 16), ("通过时间", 16), ("审核人", 8),
]  # fmt: skip


def detail_reports(user, plan, as_of: dt.date, only: SummaryFilter):
    """The reports the workbook's 明细 lists, in order: those submitted by the as-of date that the
    user sees, filtered."""
    reports = ProgressReport.objects.restrict(user).filter(
        work_item__plan=plan, submitted_at__lt=day_end(as_of)
    )
    if only.section:
        reports = reports.filter(work_item__section__number=only.section)
    if only.unit_id:
        reports = reports.filter(unit_id=only.unit_id)
    if only.period:
        reports = reports.filter(period=only.period)
    return reports.order_by("pk")


def _reviewer():
    approval = ReportEvent.objects.filter(report=OuterRef("pk"), action=ReportAction.APPROVE).order_by("-pk")
    name = Coalesce(
        NullIf(Concat(F("actor__last_name"), F("actor__first_name")), Value("")), F("actor__username")
    )
    return Subquery(approval.annotate(name=name).values("name")[:1])


def _values_by_report(reports):
    """(report id, "name: value unit" lines) for the reports, in report order, streamed."""
    values = (
        TargetValue.objects.filter(report__in=reports.values("pk"))
        .order_by("report_id", "target__sort_order", "target_id")
        .values_list("report_id", "target__name", "value", "target__measure_unit")
        .iterator(chunk_size=CHUNK)
    )
    current, lines = None, []
    for report_id, name, value, measure_unit in values:
        if report_id != current and current is not None:
            yield current, "\n".join(lines)
            lines = []
        current = report_id
        lines.append(f"{name}：{figure_text(value, measure_unit)}")
    if current is not None:
        yield current, "\n".join(lines)


def detail_rows(user, plan, as_of, only):
    """The rows of 明细, streamed in report order: (unit, item number, item title, period label, status
    label, done, problems, next steps, target values, submitted at, approved at, reviewer). The same
    rows feed the workbook and the CSV. Two queries, read in chunks."""
    reports = detail_reports(user, plan, as_of, only)
    rows = (
        reports.annotate(reviewer=Coalesce(_reviewer(), Value("")))
        .values_list(
            "pk", "unit__short_name", "work_item__number", "work_item__title", "period", "status", "done",
            "problems", "next_steps", "submitted_at", "approved_at", "reviewer",
        )
        .iterator(chunk_size=CHUNK)
    )  # fmt: skip
    values = _values_by_report(reports)
    pending = next(values, None)
    labels = dict(ReportStatus.choices)
    for pk, unit, number, title, period, status, done, problems, steps, submitted, approved, reviewer in rows:
        while pending is not None and pending[0] < pk:
            pending = next(values, None)
        figures = pending[1] if pending is not None and pending[0] == pk else ""
        yield (
            unit, number, title, parse_period(period).label, str(labels.get(status, status)), done, problems,
            steps, figures, submitted, approved, reviewer if approved else "",
        )  # fmt: skip


WRAPPED = {0, 2, 3, 5, 6, 7, 8, 11}  # the names, the texts and the values


def details_sheet(workbook, stamp, user, plan, as_of, only, progress=None) -> int:
    sheet = sheet_start(workbook, "明细", heading=f"{stamp} · 进展报告明细", columns=DETAIL_COLUMNS)
    count = 0
    for row in detail_rows(user, plan, as_of, only):
        count += 1
        row_append(
            sheet, [cell(sheet, value, wrap=n in WRAPPED) for n, value in enumerate(row)], wrapped=WRAPPED
        )
        if progress is not None and count % CHUNK == 0:
            progress(count)
    finish_filter(sheet, len(DETAIL_COLUMNS), count)
    return count
