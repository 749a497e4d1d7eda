"""When a report is due, and whether it is late."""

import datetime as dt

from tasks.obligations import due_date_for
from tasks.periods import parse_period

from ..models import ProgressReport
from ..obligations import with_lateness


def report_due_date(*, work_item, period: str, deadlines=None) -> dt.date:
    """When a report for (work item, period) is due: the item's deadline for that period if it has
    one (item 3's summaries), else by the plan's due day (the same rule as the obligations')."""
    if deadlines is None:
        deadlines = work_item.deadlines.all()
    return due_date_for(plan=work_item.plan, period=parse_period(period), deadlines=deadlines)


def report_is_late(report: ProgressReport) -> bool:
    """Late means first submitted after the due date, or not submitted and already past it (the SQL
    rule, reports.obligations.late_rule). Late reports are accepted; this only marks them. Reads the
    `late` annotation where the report was fetched with it."""
    late = getattr(report, "late", None)
    if late is None:
        late = with_lateness(ProgressReport.objects.filter(pk=report.pk)).values_list("late", flat=True).get()
    return late


def report_lateness(report: ProgressReport) -> str:
    """How a late report is marked: "submitted_late" (逾期报送) once it was submitted after its due
    date, "overdue" (已逾期未提交) while it is past its due date and not yet submitted, else ""."""
    if not report_is_late(report):
        return ""
    return "submitted_late" if report.submitted_at else "overdue"
