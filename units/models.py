from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import UNIT_ROLES, Role, UnitKind
from .querysets import PublicQuerySet, UserQuerySet


class Unit(models.Model):
    """A unit the plan assigns work to: a city/prefecture transport bureau, a department office
    (厅机关处室), an affiliated agency (厅直单位) or an enterprise (吉高集团).

    `aliases` holds every other name the plan documents use for it, so that a document's unit list
    resolves to units (厅综规处 is 厅综合规划处).
    """

    code = models.SlugField(
        _("代码"), max_length=40, unique=True, help_text=_("ASCII 代码，用于账号名与接口")
    )
    name = models.CharField(_("全称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=50)
    aliases = models.JSONField(_("别名"), default=list, blank=True)
    kind = models.CharField(_("类别"), max_length=20, choices=UnitKind.choices)
    email = models.EmailField(_("联系邮箱"), blank=True)
    webhook_url = models.URLField(
        _("工作群机器人地址"),
        max_length=500,
        blank=True,
        help_text=_("企业微信或钉钉群机器人的 Webhook 地址；填写后，本单位的提醒与通知同时发到该群。"),
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.short_name or self.name

    @property
    def names(self) -> list[str]:
        """Every name this unit answers to."""
        return [self.name, self.short_name, *self.aliases]


class PortalUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A person using the portal. A person belongs to one unit (unit heads and staff) or to none
    (administrators and department leaders)."""

    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, default=Role.UNIT_STAFF)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("所属单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    email_notices = models.BooleanField(
        _("接收邮件通知"), default=True, help_text=_("除站内通知外，提醒与通知也发到本人邮箱。")
    )
    must_change_password = models.BooleanField(
        _("须修改密码"),
        default=False,
        help_text=_("管理员创建或重置的账号，下次登录时须先修改密码。"),
    )

    objects = PortalUserManager()

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role__in=UNIT_ROLES) | models.Q(unit__isnull=False),
                name="unit_role_needs_unit",
                violation_error_message=_("单位负责人和单位填报人必须属于一个单位。"),
            )
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        """姓名 in Chinese order, the family name first, without a space (Django's own puts the given
        name first): every place that names a person uses it."""
        return f"{self.last_name}{self.first_name}".strip()

    def save(self, *args, **kwargs):
        # the admin site is for administrators (and the technical superuser), whatever a form says
        self.is_staff = self.role == Role.ADMIN or self.is_superuser
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return str(self)
