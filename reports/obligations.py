"""Where each obligation (报送义务, tasks.Obligation) stands on a date, in SQL.

The state of an obligation as of a date (`as_of`), from the unit's report for it:
- approved (已通过): submitted and approved by then;
- returned (已退回): submitted, then sent back for changes;
- submitted_late (逾期报送) / submitted (已报送): first submitted after / by the due date;
- overdue (已逾期): nothing submitted and the due date has passed (a draft is not a submission);
- due_soon (临近截止): nothing submitted, due within the first reminder offset (REMINDER_DAYS_BEFORE);
- not_due (未到期): otherwise.
Only obligations whose period has begun by `as_of` are owed. Every count the portal shows (my work,
the dashboard, reminders, exports) is an aggregate over `obligations_as_of`, never a loop in Python.
"""

import datetime as dt

from django.conf import settings
from django.db.models import BooleanField, Case, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone

from tasks.models import Obligation
from tasks.obligations import day_end
from units.access import may_urge

from .choices import URGEABLE_STATES, ObligationState, ReportStatus
from .models import ProgressReport


def due_soon_days() -> int:
    return max(settings.REMINDER_DAYS_BEFORE, default=0)


def _report_of_obligation(reports=None) -> QuerySet:
    reports = ProgressReport.objects.all() if reports is None else reports
    return reports.filter(
        work_item_id=OuterRef("work_item_id"), unit_id=OuterRef("unit_id"), period=OuterRef("period")
    )


def late_rule(*, submitted: Q, as_of: dt.date, obligation: str = "") -> Case:
    """Late (逾期): first submitted at or after the end of the due day, or nothing submitted and the
    due date already past. The one rule behind 逾期报送 and 已逾期 on obligations and on reports;
    `obligation` is the path to the obligation's fields ("" on an obligation itself)."""
    return Case(
        When(submitted & Q(submitted_at__gte=F(f"{obligation}due_end")), then=Value(True)),
        When(~submitted & Q(**{f"{obligation}due_date__lt": as_of}), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def with_lateness(reports: QuerySet, as_of: dt.date | None = None) -> QuerySet:
    """Reports annotated with `late` as of a date (today by default), by the obligation each meets
    (a report no obligation asks for any more is never late)."""
    as_of = as_of or timezone.localdate()
    submitted = Q(submitted_at__isnull=False, submitted_at__lt=day_end(as_of))
    return reports.annotate(late=late_rule(submitted=submitted, as_of=as_of, obligation="obligation__"))


def obligations_as_of(as_of: dt.date, queryset: QuerySet | None = None) -> QuerySet:
    """Obligations owed by `as_of` (their period has begun), each annotated with its report
    (`report_id`, `report_status`, `submitted_at`, `approved_at`), its `state` (ObligationState),
    `late` (submitted after its due date, or past it with nothing submitted) and `is_due` (due by
    `as_of`: what 应报 counts)."""
    queryset = Obligation.objects.all() if queryset is None else queryset
    return with_state(queryset.filter(period_start__lte=as_of), as_of)


def with_state(queryset: QuerySet, as_of: dt.date) -> QuerySet:
    """The annotations of obligations_as_of on any obligations, begun or not."""
    cutoff = day_end(as_of)  # what happened by the end of the as-of day counts
    submitted = Q(submitted_at__isnull=False, submitted_at__lt=cutoff)
    return queryset.annotate(
        # one LEFT JOIN on (work item, unit, period): ProgressReport.obligation
        report_id=F("report__pk"),
        report_status=F("report__status"),
        submitted_at=F("report__submitted_at"),
        approved_at=F("report__approved_at"),
    ).annotate(
        state=Case(
            When(
                submitted & Q(report_status=ReportStatus.APPROVED, approved_at__lt=cutoff),
                then=Value(ObligationState.APPROVED),
            ),
            When(submitted & Q(report_status=ReportStatus.RETURNED), then=Value(ObligationState.RETURNED)),
            When(submitted & Q(submitted_at__gte=F("due_end")), then=Value(ObligationState.SUBMITTED_LATE)),
            When(submitted, then=Value(ObligationState.SUBMITTED)),
            When(due_date__lt=as_of, then=Value(ObligationState.OVERDUE)),
            When(
                due_date__lte=as_of + dt.timedelta(days=due_soon_days()),
                then=Value(ObligationState.DUE_SOON),
            ),
            default=Value(ObligationState.NOT_DUE),
        ),
        late=late_rule(submitted=submitted, as_of=as_of),
        # 应报: due by the as-of date; every count the dashboard shows is of these
        is_due=Case(When(due_date__lte=as_of, then=Value(True)), default=Value(False)),
    )


def with_visible_report(queryset: QuerySet, *, user) -> QuerySet:
    """Annotate `visible_report_id`: the obligation's report where `user` may see it (a unit's draft
    is its own), through the one visibility rule."""
    visible = _report_of_obligation(ProgressReport.objects.restrict(user))
    return queryset.annotate(visible_report_id=Subquery(visible.values("pk")[:1]))


def obligation_list(*, user, as_of: dt.date | None = None) -> QuerySet:
    """The obligations `user` may see (a unit's people: their own unit's, a lead unit's head also
    those of the item's responsible units), as of a date (today by default)."""
    as_of = as_of or timezone.localdate()
    queryset = obligations_as_of(as_of, Obligation.objects.restrict(user))
    return with_visible_report(queryset, user=user).select_related("unit", "work_item")


def may_urge_obligation(user, state: str) -> bool:
    """Whether `user` may urge a unit about an obligation in `state` (one overdue, by a leader or an
    administrator): what the service checks and the pages show a 催办 link for."""
    return may_urge(user) and state in URGEABLE_STATES
