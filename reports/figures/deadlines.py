"""When a report is due, and whether it is late."""

import datetime as dt

from django.utils import timezone

from tasks.models import Deadline
from tasks.periods import parse_period

from ..models import ProgressReport


def report_due_date(*, work_item_id: int, period: str, deadlines=None) -> dt.date:
    """When a report for (work item, period) is due: the plan's deadline for that period if it has
    one (item 3's summaries), else the period's default (monthly: the configured day of next month)."""
    if deadlines is None:
        deadlines = Deadline.objects.filter(work_item_id=work_item_id, period=period)
    for deadline in deadlines:
        if deadline.work_item_id == work_item_id and deadline.period == period:
            return deadline.due_date
    return parse_period(period).default_due_date


def report_is_late(report: ProgressReport, *, deadlines=None) -> bool:
    """Late means first submitted after the due date, or not submitted and already past it. Late
    reports are accepted; this only marks them."""
    due = report_due_date(work_item_id=report.work_item_id, period=report.period, deadlines=deadlines)
    when = timezone.localdate(report.submitted_at) if report.submitted_at else timezone.localdate()
    return when > due
