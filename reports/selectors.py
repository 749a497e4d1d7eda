"""Reads of progress reports: lists and pages through the visibility rule, a unit's earlier values,
and a unit's work. Derived figures (actuals, due dates) each have one function in reports.figures."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from tasks.models import Assignment
from tasks.periods import Period, current_period

from .choices import REPORTED_STATUSES, ReportStatus
from .models import ProgressReport, ReportEvent, TargetValue

# ---------------------------------------------------------------- values a unit reported


def previous_values(*, unit_id: int, targets, before: dt.date) -> dict[int, Decimal]:
    """The unit's latest already-reported (submitted or approved) value of each target in a period
    ending before `before`: the floor a new cumulative value is checked against."""
    rows = (
        TargetValue.objects.filter(
            target__in=targets,
            report__unit_id=unit_id,
            report__period_end__lt=before,
            report__status__in=REPORTED_STATUSES,
        )
        .order_by("target_id", "report__period_end")
        .values_list("target_id", "value")
    )
    return dict(rows)


def last_reported_values(*, unit_id: int, targets) -> dict[int, Decimal]:
    """The unit's latest value of each target in any report, whatever its status."""
    rows = (
        TargetValue.objects.filter(target__in=targets, report__unit_id=unit_id)
        .order_by("target_id", "report__period_end", "report__updated_at")
        .values_list("target_id", "value")
    )
    return dict(rows)


# ---------------------------------------------------------------- report lists and pages


def report_list(*, user) -> QuerySet:
    """Reports the user may see, newest period first, ready for list pages and the API."""
    return ProgressReport.objects.restrict(user).select_related("work_item__plan", "unit")


def report_detail(*, user, pk: int) -> ProgressReport:
    """One report the user may see, with what its page shows (raises DoesNotExist otherwise)."""
    return (
        ProgressReport.objects.restrict(user)
        .select_related("work_item__section", "work_item__plan", "unit", "created_by")
        .prefetch_related(
            Prefetch("values", queryset=TargetValue.objects.select_related("target")),
            "attachments",
            Prefetch("events", queryset=ReportEvent.objects.select_related("actor")),
            "work_item__targets",
            "work_item__deadlines",
        )
        .get(pk=pk)
    )


def review_queue(*, user) -> QuerySet:
    """Submitted reports waiting for this user's review: their own unit's, and those of
    responsible units on items their unit leads."""
    return report_list(user=user).filter(status=ReportStatus.SUBMITTED).order_by("submitted_at", "id")


# ---------------------------------------------------------------- a unit's work ("my work")


@dataclass
class WorkRow:
    """One work item as a unit sees it on its home page."""

    item: object
    role: str
    role_label: str
    targets: list  # [(target, the unit's last reported value or None)]
    period: Period
    report: ProgressReport | None
    summaries: list  # [(deadline, the unit's report for its period or None)]
    next_due: dt.date | None
    next_due_label: str
    overdue: bool

    @property
    def status(self) -> str:
        return self.report.status if self.report else "not_started"


def unit_work(*, unit, plan, today: dt.date | None = None) -> list[WorkRow]:
    """The work items the unit is assigned to (lead, responsible or cooperating) in `plan`, with the
    unit's last values, its report for the current period and the next thing due. Four queries."""
    today = today or timezone.localdate()
    period = current_period(plan.year, today)
    assignments = list(
        Assignment.objects.filter(unit=unit, work_item__plan=plan)
        .select_related("work_item__section")
        .prefetch_related("work_item__targets", "work_item__deadlines")
        .order_by("work_item__number")
    )
    reports = {
        (r.work_item_id, r.period): r
        for r in ProgressReport.objects.filter(unit=unit, work_item__plan=plan).only(
            "id", "work_item_id", "period", "status", "submitted_at", "version"
        )
    }
    all_targets = [t for a in assignments for t in a.work_item.targets.all()]
    last = last_reported_values(unit_id=unit.pk, targets=all_targets) if all_targets else {}

    rows = []
    for assignment in assignments:
        item = assignment.work_item
        current = reports.get((item.pk, period.key))
        summaries = [(d, reports.get((item.pk, d.period))) for d in item.deadlines.all()]
        pending = [(d.due_date, d.name) for d, r in summaries if not (r and r.status in REPORTED_STATUSES)]
        if not (current and current.status in REPORTED_STATUSES):
            pending.append((period.default_due_date, period.report_title))
        next_due, next_label = min(pending) if pending else (None, "")
        rows.append(
            WorkRow(
                item=item,
                role=assignment.role,
                role_label=assignment.get_role_display(),
                targets=[(t, last.get(t.pk)) for t in item.targets.all()],
                period=period,
                report=current,
                summaries=summaries,
                next_due=next_due,
                next_due_label=next_label,
                overdue=bool(next_due and next_due < today),
            )
        )
    return rows
