"""Export jobs in the admin: who asked for what and how it went; those that are stuck (waiting with no
worker on them, or running past their claim) listed by a filter and queued again by an action."""

import datetime as dt

from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.queue import enqueue_on_commit

from .jobs import build_export
from .models import ExportJob, ExportStatus
from .services import claim_expiry


def stuck_jobs() -> Q:
    """Waiting more than ten minutes, or marked running past the claim's expiry."""
    now = timezone.now()
    return Q(status=ExportStatus.PENDING, created_at__lt=now - dt.timedelta(minutes=10)) | Q(
        status=ExportStatus.RUNNING, started_at__lt=now - claim_expiry()
    )


class StuckFilter(admin.SimpleListFilter):
    title = _("是否卡住")
    parameter_name = "stuck"

    def lookups(self, request, model_admin):
        return [("yes", _("卡住（等待超过 10 分钟或生成进程已中断）"))]

    def queryset(self, request, queryset):
        return queryset.filter(stuck_jobs()) if self.value() == "yes" else queryset


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "created_by",
        "status",
        "rows_done",
        "rows_total",
        "attempts",
        "created_at",
        "finished_at",
    ]
    list_filter = [StuckFilter, "status"]
    list_select_related = ["plan", "created_by"]
    readonly_fields = [f.name for f in ExportJob._meta.fields if f.name != "id"]
    actions = ["requeue"]

    @admin.action(description=_("重新排队生成所选的导出任务"), permissions=["requeue"])
    def requeue(self, request, queryset):
        ids = list(queryset.exclude(status=ExportStatus.DONE).values_list("pk", flat=True))
        ExportJob.objects.filter(pk__in=ids).update(status=ExportStatus.PENDING, attempts=0, started_at=None)
        for pk in ids:
            enqueue_on_commit(build_export, pk)
        self.message_user(request, _("已重新排队 %(n)s 个导出任务（已完成的不重做）。") % {"n": len(ids)})

    def has_requeue_permission(self, request):
        return request.user.has_perm("exports.change_exportjob")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
