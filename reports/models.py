import re
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tasks.choices import PeriodKind
from tasks.periods import parse_period

from .choices import ReportAction, ReportStatus
from .querysets import ProgressReportQuerySet, ReportPartQuerySet
from .validation import file_extension


class ProgressReport(models.Model):
    """A unit's progress on one work item for one period (2024-06, or 2024-H1 / 2024-Y for item 3's
    carbon summaries): what was done, problems, next steps, cumulative target values and evidence.

    Workflow: draft → submitted → approved, or returned (with a comment) → submitted again.
    `version` grows with every change; a save that carries an older version is a conflict.
    `period_end` is kept from `period` so that "latest period" orders in the database.
    """

    work_item = models.ForeignKey(
        "tasks.WorkItem", verbose_name=_("工作任务"), on_delete=models.PROTECT, related_name="reports"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="reports"
    )
    period = models.CharField(_("报送期"), max_length=10)
    period_end = models.DateField(_("报送期末"), editable=False)
    status = models.CharField(
        _("状态"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    done = models.TextField(_("工作进展"), blank=True)
    problems = models.TextField(_("存在问题"), blank=True)
    next_steps = models.TextField(_("下步计划"), blank=True)
    completed = models.BooleanField(
        _("本项工作已完成"),
        default=False,
        help_text=_(
            "本单位承担的本项工作已全部完成。牵头和责任单位均声明完成、且指标全部达成时，本项任务记为已完成。"
        ),
    )
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    submitted_at = models.DateTimeField(_("首次提交时间"), null=True, blank=True)
    approved_at = models.DateTimeField(_("通过时间"), null=True, blank=True)
    # the obligation this report meets, joined on (work item, unit, period) with no column of its own:
    # nothing to keep in step, and counting obligations by their report's state is one join
    obligation = models.ForeignObject(
        "tasks.Obligation",
        verbose_name=_("报送义务"),
        on_delete=models.DO_NOTHING,
        from_fields=["work_item", "unit", "period"],
        to_fields=["work_item", "unit", "period"],
        related_name="report",
        null=True,
        serialize=False,  # no column: a backup (dumpdata) keeps the three fields it is made of
    )

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("进展报告")
        verbose_name_plural = _("进展报告")
        ordering = ["-period_end", "work_item__number", "unit__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["work_item", "unit", "period"], name="unique_report_period"),
        ]
        indexes = [
            models.Index(fields=["status", "period_end"]),
            # the latest submissions, newest first, read from the end
            models.Index(fields=["submitted_at", "id"], name="report_submitted_idx"),
        ]

    def __str__(self):
        return f"{self.unit} · {self.work_item.number}号任务 · {self.period}"

    @property
    def kind(self) -> str:
        return parse_period(self.period).kind

    @property
    def is_summary(self) -> bool:
        """A half-year or annual summary (item 3), which needs its summary file."""
        return self.kind != PeriodKind.MONTHLY

    @property
    def kind_label(self) -> str:
        return PeriodKind(self.kind).label

    @property
    def period_label(self) -> str:
        return parse_period(self.period).label

    @property
    def title(self) -> str:
        """2024年6月进展, 2024年上半年工作总结, 2024年度工作总结."""
        return parse_period(self.period).report_title


class TargetValue(models.Model):
    """A unit's cumulative value for one target as of the report's period (e.g. km greened so far)."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("进展报告"), on_delete=models.CASCADE, related_name="values"
    )
    target = models.ForeignKey(
        "tasks.Target", verbose_name=_("指标"), on_delete=models.PROTECT, related_name="values"
    )
    value = models.DecimalField(_("累计完成值"), max_digits=14, decimal_places=2)
    explanation = models.TextField(_("说明"), blank=True)

    objects = ReportPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("指标填报值")
        verbose_name_plural = _("指标填报值")
        constraints = [models.UniqueConstraint(fields=["report", "target"], name="unique_report_target")]

    def __str__(self):
        return f"{self.target.name}: {self.value}"


def attachment_path(instance, filename):
    """Where an evidence file is stored: a generated name in its report's folder, with the original
    extension (lower-cased). The original name, which may be longer than a file system allows, is
    kept in `Attachment.name`."""
    ext = file_extension(filename)
    suffix = f".{ext}" if re.fullmatch(r"[a-z0-9]{1,10}", ext) else ""
    return f"reports/{instance.report_id}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    """Evidence attached to a report: PDF, Word, Excel or an image, type checked by content. Stored
    under a generated name (attachment_path); shown and downloaded under `name`, the original one."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("进展报告"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("文件"), upload_to=attachment_path, max_length=300)
    name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(_("类型"), max_length=100)
    size = models.PositiveBigIntegerField(_("大小"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    objects = ReportPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.name


class ReportEvent(models.Model):
    """One step in a report's history: who did what, when, with what comment, and the report as it
    stood afterwards (`snapshot`), so that every version can be shown, not only the latest."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("进展报告"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("操作"), max_length=20, choices=ReportAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    comment = models.TextField(_("意见"), blank=True)
    version = models.PositiveIntegerField(_("版本"))
    snapshot = models.JSONField(_("内容快照"), default=dict)

    objects = ReportPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("报告记录")
        verbose_name_plural = _("报告记录")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.get_action_display()} · {self.actor} · {self.created_at:%Y-%m-%d %H:%M}"


from .flag import Flag, FlagRule  # noqa: E402, F401 - a report's plausibility flags, in their own module
from .tally.model import ObligationTally  # noqa: E402, F401 - the figures kept for today
