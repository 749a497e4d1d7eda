"""The dashboard's views of the obligations as of a date: the unit × item grid of one period, the
overdue list, the deadlines ahead and the latest submissions. Each a bounded query."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q

from tasks.obligations import day_end
from tasks.periods import Period, parse_period

from ..choices import MISSING_STATES, REPORTED_STATES, ObligationState

GRID_UNITS = 60  # the grid lists at most this many units, those with most missing first
OVERDUE_ROWS = 50  # the overdue list's length on the page; the obligation list has them all
DEADLINE_DAYS = 30
DEADLINE_UNITS = 12  # pending units named per deadline; the rest are counted


def grid_period(plan, as_of: dt.date) -> Period:
    """The period the grid shows: the latest routine period ended by `as_of` (whose reports are due
    or coming due), else the first."""
    periods = plan.routine_periods()
    ended = [p for p in periods if p.end < as_of]
    return ended[-1] if ended else periods[0]


@dataclass
class Grid:
    period: Period
    items: list  # (id, number) of the items owed in the period, in order
    rows: list  # (unit id, unit name, {item id: state}, missing count)
    unit_count: int  # units owing in the period (the grid may list fewer)


def obligation_grid(obligations, *, period: Period) -> Grid:
    cells = obligations.filter(period=period.key).values_list(
        "unit_id", "unit__short_name", "unit__sort_order", "work_item_id", "work_item__number", "state"
    )
    items, units = {}, {}
    for unit_id, name, order, item_id, number, state in cells:
        items[item_id] = number
        row = units.setdefault(unit_id, {"name": name, "order": order, "cells": {}, "missing": 0})
        row["cells"][item_id] = state
        row["missing"] += state in MISSING_STATES
    ordered = sorted(units.items(), key=lambda u: (-u[1]["missing"], u[1]["order"], u[0]))[:GRID_UNITS]
    return Grid(
        period=period,
        items=sorted(items.items(), key=lambda i: i[1]),
        rows=[(pk, u["name"], u["cells"], u["missing"]) for pk, u in ordered],
        unit_count=len(units),
    )


def overdue_list(obligations, *, by_unit=None, limit: int = OVERDUE_ROWS) -> list:
    """The first `limit` overdue obligations, by unit and due date. With `by_unit` ((unit id, reports
    overdue) in the units' order, reports.dashboard.pairs) only the first units that have enough of
    them are read."""
    if by_unit is not None:
        first, total = [], 0
        for unit_id, n in by_unit:
            if total >= limit:
                break
            first.append(unit_id)
            total += n
        obligations = obligations.filter(unit_id__in=first)
    return list(
        obligations.filter(state=ObligationState.OVERDUE)
        .select_related("unit", "work_item")
        .order_by("unit__sort_order", "unit_id", "due_date", "work_item__number")[:limit]
    )


@dataclass
class DeadlineRow:
    due_date: dt.date
    period: Period
    owed: int
    submitted: int
    pending_units: list = field(default_factory=list)  # (unit id, short name), at most DEADLINE_UNITS

    @property
    def pending(self) -> int:
        return self.owed - self.submitted

    @property
    def days_left(self) -> int:
        return (self.due_date - self._as_of).days

    _as_of: dt.date = dt.date.min


def deadlines_ahead(obligations, *, as_of: dt.date, days: int = DEADLINE_DAYS) -> list[DeadlineRow]:
    """Reports due from `as_of` (a deadline today included) to `days` ahead, grouped by due date and
    period, with the units that have not yet submitted."""
    ahead = obligations.filter(due_date__gte=as_of, due_date__lte=as_of + dt.timedelta(days=days))
    groups = (
        ahead.order_by("due_date", "period")
        .values("due_date", "period")
        .annotate(owed=Count("pk"), submitted=Count("pk", filter=Q(state__in=REPORTED_STATES)))
    )
    rows = {
        (g["due_date"], g["period"]): DeadlineRow(
            due_date=g["due_date"],
            period=parse_period(g["period"]),
            owed=g["owed"],
            submitted=g["submitted"],
            _as_of=as_of,
        )
        for g in groups
    }
    pending = (
        ahead.exclude(state__in=REPORTED_STATES)
        .order_by("due_date", "period", "unit__sort_order", "unit_id")
        .values_list("due_date", "period", "unit_id", "unit__short_name")
        .distinct()
    )
    for due, period, unit_id, name in pending:
        names = rows[(due, period)].pending_units
        if len(names) < DEADLINE_UNITS:
            names.append((unit_id, name))
    return list(rows.values())


def latest_submissions(reports, *, plan, as_of: dt.date, limit: int = 8) -> list:
    """The reports most recently submitted by the end of `as_of`."""
    return list(
        reports.filter(work_item__plan=plan, submitted_at__lt=day_end(as_of))
        .select_related("unit", "work_item")
        .order_by("-submitted_at", "-pk")[:limit]
    )
