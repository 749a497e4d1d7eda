from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from reports.selectors import target_progress
from tasks.models import Assignment, Plan, WorkItem


def plan_detail(request, year=None):
    """The year's work points: sections and items with their units, as the document sets them out."""
    plans = Plan.objects.restrict(request.user)
    plan = plans.filter(year=year).first() if year else plans.first()
    if plan is None:
        raise Http404(_("尚未导入年度工作要点。"))
    items = (
        WorkItem.objects.restrict(request.user)
        .filter(plan=plan)
        .select_related("section")
        .prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.select_related("unit")),
            "targets",
            "deadlines",
        )
    )
    groups = {}
    for item in items:
        groups.setdefault(item.section, []).append(item)
    return render(
        request,
        "tasks/plan_detail.html",
        {"nav": "plan", "plan": plan, "groups": groups.items(), "plans": plans},
    )


def work_item_detail(request, pk):
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
        "tasks/work_item_detail.html",
        {"nav": "plan", "item": item, "target_rows": target_rows, "roles": roles.items(), "my_role": my_role},
    )
