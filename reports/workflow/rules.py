"""The report workflow as one table: each step, from which statuses, who may take it, and what it is
recorded as. The services enforce it (`check`), the pages and the API show what it allows
(`available_actions`), and nothing else compares roles or statuses.

Who:
- the unit's staff (单位填报人) start, edit, attach evidence to and submit their unit's reports;
- the unit's head (单位负责人) approves or returns them once submitted, and comments;
- the head of an item's lead unit (牵头单位) also sees the item's responsible units' (责任单位) reports,
  comments on them and returns them, even once approved;
- an administrator corrects an approved report, with a reason kept in its history.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tasks.choices import AssignmentRole
from tasks.models import Assignment
from tasks.querysets import unit_rows_seen_by
from units.access import is_active_user, is_admin
from units.choices import Role

from ..choices import EDITABLE_STATUSES, ReportAction, ReportStatus


class ReportStateError(Exception):
    """The report's status does not allow the step (e.g. editing an approved report)."""

    status_code = 409


# ---------------------------------------------------------------- who


def _own_unit(user, report) -> bool:
    return user.unit_id is not None and user.unit_id == report.unit_id


def own_staff(user, report) -> bool:
    return user.role == Role.UNIT_STAFF and _own_unit(user, report)


def own_head(user, report) -> bool:
    return user.role == Role.UNIT_HEAD and _own_unit(user, report)


def lead_head(user, report) -> bool:
    """The head of the item's lead unit, on a responsible unit's report."""
    if user.role != Role.UNIT_HEAD or user.unit_id is None or _own_unit(user, report):
        return False
    return (report.work_item_id, report.unit_id) in lead_scope(user)


def admin(user, report) -> bool:
    return is_admin(user)


def lead_scope(user) -> frozenset[tuple[int, int]]:
    """(work item, unit) pairs whose reports the user oversees as head of the item's lead unit. One
    query, kept on the user object for the rest of the request."""
    cached = getattr(user, "_report_lead_scope", None)
    if cached is None:
        led = Assignment.objects.filter(unit_id=user.unit_id, role=AssignmentRole.LEAD).values("work_item_id")
        cached = frozenset(
            Assignment.objects.filter(work_item_id__in=led, role=AssignmentRole.RESPONSIBLE).values_list(
                "work_item_id", "unit_id"
            )
        )
        user._report_lead_scope = cached
    return cached


def visible_to_unit_member(user) -> Q:
    """The same rule as a filter on reports: the user's own unit's, and, for a unit head, those of
    the responsible units on items the head's unit leads once submitted (a draft is its unit's own)."""
    own = Q(unit_id=user.unit_id)
    return own | (unit_rows_seen_by(user) & ~Q(status=ReportStatus.DRAFT))


# ---------------------------------------------------------------- the table

ALL_STATUSES = tuple(ReportStatus.values)


@dataclass(frozen=True)
class Grant:
    """Who (a test on user and report) may take a step from which statuses."""

    who: Callable
    from_statuses: tuple[str, ...]


@dataclass(frozen=True)
class Step:
    action: str  # also the ReportAction the history records
    grants: tuple[Grant, ...]
    refused: str  # shown when the status does not allow the step; %(s)s is the status
    to_status: str | None = None  # None: the status stays

    def who_may(self, user, report) -> bool:
        return any(grant.who(user, report) for grant in self.grants)

    def statuses_for(self, user, report) -> set[str]:
        return {s for grant in self.grants if grant.who(user, report) for s in grant.from_statuses}


# Saving, evidence and submitting share one rule: the unit's own staff, while the report is theirs to edit.
STAFF_EDITS = (Grant(own_staff, EDITABLE_STATUSES),)
# Reviewing: the unit's own head, and the head of the item's lead unit on a responsible unit's report.
# A draft is its unit's own: the lead unit's head sees, and comments on, a report once submitted.
SUBMITTED_ONCE = tuple(s for s in ALL_STATUSES if s != ReportStatus.DRAFT)
REVIEWERS_ANY_STATUS = (Grant(own_head, ALL_STATUSES), Grant(lead_head, SUBMITTED_ONCE))

