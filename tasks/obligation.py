"""The report a unit owes (报送义务), as a row: the model every count of the dashboard aggregates."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import PeriodKind
from .querysets import ObligationQuerySet


class Obligation(models.Model):
    """A report a unit owes (报送义务): on a work item, for a period, by a due date.

    Generated from the plan (tasks.obligations.obligations_sync) whenever the plan, its cadence, an
    item's units or its deadlines change: routine progress from each item's lead and responsible units
    (and its cooperating units where the item says so), every period from the plan's start month to
    December; a deadline's summary (item 3's half-year and annual ones) from every unit on the item.
    Whether it is met, and how, comes from the unit's report for it (reports.obligations)."""

    plan = models.ForeignKey(
        "tasks.Plan", verbose_name=_("工作要点"), on_delete=models.CASCADE, related_name="+"
    )
    work_item = models.ForeignKey(
        "tasks.WorkItem", verbose_name=_("工作任务"), on_delete=models.CASCADE, related_name="obligations"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("单位"), on_delete=models.CASCADE, related_name="obligations"
    )
    period = models.CharField(_("报送期"), max_length=10)
    kind = models.CharField(_("类别"), max_length=20, choices=PeriodKind.choices)
    period_start = models.DateField(_("报送期起"))
    due_date = models.DateField(_("截止日期"))
    # the moment the due date ends (the next day's midnight, local time): a submission from then on is
    # late, compared in SQL without converting every timestamp to a local date
    due_end = models.DateTimeField(_("截止时刻"))

    objects = ObligationQuerySet.as_manager()

    class Meta:
        verbose_name = _("报送义务")
        verbose_name_plural = _("报送义务")
        ordering = ["due_date", "work_item__number", "unit__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["work_item", "unit", "period"], name="unique_obligation")
        ]
        indexes = [
            models.Index(fields=["plan", "due_date"]),
            models.Index(fields=["unit", "due_date"]),
        ]

    def __str__(self):
        return f"{self.unit} · {self.work_item.number}号任务 · {self.period}"

    @property
    def period_label(self) -> str:
        from .periods import parse_period

        return parse_period(self.period).report_title
