"""A unit's work: its items with this period's status ("my work"), starting a report, and a work item's
page with its targets' actuals."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tasks.models import Assignment, Plan, Section, WorkItem
from units.access import sees_everything

from ..choices import ReportAction, ReportStatus
from ..figures import target_progress
from ..forms import StartReportForm
from ..selectors import unit_work
from ..workflow import services
from ..workflow.rules import allows, may_start

STATUS_FILTERS = [("not_started", gettext_lazy("未开始")), *ReportStatus.choices]


def plan_for(request) -> Plan:
    """The plan a page shows: `?year=` if given, else the latest."""
    year = request.GET.get("year")
    plans = Plan.objects.restrict(request.user)
    # isdecimal, not isdigit: "²" is a digit that int() cannot read
    plan = plans.filter(year=int(year)).first() if year and year.isdecimal() else plans.first()
    if plan is None:
        raise Http404(_("尚未导入年度工作要点。"))
    return plan


def my_work(request):
    """The unit's work items, grouped by section, with this period's status and what is due next."""
    if request.user.unit_id is None:
        return redirect("leader-home" if sees_everything(request.user) else "home")
    plan = plan_for(request)
    rows = unit_work(unit=request.user.unit, plan=plan)
    section = request.GET.get("section", "")
    status = request.GET.get("status", "")
    if section.isdecimal():
        rows = [r for r in rows if r.item.section.number == int(section)]
    if status:
        rows = [r for r in rows if r.status == status]
    groups = {}
    for row in rows:
        groups.setdefault(row.item.section, []).append(row)
    context = {
        "nav": "my-work",
        "plan": plan,
        "groups": groups.items(),
        "sections": Section.objects.filter(plan=plan),
        "status_filters": STATUS_FILTERS,
        "section": section,
        "status": status,
        "row_count": len(rows),
        "may_report": may_start(request.user, request.user.unit),
    }
    template = "reports/_work_list.html" if request.headers.get("HX-Request") else "reports/my_work.html"
    return render(request, template, context)


@require_POST
def report_start(request):
    """Open the unit's report for (work item, period): the existing one, or a new draft."""
    form = StartReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择工作任务和报送期。"))
        return redirect("my-work")
    work_item = get_object_or_404(
        WorkItem.objects.restrict(request.user).select_related("plan"), pk=form.cleaned_data["work_item"]
    )
    try:
        report = services.report_create(
            user=request.user, work_item=work_item, unit=request.user.unit, period=form.cleaned_data["period"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("my-work")
    if allows(request.user, ReportAction.SAVE, report):
        return redirect("report-edit", pk=report.pk)
    return redirect("report-detail", pk=report.pk)


def work_item_detail(request, pk):
    """A work item: its text, its units by role, its targets with their actuals, its deadlines."""
    item = get_object_or_404(
        WorkItem.objects.restrict(request.user)
        .select_related("section", "plan")
        .prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.select_related("unit")),
            "targets",
            "deadlines",
        ),
        pk=pk,
    )
    target_rows = target_progress(item.targets.all())
    roles = {}
    for assignment in item.assignments.all():
        roles.setdefault(assignment.get_role_display(), []).append(assignment.unit)
    my_role = next((a for a in item.assignments.all() if a.unit_id == request.user.unit_id), None)
    return render(
        request,
        "reports/work_item_detail.html",
        {"nav": "plan", "item": item, "target_rows": target_rows, "roles": roles.items(), "my_role": my_role},
    )
