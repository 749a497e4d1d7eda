"""What the summary workbook reads, each a query through the visibility rule: the units of each item
by role, each unit's latest progress text, the summaries owed, and the reports of 明细 (two ordered
queries read in chunks, so memory and queries stay the same whatever the number of reports). The
sheets (exports.sheets) only write what these return."""

import datetime as dt
import functools

from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Concat, NullIf

from core.db import latest_of
from reports.choices import ReportAction, ReportStatus
from reports.models import ProgressReport, ReportEvent, TargetValue
from reports.obligations import obligations_as_of
from tasks.choices import PeriodKind
from tasks.models import Assignment, Obligation
from tasks.obligations import day_end
from tasks.periods import parse_period

from .scope import SummaryFilter, figure_text

CHUNK = 2000
SUMMARY_KINDS = (PeriodKind.HALF_YEAR_SUMMARY, PeriodKind.ANNUAL_SUMMARY)


def assigned_names(plan) -> dict[int, dict[str, list[str]]]:
    """Per item, the short names of its units by role, in the document's order."""
    names: dict[int, dict[str, list[str]]] = {}
    rows = Assignment.objects.filter(work_item__plan=plan).select_related("unit")  # in the document's order
    for a in rows:
        names.setdefault(a.work_item_id, {}).setdefault(a.role, []).append(a.unit.short_name)
    return names


def latest_texts(user, plan, as_of: dt.date, only: SummaryFilter) -> dict[int, list[tuple]]:
    """Per item, each unit's latest submitted report by the as-of date: (unit, period, text, when)."""
    reports = ProgressReport.objects.restrict(user).filter(
        work_item__plan=plan, submitted_at__lt=day_end(as_of)
    )
    if only.unit_id:
        reports = reports.filter(unit_id=only.unit_id)
    latest = (
        latest_of(
            reports, per=["work_item_id", "unit_id"], order=[F("period_end").desc(), F("submitted_at").desc()]
        )
        .order_by("work_item_id", "unit__sort_order")
        .values_list("work_item_id", "unit__short_name", "period", "done", "submitted_at")
    )
    texts: dict[int, list[tuple]] = {}
    for item_id, unit, period, done, submitted_at in latest:
        texts.setdefault(item_id, []).append((unit, period, done, submitted_at))
    return texts


def summary_obligations(user, plan, as_of: dt.date, only: SummaryFilter):
    """The half-year and annual summaries owed (碳达峰报送), as of the date, in due order."""
    owed = Obligation.objects.restrict(user).filter(plan=plan, kind__in=SUMMARY_KINDS)
    if only.unit_id:
        owed = owed.filter(unit_id=only.unit_id)
    if only.section:
        owed = owed.filter(work_item__section__number=only.section)
    return (
        obligations_as_of(as_of, owed)
        .select_related("unit", "work_item")
        .order_by("due_date", "work_item__number", "unit__sort_order")
    )


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
    labels = {status: str(label) for status, label in ReportStatus.choices}  # translated once, not per row
    periods = functools.lru_cache(maxsize=512)(lambda key: parse_period(key).label)
    for pk, unit, number, title, period, status, done, problems, steps, submitted, approved, reviewer in rows:
        while pending is not None and pending[0] < pk:
            pending = next(values, None)
        figures = pending[1] if pending is not None and pending[0] == pk else ""
        yield (
            unit, number, title, periods(period), labels.get(status, status), done, problems,
            steps, figures, submitted, approved, reviewer if approved else "",
        )  # fmt: skip
