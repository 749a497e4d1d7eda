"""Where the dashboard's per-(item, unit) figures come from: the tally kept for the day, or live SQL;
and what the overview adds up from them, per item and per unit."""

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from tasks.choices import AssignmentRole
from tasks.models import Assignment
from units.access import sees_everything
from units.models import Unit

from ..figures.counts import PairCounts, Pairs, pair_counts
from ..models import ProgressReport
from ..tally import selectors as tally
from ..tally.services import kept_pairs

DECLARING = (AssignmentRole.LEAD, AssignmentRole.RESPONSIBLE)


@dataclass
class ItemSum:
    """One item's units' figures added up, and what the item's status asks of its units."""

    counts: PairCounts = field(default_factory=PairCounts)
    overdue_units: int = 0  # units with a report overdue
    lead_overdue: bool = False  # one of them a lead unit
    declared: int = 0  # lead and responsible units whose latest approved report declares their part done


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


class PairSource:
    """The pairs a user's dashboard reads, and their sums per item and per unit. Where the tally is
    kept for the day and the user sees everything, the sums are added up in SQL and the pairs are
    read only if a caller asks for them (every unit's row, for the workbook): the overview's cost
    then stays with what it shows. Otherwise they are added up here from the live pairs."""

    def __init__(self, *, user, plan, obligations, as_of: dt.date, **narrow):
        self.user, self.plan, self.obligations, self.as_of, self.narrow = (
            user,
            plan,
            obligations,
            as_of,
            narrow,
        )
        self.kept = sees_everything(user) and tally.kept_day(plan) == as_of

    @cached_property
    def pairs(self) -> Pairs:
        """The pairs themselves, narrowed as asked (pairs_as_of)."""
        return pairs_as_of(
            user=self.user, plan=self.plan, obligations=self.obligations, as_of=self.as_of, **self.narrow
        )

    def pairs_of_units(self, unit_ids) -> Pairs:
        """The pairs of some units only (a page of them)."""
        if self.kept and "pairs" not in self.__dict__:
            return kept_pairs(plan=self.plan, as_of=self.as_of, unit_id__in=unit_ids, **self.narrow) or {}
        wanted = set(unit_ids)
        return {key: counts for key, counts in self.pairs.items() if key[1] in wanted}

    def item_sums(self, item_ids) -> dict[int, ItemSum]:
        if self.kept:
            rows = tally.kept_item_sums(plan=self.plan, day=self.as_of, item_ids=item_ids)
            return {item_id: ItemSum(PairCounts(**counts), *rest) for item_id, counts, *rest in rows}
        roles: dict[tuple[int, int], set[str]] = {}
        for key in Assignment.objects.filter(work_item__in=item_ids).values_list(
            "work_item_id", "unit_id", "role"
        ):
            roles.setdefault(key[:2], set()).add(key[2])
        sums: dict[int, ItemSum] = {}
        for key, counts in self.pairs.items():
            item = sums.setdefault(key[0], ItemSum())
            item.counts.add(counts)
            unit_roles = roles.get(key, set())
            if counts.overdue:
                item.overdue_units += 1
                item.lead_overdue |= AssignmentRole.LEAD in unit_roles
            item.declared += counts.declared and bool(unit_roles & set(DECLARING))
        return sums

    @cached_property
    def overdue_by_unit(self) -> list[tuple[int, int]]:
        """(unit id, reports overdue) of the units with any, in the units' order."""
        if self.kept:
            return tally.kept_overdue_by_unit(plan=self.plan, day=self.as_of)
        overdue: dict[int, int] = {}
        for (_item_id, unit_id), counts in self.pairs.items():
            if counts.overdue:
                overdue[unit_id] = overdue.get(unit_id, 0) + counts.overdue
        units = Unit.objects.filter(pk__in=list(overdue)).order_by("sort_order", "pk")
        return [(pk, overdue[pk]) for pk in units.values_list("pk", flat=True)]
