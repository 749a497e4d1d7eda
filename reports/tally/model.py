from django.db import models
from django.utils.translation import gettext_lazy as _


class ObligationTally(models.Model):
    """One unit's reporting figures on one work item (reports.figures.counts.PairCounts) as of `day`,
    kept up to date in the transaction of every workflow step and of every change to the obligations,
    and counted afresh for the new day after midnight (reports.tally.services). Every row of a plan has
    the same day; a dashboard for that day reads them, any other date counts live."""

    plan = models.ForeignKey(
        "tasks.Plan", verbose_name=_("工作要点"), on_delete=models.CASCADE, related_name="+"
    )
    work_item = models.ForeignKey(
        "tasks.WorkItem", verbose_name=_("工作任务"), on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey("units.Unit", verbose_name=_("单位"), on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("统计日期"))
    year = models.PositiveIntegerField(default=0)
    owed = models.PositiveIntegerField(default=0)
    submitted = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)
    late = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)
    ahead = models.PositiveIntegerField(default=0)
    returned = models.PositiveIntegerField(default=0)
    late_recent = models.PositiveIntegerField(default=0)
    approved = models.PositiveIntegerField(default=0)
    approved_first_time = models.PositiveIntegerField(default=0)
    declared = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("报送统计")
        verbose_name_plural = _("报送统计")
        constraints = [models.UniqueConstraint(fields=["work_item", "unit"], name="unique_tally_pair")]

    def __str__(self):
        return f"{self.unit_id} · {self.work_item_id} · {self.day}"
