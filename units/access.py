"""Who may see what: the one entry point every page, API endpoint and service narrows a query with.

`restrict(queryset, user)` (also `Model.objects.restrict(user)`) decides the cases that hold for every
model, and leaves the rest to the model's own queryset:
- nobody logged in, or a deactivated account: nothing;
- administrator (系统管理员): everything;
- department leader (厅领导): what the model's queryset answers in `for_leader(user)`, by default
  everything (reports: all but the units' drafts);
- a model whose queryset is public (the plan: units, plans, sections, items, targets, deadlines): every
  logged-in person, since it is the department's published document;
- someone without a unit: nothing;
- a unit member (单位负责人, 单位填报人): what the model's queryset answers in `for_unit_member(user)`.
  A queryset that says nothing shows nothing.

A user who may not see an object gets 404 (it is not in the restricted queryset). Who may *change*
what is each app's own table (the report workflow lives in reports/workflow/).
This module knows no model but the user's role: the apps above it teach their querysets.
"""

from django.db.models import QuerySet

from .choices import Role


def is_active_user(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def sees_everything(user) -> bool:
    """Administrators and department leaders read every row."""
    return is_active_user(user) and (user.is_superuser or user.role in (Role.ADMIN, Role.LEADER))


def is_admin(user) -> bool:
    """Administrators manage plans, units and people and may correct approved reports."""
    return is_active_user(user) and (user.is_superuser or user.role == Role.ADMIN)


def reviews_reports(user) -> bool:
    """Unit heads review their unit's reports (and, on items their unit leads, others')."""
    return is_active_user(user) and user.role == Role.UNIT_HEAD


def restrict(queryset: QuerySet, user) -> QuerySet:
    """Narrow `queryset` to the rows `user` may see."""
    if not is_active_user(user):
        return queryset.none()
    if getattr(queryset, "public", False) or is_admin(user):
        return queryset
    if sees_everything(user):
        for_leader = getattr(queryset, "for_leader", None)
        return for_leader(user) if for_leader else queryset
    if user.unit_id is None:
        return queryset.none()
    for_unit_member = getattr(queryset, "for_unit_member", None)
    return for_unit_member(user) if for_unit_member else queryset.none()


def may_urge(user) -> bool:
    """Leaders and administrators urge (催办) units about overdue reports."""
    return sees_everything(user)


def may_draft_summary(user, unit) -> bool:
    """Who may draft a summary document for `unit` (None: the department's own): leaders and
    administrators for the department and any unit, a unit's people for their own unit."""
    if sees_everything(user):
        return True
    return is_active_user(user) and unit is not None and user.unit_id == unit.pk


class SystemActor:
    """The portal itself, for what an operator runs from the command line (export_summary): it reads
    as an administrator does and is never a person who could log in. Named 系统 wherever shown."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    is_staff = False
    role = Role.ADMIN
    unit_id = None
    unit = None
    pk = id = None
    username = "system"

    def __str__(self):
        return "系统"


SYSTEM = SystemActor()
