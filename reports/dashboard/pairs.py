"""Where the dashboard's per-(item, unit) figures come from: the tally kept for the day, or live SQL."""

import datetime as dt

from units.access import sees_everything

from ..figures.counts import Pairs, pair_counts
from ..models import ProgressReport
from ..tally.services import kept_pairs


def pairs_as_of(*, user, plan, obligations, as_of: dt.date, **narrow) -> Pairs:
    """Each (item, unit) pair's figures the user sees as of the date (reports.figures.counts), narrowed
    by `narrow` (work_item_id=…, unit_id__in=…). A leader's or an administrator's view of the day the
    plan's tally is kept for reads it (reports.tally, one query); any other is counted live from
    `obligations` (dashboard_scope's) and the reports the user sees."""
    if sees_everything(user):
        pairs = kept_pairs(plan=plan, as_of=as_of, **narrow)
        if pairs is not None:
            return pairs
    plan_reports = ProgressReport.objects.filter(work_item__plan=plan, **narrow)
    return pair_counts(
        obligations=obligations.filter(**narrow),
        reports=plan_reports.restrict(user),
        declarations=plan_reports,
        as_of=as_of,
    )
