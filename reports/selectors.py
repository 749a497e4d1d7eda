"""Reads of progress reports and the figures derived from them. Each figure has one function here,
used alike by pages, the API, exports and reminders."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from tasks.choices import Aggregation, Comparator
from tasks.models import Deadline, Target

from .choices import ReportStatus
from .models import ProgressReport, ReportEvent, TargetValue
from .periods import Period, parse_period

# ---------------------------------------------------------------- target actuals

_NEVER = dt.datetime.min.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class TargetActual:
    """A target's current actual: `value` is None until some unit's report is approved."""

    target_id: int
    value: Decimal | None
    unit_count: int
    as_of: dt.date | None

    @property
    def has_data(self) -> bool:
        return self.value is not None


def target_actuals(targets) -> dict[int, TargetActual]:
    """The current actual of each target, from the latest approved cumulative value of every unit.

    A unit's latest value is that of its approved report with the latest period (ties: the later
    approval). Aggregation.SUM adds the units' latest values (km greened, lines converted);
    Aggregation.LATEST takes the most recent of them (rates such as fast-charging coverage, which a
    unit reports as a whole-province figure).
    """
    target_list = list(targets)
    ids = [t.pk for t in target_list]
    rows = (
        TargetValue.objects.filter(target_id__in=ids, report__status=ReportStatus.APPROVED)
        .order_by("target_id", "report__unit_id", "report__period_end", "report__approved_at")
        .values_list("target_id", "report__unit_id", "report__period_end", "report__approved_at", "value")
    )
    latest_by_unit: dict[tuple[int, int], tuple] = {}
    for target_id, unit_id, period_end, approved_at, value in rows:
        latest_by_unit[(target_id, unit_id)] = (period_end, approved_at, value)

    per_target: dict[int, list[tuple]] = {}
    for (target_id, _unit_id), row in latest_by_unit.items():
        per_target.setdefault(target_id, []).append(row)

    result = {}
    for target in target_list:
        unit_rows = per_target.get(target.pk, [])
        if not unit_rows:
            result[target.pk] = TargetActual(target.pk, None, 0, None)
            continue
        as_of = max(r[0] for r in unit_rows)
        if target.aggregation == Aggregation.SUM:
            value = sum((r[2] for r in unit_rows), Decimal(0))
        else:
            value = max(unit_rows, key=lambda r: (r[0], r[1] or _NEVER))[2]
        result[target.pk] = TargetActual(target.pk, value, len(unit_rows), as_of)
    return result


def target_is_met(target: Target, value: Decimal | None) -> bool:
    """Whether `value` meets the target's goal (≥, =, ≤ or within the range)."""
    if value is None:
        return False
    if target.comparator == Comparator.GTE:
        return value >= target.target_value
    if target.comparator == Comparator.EQ:
        return value == target.target_value
    if target.comparator == Comparator.LTE:
        return value <= target.target_value
    return target.target_min <= value <= target.target_max


def target_completion(target: Target, value: Decimal | None) -> int | None:
    """Percent of the way to the goal (capped at 100), for progress bars; None without data."""
    if value is None:
        return None
    goal = target.target_min if target.comparator == Comparator.RANGE else target.target_value
    if target.comparator == Comparator.LTE or not goal:
        return 100 if target_is_met(target, value) else 0
    return max(0, min(100, int(value * 100 / goal)))


@dataclass(frozen=True)
class TargetProgress:
    target: Target
    actual: TargetActual
    met: bool
    completion: int | None


def target_progress(targets) -> list[TargetProgress]:
    """Each target with its actual, whether it is met and how far along it is."""
    target_list = list(targets)
    actuals = target_actuals(target_list)
    return [
        TargetProgress(
            target=t,
            actual=actuals[t.pk],
            met=target_is_met(t, actuals[t.pk].value),
            completion=target_completion(t, actuals[t.pk].value),
        )
        for t in target_list
    ]


# ---------------------------------------------------------------- values a unit reported


def previous_values(*, unit_id: int, targets, before: dt.date) -> dict[int, Decimal]:
    """The unit's latest already-reported (submitted or approved) value of each target in a period
    ending before `before`: the floor a new cumulative value is checked against."""
    rows = (
        TargetValue.objects.filter(
            target__in=targets,
            report__unit_id=unit_id,
            report__period_end__lt=before,
            report__status__in=(ReportStatus.SUBMITTED, ReportStatus.APPROVED),
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


# ---------------------------------------------------------------- due dates and lateness


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


def current_period(plan_year: int, today: dt.date | None = None) -> Period:
    """The month a unit reports on now: this month, or the plan year's last month once it is over."""
    today = today or timezone.localdate()
    if today.year > plan_year:
        return parse_period(f"{plan_year}-12")
    if today.year < plan_year:
        return parse_period(f"{plan_year}-01")
    return parse_period(f"{today:%Y-%m}")


# ---------------------------------------------------------------- report lists and pages


def report_list(*, user, filters: dict | None = None) -> QuerySet:
    """Reports the user may see, newest period first, ready for list pages and the API."""
    filters = filters or {}
    qs = ProgressReport.objects.restrict(user).select_related("work_item__plan", "unit")
    lookups = {"year": "work_item__plan__year", "work_item": "work_item", "unit": "unit"}
    for key, lookup in lookups.items():
        value = filters.get(key)
        if value:
            # ids and years typed into a page's address are strings; one that is no number matches nothing
            if not str(value).isdigit():
                return qs.none()
            qs = qs.filter(**{lookup: int(value)})
    for key in ("period", "status"):
        if filters.get(key):
            qs = qs.filter(**{key: filters[key]})
    return qs


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
    from tasks.models import Assignment

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
    done_statuses = (ReportStatus.SUBMITTED, ReportStatus.APPROVED)

    rows = []
    for assignment in assignments:
        item = assignment.work_item
        current = reports.get((item.pk, period.key))
        summaries = [(d, reports.get((item.pk, d.period))) for d in item.deadlines.all()]
        pending = [(d.due_date, d.name) for d, r in summaries if not (r and r.status in done_statuses)]
        if not (current and current.status in done_statuses):
            pending.append((period.default_due_date, _period_report_name(period)))
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


def _period_report_name(period: Period) -> str:
    return f"{period.label}进展"
