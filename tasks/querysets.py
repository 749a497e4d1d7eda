"""What a unit member sees of the rows a unit owns on a work item (obligations here, reports above):
its own unit's, and, for a unit head, those of the responsible units on items the head's unit leads."""

from django.db.models import Exists, OuterRef, Q

from units.choices import Role
from units.querysets import PublicQuerySet, RestrictedQuerySet


def unit_rows_seen_by(user) -> Q:
    """A filter on any model with `work_item` and `unit`: the user's own unit's rows, and for a unit
    head those of responsible units (责任单位) on items the head's unit leads (牵头单位)."""
    from .choices import AssignmentRole
    from .models import Assignment

    rule = Q(unit_id=user.unit_id)
    if user.role == Role.UNIT_HEAD:
        leads_item = Assignment.objects.filter(
            work_item_id=OuterRef("work_item_id"), unit_id=user.unit_id, role=AssignmentRole.LEAD
        )
        unit_responsible = Assignment.objects.filter(
            work_item_id=OuterRef("work_item_id"),
            unit_id=OuterRef("unit_id"),
            role=AssignmentRole.RESPONSIBLE,
        )
        rule |= Q(Exists(leads_item), Exists(unit_responsible))
    return rule


class ObligationQuerySet(RestrictedQuerySet):
    def for_unit_member(self, user):
        return self.filter(unit_rows_seen_by(user))


class PlanQuerySet(PublicQuerySet):
    def of_year(self, year: int | None):
        """The plan of `year`, or the latest when no year is given; None if there is none."""
        return self.filter(year=year).first() if year else self.first()
