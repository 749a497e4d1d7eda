from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import Channel, DeliveryStatus, Notice, Urge
from .writing import hand_over


class UndeliveredFilter(admin.SimpleListFilter):
    """E-mails and robot posts that have not gone out: waiting, failed, or held by a worker that died."""

    title = _("是否送达")
    parameter_name = "undelivered"

    def lookups(self, request, model_admin):
        return [("yes", _("未送达的邮件和工作群消息"))]

    def queryset(self, request, queryset):
        if self.value() != "yes":
            return queryset
        return queryset.exclude(channel=Channel.INAPP).exclude(status=DeliveryStatus.SENT)


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
    list_filter = [UndeliveredFilter, "status", "channel", "kind", "urged"]
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
        return request.user.has_perm("notices.change_notice")

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