STEPS: dict[str, Step] = {
    step.action: step
    for step in (
        Step(
            ReportAction.SAVE,
            STAFF_EDITS,
            gettext_lazy("报告当前状态为“%(s)s”，不能修改。"),
        ),
        Step(
            ReportAction.ATTACH,
            STAFF_EDITS,
            gettext_lazy("报告当前状态为“%(s)s”，不能上传附件。"),
        ),
        Step(
            ReportAction.DETACH,
            STAFF_EDITS,
            gettext_lazy("报告当前状态为“%(s)s”，不能删除附件。"),
        ),
        Step(
            ReportAction.SUBMIT,
            STAFF_EDITS,
            gettext_lazy("报告当前状态为“%(s)s”，不能提交。"),
            ReportStatus.SUBMITTED,
        ),
        Step(
            ReportAction.APPROVE,
            (Grant(own_head, (ReportStatus.SUBMITTED,)),),
            gettext_lazy("只有已提交的报告可以审核通过。"),
            ReportStatus.APPROVED,
        ),
        Step(
            ReportAction.RETURN,
            (
                Grant(own_head, (ReportStatus.SUBMITTED,)),
                Grant(lead_head, (ReportStatus.SUBMITTED, ReportStatus.APPROVED)),
            ),
            gettext_lazy("报告当前状态为“%(s)s”，不能退回。"),
            ReportStatus.RETURNED,
        ),
        Step(
            ReportAction.COMMENT,
            REVIEWERS_ANY_STATUS,
            gettext_lazy("报告当前状态为“%(s)s”，不能记录意见。"),
        ),
        Step(
            ReportAction.EXPLAIN,
            (Grant(own_head, SUBMITTED_ONCE), Grant(lead_head, SUBMITTED_ONCE)),
            gettext_lazy("报告当前状态为“%(s)s”，提交后才能核实数据疑点。"),
        ),
        Step(
            ReportAction.CORRECT,
            (Grant(admin, (ReportStatus.APPROVED,)),),
            gettext_lazy("只有已通过的报告需要管理员更正，其他状态请退回单位修改。"),
        ),
    )
}


def check_who(user, action: str, report) -> Step:
    """Refuse someone the table never lets take the step (PermissionDenied), whatever the status."""
    step = STEPS[action]
    if not (is_active_user(user) and step.who_may(user, report)):
        raise PermissionDenied(_("您没有权限执行此操作。"))
    return step


def check(user, action: str, report) -> Step:
    """Refuse the step unless the table allows it: PermissionDenied for someone who may never take it,
    ReportStateError for a status it cannot be taken from. Returns the step."""
    step = check_who(user, action, report)
    if report.status not in step.statuses_for(user, report):
        raise ReportStateError(str(step.refused) % {"s": report.get_status_display()})
    return step


def allows(user, action: str, report) -> bool:
    step = STEPS[action]
    return (
        is_active_user(user)
        and step.who_may(user, report)
        and report.status in step.statuses_for(user, report)
    )


def available_actions(user, report) -> list[str]:
    """The steps `user` may take on `report` now, in the table's order: what a page shows as buttons and
    the API lists as `actions`."""
    return [action for action in STEPS if allows(user, action, report)]


def awaiting_review(user, reports) -> list:
    """Of `reports`, those the user may approve or return now (待我审核), by the table's grants: a
    unit's staff member, a leader or an administrator has none, whatever they may read."""
    return [
        report
        for report in reports
        if allows(user, ReportAction.APPROVE, report) or allows(user, ReportAction.RETURN, report)
    ]


def may_start(user, unit) -> bool:
    """Only a unit's own staff start its reports."""
    return (
        is_active_user(user) and user.role == Role.UNIT_STAFF and unit is not None and unit.pk == user.unit_id
    )
