"""Reads of progress reports: lists and pages through the visibility rule, a unit's earlier values,
and a unit's work. Derived figures (actuals, due dates) each have one function in reports.figures."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from tasks.choices import ROUTINE_KINDS
from tasks.models import Assignment, Obligation, TargetReporter
from tasks.periods import routine_period

from .choices import OPEN_STATES, REPORTED_STATES, REPORTED_STATUSES, ObligationState, ReportStatus
from .models import Flag, ProgressReport, ReportEvent, TargetValue
from .obligations import obligations_as_of, with_lateness
from .workflow.rules import awaiting_review

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


def reported_targets(*, unit_id: int, targets) -> dict[int, str]:
    """The targets among `targets` the unit reports a figure for (填报单位), with the scope of its
    figure (ReporterScope): what its report form asks for, and all it may enter."""
    rows = TargetReporter.objects.filter(unit_id=unit_id, target__in=list(targets)).values_list(
        "target_id", "scope"
    )
    return dict(rows)


def form_targets(*, unit_id: int, work_item) -> tuple[list, dict[int, str]]:
    """The item's targets a unit's report form asks for (those the unit reports), and their scopes."""
    scopes = reported_targets(unit_id=unit_id, targets=work_item.targets.all())
    return [t for t in work_item.targets.all() if t.pk in scopes], scopes


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
        with_lateness(ProgressReport.objects.restrict(user))
        .select_related("work_item__section", "work_item__plan", "unit", "created_by")
        .prefetch_related(
            Prefetch("values", queryset=TargetValue.objects.select_related("target")),
            "attachments",
            Prefetch("events", queryset=ReportEvent.objects.select_related("actor")),
            "work_item__targets",
            "work_item__deadlines",
            Prefetch("flags", queryset=Flag.objects.select_related("target", "explained_by")),
        )
        .get(pk=pk)
    )


def review_queue(*, user) -> list:
    """Submitted reports waiting for this user's review (their own unit's, and those of responsible
    units on items their unit leads), built from the workflow table's approve and return grants."""
    submitted = report_list(user=user).filter(status=ReportStatus.SUBMITTED).order_by("submitted_at", "id")
    return awaiting_review(user, submitted)


# ---------------------------------------------------------------- a unit's work ("my work")


@dataclass
class WorkRow:
    """One work item as a unit sees it on its home page: the targets it reports, with its last
    values, and the reports it owes that are open (due, missed, returned) or current."""

    item: object
    role: str
    role_label: str
    targets: list  # [(target, scope label, the unit's last reported value or None)]
    obligations: list  # Obligation rows annotated by obligations_as_of
    next_due: dt.date | None
    next_due_label: str
    overdue: bool
    owes_any: bool = False  # the unit owes reports on the item this year at all
    last: object = None  # the unit's latest submitted obligation on the item (its state says how it went)
    upcoming: object = None  # the next obligation, when none is open now

    @property
    def owes_reports(self) -> bool:
        return bool(self.obligations)

    @property
    def awaiting_review(self) -> bool:
        states = (ObligationState.SUBMITTED, ObligationState.SUBMITTED_LATE)
        return self.last is not None and self.last.state in states

    @property
    def states(self) -> set[str]:
        return {o.state for o in self.obligations}


def unit_work(*, unit, plan, today: dt.date | None = None) -> list[WorkRow]:
    """The work items the unit is assigned to (lead, responsible or cooperating) in `plan`, each with
    the targets the unit reports (and its last values) and the obligations to show: every open one
    (not yet due, due soon, missed, returned), the current routine period's whatever its state, and
    the summaries; the latest report submitted and the next one owed, for a card with nothing open.
    Five queries."""
    today = today or timezone.localdate()
    current = routine_period(today, plan.report_cadence).key if today.year == plan.year else None
    assignments = list(
        Assignment.objects.filter(unit=unit, work_item__plan=plan)
        .select_related("work_item__section")
        .order_by("work_item__number")
    )
    reporters = list(
        TargetReporter.objects.filter(unit=unit, target__work_item__plan=plan)
        .select_related("target")
        .order_by("target__sort_order", "target_id")
    )
    owed = obligations_as_of(today, Obligation.objects.filter(unit=unit, plan=plan)).order_by(
        "due_date", "period"
    )
    by_item: dict[int, list] = {}
    latest: dict[int, object] = {}
    for obligation in owed:
        shown = (
            obligation.state in OPEN_STATES
            or obligation.period == current
            or obligation.kind not in ROUTINE_KINDS
        )
        if shown:
            by_item.setdefault(obligation.work_item_id, []).append(obligation)
        if obligation.state in REPORTED_STATES:
            latest[obligation.work_item_id] = obligation  # the latest due date wins
    owing = {o.work_item_id for o in owed}
    upcoming: dict[int, object] = {}
    for obligation in Obligation.objects.filter(unit=unit, plan=plan, period_start__gt=today).order_by(
        "due_date", "period"
    ):
        owing.add(obligation.work_item_id)
        upcoming.setdefault(obligation.work_item_id, obligation)
    last = last_reported_values(unit_id=unit.pk, targets=[r.target for r in reporters]) if reporters else {}

    rows = []
    for assignment in assignments:
        item = assignment.work_item
        obligations = by_item.get(item.pk, [])
        pending = [o for o in obligations if o.state in OPEN_STATES]
        first = min(pending, key=lambda o: o.due_date) if pending else None
        rows.append(
            WorkRow(
                item=item,
                role=assignment.role,
                role_label=assignment.get_role_display(),
                targets=[
                    (r.target, r.get_scope_display(), last.get(r.target_id))
                    for r in reporters
                    if r.target.work_item_id == item.pk
                ],
                obligations=obligations,
                next_due=first.due_date if first else None,
                next_due_label=first.period_label if first else "",
                overdue=any(o.state == ObligationState.OVERDUE for o in obligations),
                owes_any=item.pk in owing,
                last=latest.get(item.pk),
                upcoming=upcoming.get(item.pk),
            )
        )
    return rows
