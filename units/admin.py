from auditlog.mixins import AuditlogHistoryAdminMixin
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .forms import AdminPasswordResetForm, AdminUserCreationForm
from .lockout import locked_out_filter, unlock
from .models import Unit, User
from .services import user_deactivate


@admin.register(Unit)
class UnitAdmin(AuditlogHistoryAdminMixin, admin.ModelAdmin):
    show_auditlog_history_link = True
    list_display = ["short_name", "name", "code", "kind", "email", "sort_order"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "code", "aliases"]
    list_editable = ["sort_order"]
    ordering = ["sort_order", "id"]


@admin.register(User)
class PortalUserAdmin(AuditlogHistoryAdminMixin, UserAdmin):
    """People. A created or reset account must change its password at first login. Nobody is deleted:
    a person who leaves is deactivated (停用), which keeps their reports and history and ends their
    sessions and API tokens."""

    show_auditlog_history_link = True
    add_form = AdminUserCreationForm
    change_password_form = AdminPasswordResetForm
    change_user_password_template = "admin/units/user/change_password.html"
    list_display = [
        "username", "display_name", "role", "unit", "email", "is_active", "locked_out", "last_login",
    ]  # fmt: skip
    list_filter = ["role", "unit__kind", "is_active", "must_change_password"]
    search_fields = ["username", "last_name", "first_name", "email", "unit__name", "unit__short_name"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]
    readonly_fields = ["last_login", "date_joined", "must_change_password", "is_staff"]
    actions = ["unlock_logins", "deactivate"]
    fieldsets = [
        (None, {"fields": ["username", "password", "must_change_password"]}),
        (_("个人信息"), {"fields": ["last_name", "first_name", "email", "phone", "email_notices"]}),
        (_("角色与单位"), {"fields": ["role", "unit"]}),
        (_("状态"), {"fields": ["is_active", "is_staff", "last_login", "date_joined"]}),
    ]
    superuser_fieldsets = [
        *fieldsets[:-1],
        (_("状态"), {"fields": [*fieldsets[-1][1]["fields"], "is_superuser"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["username", "role", "unit", "password1", "password2"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        if obj is not None and request.user.is_superuser:
            return self.superuser_fieldsets
        return super().get_fieldsets(request, obj)

    def get_queryset(self, request):
        people = super().get_queryset(request).annotate(is_locked_out=locked_out_filter())
        # the technical superuser's account is out of an administrator's reach (its password included)
        return people if request.user.is_superuser else people.filter(is_superuser=False)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("姓名"))
    def display_name(self, obj):
        return obj.display_name

    @admin.display(description=_("登录锁定"), boolean=True, ordering="is_locked_out")
    def locked_out(self, obj):
        return obj.is_locked_out

    @admin.action(description=_("解除所选用户的登录锁定"), permissions=["change"])
    def unlock_logins(self, request, queryset):
        count = unlock(queryset.values_list("username", flat=True))
        self.message_user(request, _("已解除 %(n)s 个账号的登录锁定。") % {"n": count}, messages.SUCCESS)

    @admin.action(description=_("停用所选用户（保留其全部报送记录）"), permissions=["change"])
    def deactivate(self, request, queryset):
        count = sum(user_deactivate(user=user) for user in queryset.exclude(pk=request.user.pk))
        self.message_user(
            request,
            ngettext("已停用 %(n)s 个账号。", "已停用 %(n)s 个账号。", count) % {"n": count},
            messages.SUCCESS,
        )
