from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from units.querysets import OwnedQuerySet


class Channel(models.TextChoices):
    INAPP = "inapp", _("站内通知")
    EMAIL = "email", _("电子邮件")
    WEBHOOK = "webhook", _("工作群机器人")


class NoticeKind(models.TextChoices):
    REMINDER = "reminder", _("截止提醒")
    OVERDUE = "overdue", _("逾期通知")
    DIGEST = "digest", _("逾期汇总")
    SUBMITTED = "submitted", _("待审核")
    RETURNED = "returned", _("已退回")
    APPROVED = "approved", _("已通过")
    CORRECTED = "corrected", _("已更正")
    URGED = "urged", _("催办")
    EXPORT = "export", _("导出完成")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENDING = "sending", _("发送中")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")


class NoticeQuerySet(OwnedQuerySet):
    owner_field = "user"


class Notice(models.Model):
    """One message to one recipient over one channel: a person's in-app notice, an e-mail (to a
    person, or to a unit's contact address and its people), a post to a unit's work-group robot.

    `key` names the occasion (a day's reminders, a report event, an urge); with the channel and the
    recipient it is unique, so that no occasion reaches anyone twice on one channel. An e-mail or a
    post is delivered by notices.delivery, which claims it first; an in-app notice is
    delivered when it is written."""

    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    kind = models.CharField(_("类别"), max_length=20, choices=NoticeKind.choices)
    key = models.CharField(_("事由"), max_length=100)
    recipient = models.CharField(_("接收方"), max_length=40, help_text=_("user:<id> 或 unit:<id>"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接收人"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("单位"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    address = models.TextField(_("地址"), blank=True, help_text=_("邮件地址（逗号分隔）或机器人地址"))
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"))
    link = models.CharField(_("链接"), max_length=300, blank=True)
    urged = models.BooleanField(_("催办"), default=False)
    obligation = models.ForeignKey(
        "tasks.Obligation",
        verbose_name=_("报送义务"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    report = models.ForeignKey(
        "reports.ProgressReport",
        verbose_name=_("进展报告"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("发送状态"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    error = models.TextField(_("错误"), blank=True)
    claimed_until = models.DateTimeField(_("发送占用至"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知与发送记录")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["channel", "recipient", "key"], name="unique_notice_occasion")
        ]
        indexes = [
            models.Index(fields=["user", "channel", "read_at"], name="reports_not_user_id_d33aa8_idx"),
            models.Index(fields=["channel", "status"], name="reports_not_channel_780b32_idx"),
        ]
        db_table = "reports_notice"  # made when notices were part of reports; kept as they are

    def __str__(self):
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Reminder(models.Model):
    """That an obligation was reminded of, on an occasion (`before:7`: seven days before its due date;
    `overdue:2024-07-06`: the overdue notice of that day), over a channel, to a recipient, and by
    which notice. Unique: the database, not only the job, refuses a second reminder."""

    obligation = models.ForeignKey(
        "tasks.Obligation", verbose_name=_("报送义务"), on_delete=models.CASCADE, related_name="reminders"
    )
    occasion = models.CharField(_("时机"), max_length=30)
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    recipient = models.CharField(_("接收方"), max_length=40)
    notice = models.ForeignKey(
        Notice, verbose_name=_("通知"), on_delete=models.CASCADE, related_name="reminders"
    )

    class Meta:
        verbose_name = _("提醒记录")
        verbose_name_plural = _("提醒记录")
        db_table = "reports_reminder"
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "occasion", "channel", "recipient"], name="unique_reminder"
            )
        ]

    def __str__(self):
        return f"{self.obligation_id} · {self.occasion} · {self.channel} · {self.recipient}"


class Urge(models.Model):
    """催办: a leader or administrator urging a unit about an overdue obligation."""

    obligation = models.ForeignKey(
        "tasks.Obligation", verbose_name=_("报送义务"), on_delete=models.CASCADE, related_name="urges"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("催办人"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("附言"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("催办时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("催办")
        verbose_name_plural = _("催办记录")
        db_table = "reports_urge"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.obligation} · {self.created_at:%Y-%m-%d}"
