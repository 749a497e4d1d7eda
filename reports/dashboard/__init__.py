"""The leaders' dashboard (总览): where a year's items, targets and units stand on a date. Every
figure comes from one function (reports.figures), every count from SQL, and the number of queries
does not grow with the data. A unit's people see the same page limited to their own unit's rows."""

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Q

from tasks.data_version import CacheDown, cache_call, data_version
from tasks.models import Obligation, WorkItem
from units.access import sees_everything
from units.models import Unit

from ..models import ProgressReport
from ..obligations import obligations_as_of
from .flags import open_flags
from .items import ItemRow, TargetRow, item_rows, status_counts
from .obligations import (
    DeadlineRow,
    Grid,
    deadlines_ahead,
    grid_period,
    latest_submissions,
    obligation_grid,
    overdue_list,
)
from .pairs import PairSource, pairs_as_of
from .units import UnitRow, ranked, unit_rows

__all__ = [
    "UNITS_PER_PAGE", "Dashboard", "ItemRow", "TargetRow", "UnitRow", "dashboard", "dashboard_scope", "kept", "pairs_as_of",
    "ranked", "unit_rows",
]  # fmt: skip


UNITS_PER_PAGE = 50  # the API's units to a page (the province's 27 in 2024 on one)


@dataclass
class Dashboard:
    plan: object
    as_of: dt.date
    items: list[ItemRow]
    source: PairSource  # the (item, unit) pairs' figures the reader sees, and their sums
    unit_scope: object  # the units the reader sees (dashboard_scope's queryset)
    grid: Grid
    overdue: list
    deadlines: list[DeadlineRow]
    latest: list
    flags: list  # FlagRow: plausibility flags still to look at (数据疑点)

    @property
    def counts(self):
        return status_counts(self.items)

    @property
    def targets(self) -> list[TargetRow]:
        return [t for row in self.items for t in row.targets]

    @cached_property
    def units(self) -> list[UnitRow]:
        """Every unit's row: for the workbook and the ranking; the page shows none of them."""
        return unit_rows(plan=self.plan, units=self.unit_scope, pairs=self.source.pairs)

    def units_page(self, number) -> tuple[Page, list[UnitRow]]:
        """One page of UNITS_PER_PAGE units in the plan's order and their rows (the API's `units`)."""
        page = Paginator(self.unit_scope.order_by("sort_order", "pk"), UNITS_PER_PAGE).get_page(number)
        ids = [unit.pk for unit in page.object_list]
        pairs = self.source.pairs_of_units(ids)
        return page, unit_rows(plan=self.plan, units=Unit.objects.filter(pk__in=ids), pairs=pairs)

    @property
    def overdue_count(self) -> int:
        """逾期未报: the same sum as the units' rows, without building them."""
        return sum(n for _unit_id, n in self.source.overdue_by_unit)

    def sections(self):
        """The items grouped by section: [(section, [ItemRow])]."""
        groups: dict = {}
        for row in self.items:
            groups.setdefault(row.item.section, []).append(row)
        return sorted(groups.items(), key=lambda g: g[0].number)


def dashboard_scope(*, user, plan):
    """What of the plan the user's dashboard covers: (items, units, obligations), all restricted by
    the one visibility rule. Leaders and administrators: everything; a unit's people: the items their
    unit is named on and the obligations they may see."""
    obligations = Obligation.objects.restrict(user).filter(plan=plan)
    items = WorkItem.objects.restrict(user).filter(plan=plan)
    units = Unit.objects.restrict(user)
    if sees_everything(user):
        units = units.filter(assignments__work_item__plan=plan).distinct()
    else:
        items = items.filter(assignments__unit_id=user.unit_id).distinct()
        units = units.filter(Q(pk=user.unit_id) | Q(pk__in=obligations.values("unit_id")))
    return items, units, obligations


def kept(*, user, key: tuple, compute):
    """`compute()`, the page or the API's answer built from a dashboard. The whole-province one
    (leaders and administrators, who all see the same) is kept in the cache, as plain text or data,
    until the data changes (tasks.data_version) or DASHBOARD_CACHE_SECONDS pass; a unit's own is
    small and always built afresh. Without a reachable cache it is built afresh too."""
    seconds = settings.DASHBOARD_CACHE_SECONDS
    if not seconds or not sees_everything(user):
        return compute()
    version = data_version()
    if version is None:
        return compute()
    name = ":".join(str(part) for part in ("dashboard", *key, version))
    try:
        value = cache_call("get", name)
    except CacheDown:
        return compute()
    if value is None:
        value = compute()
        try:
            cache_call("set", name, value, seconds)
        except CacheDown:
            pass
    return value


def dashboard(*, user, plan, as_of: dt.date) -> Dashboard:
    items, units, owed = dashboard_scope(user=user, plan=plan)
    obligations = obligations_as_of(as_of, owed)
    reports = ProgressReport.objects.restrict(user)
    source = PairSource(user=user, plan=plan, obligations=owed, as_of=as_of)
    return Dashboard(
        plan=plan,
        as_of=as_of,
        items=item_rows(items, plan=plan, source=source, as_of=as_of),
        source=source,
        unit_scope=units,
        grid=obligation_grid(obligations, period=grid_period(plan, as_of)),
        overdue=overdue_list(obligations, by_unit=source.overdue_by_unit),
        deadlines=deadlines_ahead(obligations, as_of=as_of),
        latest=latest_submissions(reports, plan=plan, as_of=as_of),
        flags=open_flags(user=user, plan=plan, as_of=as_of, obligations=owed),
    )
