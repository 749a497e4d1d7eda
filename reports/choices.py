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
