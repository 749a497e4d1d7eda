from django.contrib import admin

from .models import Attachment, ProgressReport, ReportEvent, TargetValue


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
