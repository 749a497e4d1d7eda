from django.db import models
from django.utils.translation import gettext_lazy as _


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("牵头单位")
    RESPONSIBLE = "responsible", _("责任单位")
    COOPERATING = "cooperating", _("配合单位")


# The word a plan document writes before 单位 or 部门 for each role (牵头单位：…); also the role's
# short label where a name follows it (牵头·厅运输处, a table's 单位 column).
ROLE_WORDS = {
    "牵头": AssignmentRole.LEAD,
    "责任": AssignmentRole.RESPONSIBLE,
    "配合": AssignmentRole.COOPERATING,
}
ROLE_SHORT = {role: word for word, role in ROLE_WORDS.items()}
# The strongest role first: a unit named in two roles on one item keeps the stronger.
ROLE_RANK = {AssignmentRole.LEAD: 0, AssignmentRole.RESPONSIBLE: 1, AssignmentRole.COOPERATING: 2}


def strongest(role: str, other: str | None) -> str:
    """The stronger of two roles (`other` may be None: no role yet)."""
    return role if other is None or ROLE_RANK[role] < ROLE_RANK[other] else other


class Comparator(models.TextChoices):
    GTE = "gte", "≥"
    EQ = "eq", "="
    LTE = "lte", "≤"
    RANGE = "range", _("区间")


class PeriodKind(models.TextChoices):
    """What a report period covers, and so what a report for it is: routine progress, monthly (月度进展)
    or quarterly (季度进展), or item 3's half-year and annual summaries (半年 / 年度工作总结)."""

    MONTHLY = "monthly", _("月度进展")
    QUARTERLY = "quarterly", _("季度进展")
    HALF_YEAR_SUMMARY = "half_year_summary", _("半年工作总结")
    ANNUAL_SUMMARY = "annual_summary", _("年度工作总结")


ROUTINE_KINDS = (PeriodKind.MONTHLY, PeriodKind.QUARTERLY)


class Cadence(models.TextChoices):
    """How often a plan's units report routine progress (报送周期)."""

    MONTHLY = "monthly", _("按月报送")
    QUARTERLY = "quarterly", _("按季度报送")


class ReporterScope(models.TextChoices):
    """What a unit's figure for a target is: its own part, added across reporters (本单位完成), or the
    province-wide figure, reported by one unit (全省合计)."""

    CONTRIBUTION = "contribution", _("本单位完成")
    TOTAL = "total", _("全省合计")


class DeadlineKind(models.TextChoices):
    """A plan deadline closes a summary period, or is some other dated submission."""

    HALF_YEAR_SUMMARY = PeriodKind.HALF_YEAR_SUMMARY.value, PeriodKind.HALF_YEAR_SUMMARY.label
    ANNUAL_SUMMARY = PeriodKind.ANNUAL_SUMMARY.value, PeriodKind.ANNUAL_SUMMARY.label
    OTHER = "other", _("其他")
