"""Department leaders' overview: every target with its actual, and the reports by status."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import render
from django.utils.translation import gettext as _

from tasks.models import Target
from units.access import sees_everything

from ..choices import ReportStatus
from ..figures import target_progress
from ..models import ProgressReport
from .work import plan_for


def leader_home(request):
    if not sees_everything(request.user):
        raise PermissionDenied(_("仅厅领导和系统管理员可以查看总览。"))
    plan = plan_for(request)
    rows = target_progress(Target.objects.filter(work_item__plan=plan).select_related("work_item"))
    counts = dict.fromkeys(ReportStatus.values, 0)
    by_status = ProgressReport.objects.filter(work_item__plan=plan).values("status").annotate(n=Count("id"))
    counts.update({row["status"]: row["n"] for row in by_status})
    status_counts = [(ReportStatus(s).label, s, n) for s, n in counts.items()]
    return render(
        request,
        "reports/leader_home.html",
        {"nav": "leader", "plan": plan, "rows": rows, "status_counts": status_counts},
    )
