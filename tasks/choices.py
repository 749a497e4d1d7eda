from django.db import models
from django.utils.translation import gettext_lazy as _


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("牵头单位")
    RESPONSIBLE = "responsible", _("责任单位")
    COOPERATING = "cooperating", _("配合单位")


class Comparator(models.TextChoices):
    GTE = "gte", "≥"
    EQ = "eq", "="
    LTE = "lte", "≤"
    RANGE = "range", _("区间")


class Aggregation(models.TextChoices):
    """How a target's actual is derived from the units' latest approved cumulative values."""

    SUM = "sum", _("各单位累计值求和")
    LATEST = "latest", _("取最近审核通过的单位填报值")


class PeriodKind(models.TextChoices):
    """What a report period covers, and so what a report for it is: routine monthly progress (月度进展)
    or item 3's half-year and annual summaries (半年 / 年度工作总结)."""

    MONTHLY = "monthly", _("月度进展")
    HALF_YEAR_SUMMARY = "half_year_summary", _("半年工作总结")
    ANNUAL_SUMMARY = "annual_summary", _("年度工作总结")


class DeadlineKind(models.TextChoices):
    """A plan deadline closes a summary period, or is some other dated submission."""

    HALF_YEAR_SUMMARY = PeriodKind.HALF_YEAR_SUMMARY.value, PeriodKind.HALF_YEAR_SUMMARY.label
    ANNUAL_SUMMARY = PeriodKind.ANNUAL_SUMMARY.value, PeriodKind.ANNUAL_SUMMARY.label
    OTHER = "other", _("其他")
