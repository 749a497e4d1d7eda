from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    RETURNED = "returned", _("已退回")
    APPROVED = "approved", _("已通过")


# Statuses in which the unit's staff may still edit the report.
EDITABLE_STATUSES = (ReportStatus.DRAFT, ReportStatus.RETURNED)
# Statuses in which a unit has reported: its figures count as said (a floor for the next period, a
# period no longer pending), though only approved ones count towards a target's actual.
REPORTED_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.APPROVED)


class ReportAction(models.TextChoices):
    CREATE = "create", _("创建")
    SAVE = "save", _("保存")
    SUBMIT = "submit", _("提交")
    APPROVE = "approve", _("审核通过")
    RETURN = "return", _("退回")
    COMMENT = "comment", _("批注")
    CORRECT = "correct", _("管理员更正")
    ATTACH = "attach", _("上传附件")
    DETACH = "detach", _("删除附件")
    EXPLAIN = "explain", _("核实疑点")


class ObligationState(models.TextChoices):
    """Where an obligation (报送义务) stands on a given date."""

    NOT_DUE = "not_due", _("未到期")
    DUE_SOON = "due_soon", _("临近截止")
    OVERDUE = "overdue", _("已逾期")
    SUBMITTED = "submitted", _("已报送")
    SUBMITTED_LATE = "submitted_late", _("逾期报送")
    RETURNED = "returned", _("已退回")
    APPROVED = "approved", _("已通过")


# Obligations with a submission (已报): the unit has reported, whatever the review said since.
REPORTED_STATES = (
    ObligationState.SUBMITTED,
    ObligationState.SUBMITTED_LATE,
    ObligationState.RETURNED,
    ObligationState.APPROVED,
)


class StateGroup(models.TextChoices):
    """Groups of states the dashboard counts and its links open (on the obligation list, `state=`)."""

    REPORTED = "reported", _("已报")
    ON_TIME = "on_time", _("按时报送")
    LATE = "late", _("逾期报送（含已通过、已退回的）")


class DueChoice(models.TextChoices):
    """Whether an obligation is due by the as-of date: 应报 counts the due ones."""

    DUE = "yes", _("已到期（应报）")
    NOT_DUE = "no", _("未到期")


# Obligations with nothing submitted yet: what reminders chase.
UNSUBMITTED_STATES = (ObligationState.NOT_DUE, ObligationState.DUE_SOON, ObligationState.OVERDUE)
# Obligations the unit still has to act on: nothing submitted, or sent back.
OPEN_STATES = (*UNSUBMITTED_STATES, ObligationState.RETURNED)
# Missing (未报) in the dashboard's grid: due soon or past due, with nothing submitted.
MISSING_STATES = (ObligationState.DUE_SOON, ObligationState.OVERDUE)
# The states the grid's key explains, in its order.
GRID_STATES = (
    ObligationState.SUBMITTED,
    ObligationState.SUBMITTED_LATE,
    ObligationState.RETURNED,
    ObligationState.OVERDUE,
    ObligationState.DUE_SOON,
)
# Only an overdue obligation (past due, nothing submitted) may be urged (催办).
URGEABLE_STATES = (ObligationState.OVERDUE,)
