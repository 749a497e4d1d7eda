"""Who may see and do what: the one place the portal checks permissions.

Every view and API endpoint narrows its querysets with `restrict(queryset, user, action)` (also
reachable as `Model.objects.restrict(user)`) and asks `can(user, action, obj)` before a change. A
user who may not see an object gets 404 (it is not in the restricted queryset); one who may see it
but not act gets 403.

Roles:
- administrator (系统管理员): sees and manages everything; may correct an approved report.
- leader (厅领导): reads everything, changes nothing.
- unit head (单位负责人): sees the unit's reports and reviews them; on a work item the unit leads
  (牵头单位), also sees, comments on and returns the reports of the responsible units (责任单位).
- unit staff (单位填报人): sees the unit's reports, drafts and submits them.
The plan itself (plans, sections, work items, targets, deadlines, units) is readable by everyone who
has logged in: it is the department's published document.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from .choices import Role

# Models whose rows every logged-in user may read.
PUBLIC_MODELS = {
    "units.Unit",
    "tasks.Plan",
    "tasks.Section",
    "tasks.WorkItem",
    "tasks.Assignment",
    "tasks.Target",
    "tasks.Deadline",
}


def sees_everything(user) -> bool:
    return bool(
        user and user.is_authenticated and (user.is_superuser or user.role in (Role.ADMIN, Role.LEADER))
    )


def is_admin(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or user.role == Role.ADMIN))


def _report_visibility(user) -> Q:
    """Reports of the user's own unit; for a unit head, also those of responsible units on the work
    items the head's unit leads."""
    from tasks.choices import AssignmentRole
    from tasks.models import Assignment

    rule = Q(unit_id=user.unit_id)
    if user.role == Role.UNIT_HEAD:
        leads_item = Assignment.objects.filter(
            work_item_id=OuterRef("work_item_id"), unit_id=user.unit_id, role=AssignmentRole.LEAD
        )
        report_unit_responsible = Assignment.objects.filter(
            work_item_id=OuterRef("work_item_id"),
            unit_id=OuterRef("unit_id"),
            role=AssignmentRole.RESPONSIBLE,
        )
        rule |= Q(Exists(leads_item), Exists(report_unit_responsible))
    return rule


def restrict(queryset: QuerySet, user, action: str = "view") -> QuerySet:
    """Narrow `queryset` to the rows `user` may see."""
    if not (user and user.is_authenticated and user.is_active):
        return queryset.none()
    label = queryset.model._meta.label
    if label in PUBLIC_MODELS or sees_everything(user):
        return queryset
    if user.unit_id is None:
        return queryset.none()
    if label == "units.User":
        return queryset.filter(unit_id=user.unit_id)
    if label == "reports.ProgressReport":
        return queryset.filter(_report_visibility(user))
    if label in ("reports.TargetValue", "reports.Attachment", "reports.ReportEvent"):
        from reports.models import ProgressReport

        visible = ProgressReport.objects.filter(_report_visibility(user)).values("pk")
        return queryset.filter(report_id__in=visible)
    return queryset.none()


def _leads_item_of_responsible(user, report) -> bool:
    from tasks.choices import AssignmentRole
    from tasks.models import Assignment

    roles = dict(
        Assignment.objects.filter(
            work_item_id=report.work_item_id, unit_id__in=[user.unit_id, report.unit_id]
        ).values_list("unit_id", "role")
    )
    return (
        roles.get(user.unit_id) == AssignmentRole.LEAD
        and roles.get(report.unit_id) == AssignmentRole.RESPONSIBLE
    )


def can(user, action: str, obj=None) -> bool:
    """May `user` do `action` to `obj`? Actions on reports: create (obj: the unit), edit, submit,
    approve, return, comment, correct. The status rules (only drafts are edited ...) live in the
    report services; this answers only *who*."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if action == "manage":
        return is_admin(user)
    own_unit = obj is not None and user.unit_id is not None and getattr(obj, "unit_id", None) == user.unit_id
    if action == "create":
        # obj is the unit the report is for
        return user.role == Role.UNIT_STAFF and obj is not None and obj.pk == user.unit_id
    if action in ("edit", "submit", "attach"):
        return user.role == Role.UNIT_STAFF and own_unit
    if action == "approve":
        return user.role == Role.UNIT_HEAD and own_unit
    if action in ("return", "comment"):
        if user.role != Role.UNIT_HEAD:
            return False
        return own_unit or _leads_item_of_responsible(user, obj)
    if action == "correct":
        return is_admin(user)
    return False
