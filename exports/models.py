from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from units.querysets import OwnedQuerySet


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("排队中")
    RUNNING = "running", _("生成中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class ExportJobQuerySet(OwnedQuerySet):
    """Each person sees the exports they asked for (an administrator sees all)."""

    owner_field = "created_by"


class ExportJob(models.Model):
    """A summary workbook too large to build while the browser waits (导出任务): built by a Celery
    task (exports.jobs.build_export) for what its creator may see, with its progress in 明细 rows;
    its file stays for download, and its creator is notified when it is ready."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("导出人"), on_delete=models.CASCADE, related_name="+"
    )
    plan = models.ForeignKey(
        "tasks.Plan", verbose_name=_("工作要点"), on_delete=models.CASCADE, related_name="+"
    )
    as_of = models.DateField(_("截至日期"))
    section = models.PositiveSmallIntegerField(_("板块"), null=True, blank=True)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("单位"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    period = models.CharField(_("报送期"), max_length=10, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    rows_total = models.PositiveIntegerField(_("明细行数"), default=0)
    rows_done = models.PositiveIntegerField(_("已写行数"), default=0)
    file = models.FileField(_("文件"), upload_to="exports/%Y/%m/", blank=True)
    error = models.TextField(_("错误"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0, editable=False)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("导出任务")
        verbose_name_plural = _("导出任务")
        ordering = ["-created_at", "-pk"]
        db_table = "reports_exportjob"  # made when export jobs were part of reports; kept as it is

    def __str__(self):
        return f"{self.plan} · {self.as_of} · {self.get_status_display()}"

    @property
    def is_running(self) -> bool:
        """Waiting for a worker or being built: its page keeps refreshing."""
        return self.status in (ExportStatus.PENDING, ExportStatus.RUNNING)

    @property
    def is_done(self) -> bool:
        return self.status == ExportStatus.DONE

    @property
    def progress_pct(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        return min(99, self.rows_done * 100 // self.rows_total) if self.rows_total else 0

    @property
    def file_name(self) -> str:
        return f"{self.plan.year}年生态环保工作汇总表（截至{self.as_of:%Y-%m-%d}）.xlsx"
