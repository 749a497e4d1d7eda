from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import Attachment, ProgressReport, ReportEvent, TargetValue
from .notify.models import Channel, DeliveryStatus, Notice, Urge
from .notify.writing import hand_over


class TargetValueInline(admin.TabularInline):
    model = TargetValue
    extra = 0
    readonly_fields = ["target", "value", "explanation"]
    can_delete = False


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ["name", "content_type", "size", "uploaded_by", "uploaded_at"]
    exclude = ["file"]
    can_delete = False


class ReportEventInline(admin.TabularInline):
    model = ReportEvent
    extra = 0
    readonly_fields = ["action", "actor", "created_at", "comment", "version"]
    exclude = ["snapshot"]
    can_delete = False


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    """Reports are read here; changes go through the portal's pages so that the workflow and the
    history stay whole (an administrator corrects an approved report on its page)."""

    list_display = ["__str__", "period", "status", "submitted_at", "approved_at", "version"]
    list_filter = ["status", "work_item__plan", "unit__kind", "unit"]
    list_select_related = ["work_item", "unit"]
    search_fields = ["unit__name", "unit__short_name", "work_item__title", "done"]
    readonly_fields = [f.name for f in ProgressReport._meta.fields]
    inlines = [TargetValueInline, AttachmentInline, ReportEventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    """Every notice and its delivery: who got what over which channel, whether it went, and why not.
    A failed e-mail or robot post can be sent again."""

    list_display = [
        "title",
        "kind",
        "channel",
        "recipient_label",
        "status",
        "attempts",
        "created_at",
        "sent_at",
    ]
    list_filter = ["status", "channel", "kind", "urged"]
    search_fields = ["title", "address", "user__username", "unit__short_name", "error"]
    list_select_related = ["user", "unit"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in Notice._meta.fields if f.name != "id"]
    actions = ["resend"]

    @admin.display(description=_("接收方"))
    def recipient_label(self, obj):
        if obj.user_id:
            return obj.user.username
        return f"{obj.unit}（{obj.address}）" if obj.unit_id else obj.address

    @admin.action(description=_("重新发送所选的邮件和机器人消息"), permissions=["resend"])
    def resend(self, request, queryset):
        ids = list(
            queryset.exclude(channel=Channel.INAPP)
            .exclude(status=DeliveryStatus.SENT)
            .values_list("pk", flat=True)
        )
        Notice.objects.filter(pk__in=ids).update(
            status=DeliveryStatus.PENDING, attempts=0, claimed_until=None
        )
        transaction.on_commit(lambda: hand_over(ids))
        self.message_user(
            request, _("已重新排队发送 %(n)s 条（已发送的和站内通知不重发）。") % {"n": len(ids)}
        )

    def has_resend_permission(self, request):
        return request.user.has_perm("reports.change_notice")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # read only; resending is the one change, an action

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Urge)
class UrgeAdmin(admin.ModelAdmin):
    list_display = ["obligation", "by", "note", "created_at"]
    list_select_related = ["obligation__unit", "obligation__work_item", "by"]
    search_fields = ["obligation__unit__short_name", "note", "by__username"]
    readonly_fields = ["obligation", "by", "note", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
