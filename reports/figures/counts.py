"""The reporting figures of each (work item, unit) pair as of a date: the one basis for every count the
dashboard, the item page and the unit ranking show (应报, 已报, 按时, 逾期, 退回, 一次通过, 声明完成).
Items add up their units' pairs, units their items' pairs. Computed live here, in three grouped
queries, or read from the copy kept for today (reports.tally)."""

import datetime as dt
from dataclasses import dataclass, fields

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from core.db import latest_of
from tasks.obligations import day_end

from ..choices import REPORTED_STATES, ObligationState, ReportAction, ReportStatus
from ..models import ReportEvent
from ..obligations import with_state
from .status import RECENT_LATE_DAYS


@dataclass
class PairCounts:
    """One unit's figures on one work item as of a date. Every obligation count but `year` is of the
    obligations whose period has begun."""

    year: int = 0  # the year's obligations, due or not (what reporting progress is out of)
    owed: int = 0  # 应报: due by the date
    submitted: int = 0  # 已报: of those, submitted by the date
    on_time: int = 0  # of those, submitted by their due date
    late: int = 0  # of those, submitted after it
    overdue: int = 0  # due, nothing submitted
    ahead: int = 0  # 提前报送: submitted, not yet due (in none of the counts above)
    returned: int = 0  # sent back and not yet resubmitted
    late_recent: int = 0  # submitted late, due within the last RECENT_LATE_DAYS days
    approved: int = 0  # reports approved by the date
    approved_first_time: int = 0  # of those, never returned before it
    declared: bool = False  # the latest report approved by the date declares the part complete

    def add(self, other: "PairCounts") -> None:
        for name in COUNTED:
            setattr(self, name, getattr(self, name) + getattr(other, name))


FIGURES = tuple(f.name for f in fields(PairCounts))
COUNTED = tuple(name for name in FIGURES if name != "declared")
Pairs = dict[tuple[int, int], PairCounts]


def _obligation_figures(obligations: QuerySet, *, as_of: dt.date) -> QuerySet:
    begun = Q(period_start__lte=as_of)
    due = begun & Q(is_due=True)
    reported = Q(state__in=REPORTED_STATES)
    recent = Q(due_date__gte=as_of - dt.timedelta(days=RECENT_LATE_DAYS))
    counts = {
        "year": Q(),
        "owed": due,
        "submitted": due & reported,
        "on_time": due & reported & Q(late=False),
        "late": due & reported & Q(late=True),
        "overdue": begun & Q(state=ObligationState.OVERDUE),
        "ahead": begun & reported & Q(is_due=False),
        "returned": begun & Q(state=ObligationState.RETURNED),
        "late_recent": begun & reported & Q(late=True) & recent,
    }
    return (
        with_state(obligations, as_of)
        .order_by()
        .values("work_item_id", "unit_id")
        .annotate(**{f"n_{name}": Count("pk", filter=rule) for name, rule in counts.items()})
    )


def _approval_figures(reports: QuerySet, *, as_of: dt.date) -> QuerySet:
    cutoff = day_end(as_of)
    returned = ReportEvent.objects.filter(
        report_id=OuterRef("pk"), action=ReportAction.RETURN, created_at__lt=cutoff
    )
    return (
        reports.filter(status=ReportStatus.APPROVED, approved_at__lt=cutoff)
        .annotate(was_returned=Exists(returned))
        .order_by()
        .values("work_item_id", "unit_id")
        .annotate(n_approved=Count("pk"), n_approved_first_time=Count("pk", filter=Q(was_returned=False)))
    )


def declared_pairs(reports: QuerySet, *, as_of: dt.date) -> set[tuple[int, int]]:
    """(item, unit) pairs whose latest report approved by the end of `as_of` declares the unit's part
    complete (本项工作已完成): a later report that says it is not withdraws the declaration."""
    approved = reports.filter(status=ReportStatus.APPROVED, approved_at__lt=day_end(as_of))
    latest = latest_of(
        approved, per=["work_item_id", "unit_id"], order=[F("period_end").desc(), F("approved_at").desc()]
    )
    # `completed` is read, not filtered on: a filter beside the window would be applied before the
    # ranking and find the latest report among the complete ones
    rows = latest.values_list("work_item_id", "unit_id", "completed")
    return {(item_id, unit_id) for item_id, unit_id, completed in rows if completed}


def pair_counts(*, obligations: QuerySet, reports: QuerySet, declarations: QuerySet, as_of: dt.date) -> Pairs:
    """Each pair's figures as of `as_of`: from `obligations` (the ones the user sees, begun or not),
    `reports` (the ones the user sees: approvals) and `declarations` (every report of the plan: an
    item is done when all its lead and responsible units declared, whoever looks). Three queries."""
    pairs: Pairs = {}

    def pair(row) -> PairCounts:
        return pairs.setdefault((row["work_item_id"], row["unit_id"]), PairCounts())

    for row in (*_obligation_figures(obligations, as_of=as_of), *_approval_figures(reports, as_of=as_of)):
        counts = pair(row)
        for key, value in row.items():
            if key.startswith("n_"):
                setattr(counts, key[2:], value)
    for key in declared_pairs(declarations, as_of=as_of):
        pairs.setdefault(key, PairCounts()).declared = True
    return pairs
