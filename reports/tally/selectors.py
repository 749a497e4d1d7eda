"""Reading the tally kept for a day: its day, and its pairs added up in SQL per item and per unit, so
that a page reads a row per item or per unit shown rather than one per pair."""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, Sum

from tasks.choices import AssignmentRole
from tasks.models import Assignment

from ..figures.counts import COUNTED
from .model import ObligationTally


def kept_day(plan) -> dt.date | None:
    """The day the plan's tally is kept for; None where it keeps none."""
    return ObligationTally.objects.filter(plan=plan).values_list("day", flat=True).first()


def kept_item_sums(*, plan, day: dt.date, item_ids) -> list[tuple]:
    """Per item: (item id, {figure: sum}, units with a report overdue, whether a lead unit is one of
    them, lead and responsible units that declared their part done). One query; nothing where the
    tally is kept for another day."""

    def role(*roles):
        return Exists(
            Assignment.objects.filter(
                work_item_id=OuterRef("work_item_id"), unit_id=OuterRef("unit_id"), role__in=roles
            )
        )

    rows = (
        ObligationTally.objects.filter(plan=plan, day=day, work_item_id__in=item_ids)
        .annotate(
            is_lead=role(AssignmentRole.LEAD), declares=role(AssignmentRole.LEAD, AssignmentRole.RESPONSIBLE)
        )
        .order_by()
        .values("work_item_id")
        .annotate(
            **{f"sum_{name}": Sum(name) for name in COUNTED},
            overdue_units=Count("pk", filter=Q(overdue__gt=0)),
            lead_overdue=Count("pk", filter=Q(overdue__gt=0, is_lead=True)),
            declared_units=Count("pk", filter=Q(declared=True, declares=True)),
        )
    )
    return [
        (
            row["work_item_id"],
            {name: row[f"sum_{name}"] for name in COUNTED},
            row["overdue_units"],
            row["lead_overdue"] > 0,
            row["declared_units"],
        )
        for row in rows
    ]


def kept_overdue_by_unit(*, plan, day: dt.date) -> list[tuple[int, int]]:
    """(unit id, reports overdue) of the units with any, in the units' order. One query."""
    rows = (
        ObligationTally.objects.filter(plan=plan, day=day, overdue__gt=0)
        .order_by()
        .values("unit_id", "unit__sort_order")
        .annotate(n=Sum("overdue"))
        .order_by("unit__sort_order", "unit_id")
    )
    return [(row["unit_id"], row["n"]) for row in rows]
