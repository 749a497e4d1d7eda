"""A plausibility flag (数据疑点) on a report's figure: which rule it broke, in words a clerk and a
reviewer read, and, once the reviewer has looked, who marked it explained, when and why. A flag never
blocks a save; the rules live in reports.plausibility."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .querysets import ReportPartQuerySet


class FlagRule(models.TextChoices):
    DECREASE = "decrease", _("累计值下降")
    JUMP = "jump", _("单期增幅过大")
    OVER_WHOLE = "over_whole", _("单位数超过全省目标")
    RATE_OVER_100 = "rate_over_100", _("比率超过100%")
    FAR_OVER = "far_over", _("超过目标3倍以上")
    PARTS_OVER_TOTAL = "parts_over_total", _("分项合计超过全省合计")
    WRONG_UNIT = "wrong_unit", _("疑似计量单位有误")
    NEVER_REPORTED = "never_reported", _("应报指标从未填报")


class Flag(models.Model):
    report = models.ForeignKey(
        "reports.ProgressReport", verbose_name=_("进展报告"), on_delete=models.CASCADE, related_name="flags"
    )
    target = models.ForeignKey(
        "tasks.Target", verbose_name=_("指标"), on_delete=models.CASCADE, related_name="+"
    )
    rule = models.CharField(_("规则"), max_length=20, choices=FlagRule.choices)
    message = models.TextField(_("说明"))
    created_at = models.DateTimeField(_("发现时间"), auto_now_add=True)
    explained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("核实人"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    explained_at = models.DateTimeField(_("核实时间"), null=True, blank=True)
    comment = models.TextField(_("核实说明"), blank=True)

    objects = ReportPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("数据疑点")
        verbose_name_plural = _("数据疑点")
        ordering = ["report_id", "target__sort_order", "rule"]
        constraints = [models.UniqueConstraint(fields=["report", "target", "rule"], name="unique_flag")]

    def __str__(self):
        return f"{self.get_rule_display()}：{self.message}"

    @property
    def explained(self) -> bool:
        return self.explained_at is not None
