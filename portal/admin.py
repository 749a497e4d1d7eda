"""The audit trail's page in the admin (审计日志), in Chinese and read-only: which object, what was done,
by whom, when, and each field's old and new value under the field's own name."""

from auditlog.admin import LogEntryAdmin
from auditlog.filters import ResourceTypeFilter
from auditlog.models import LogEntry
from auditlog.render import get_field_verbose_name
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _


class ObjectTypeFilter(ResourceTypeFilter):
    title = _("对象类型")

    def lookups(self, request, model_admin):
        ids = model_admin.get_queryset(request).values_list("content_type_id", flat=True).distinct()
        types = ContentType.objects.filter(pk__in=ids)
        return sorted(
            ((t.pk, str(t.model_class()._meta.verbose_name)) for t in types), key=lambda row: row[1]
        )


admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class AuditLogAdmin(LogEntryAdmin):
    list_display = ["created", "resource_url", "action", "msg_short", "user_url"]
    list_filter = ["action", ObjectTypeFilter]
    fieldsets = [
        (None, {"fields": ["created", "user_url", "resource_url"]}),
        (_("变更"), {"fields": ["action", "msg"]}),
    ]

    @admin.display(description=_("变更"))
    def msg_short(self, obj):
        if obj.action in (LogEntry.Action.DELETE, LogEntry.Action.ACCESS):
            return ""
        names = [str(get_field_verbose_name(obj, name)) for name in obj.changes_dict]
        shown = "、".join(names[:8]) + ("……" if len(names) > 8 else "")
        return _("%(n)s 项：%(fields)s") % {"n": len(names), "fields": shown}

    @admin.display(description=_("操作人"))
    def user_url(self, obj):
        # a change made by a command (plan_load, seed_demo) has no person
        return super().user_url(obj) if obj.actor_id else _("系统")
