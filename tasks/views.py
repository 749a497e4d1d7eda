from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from tasks.models import Assignment, Plan, WorkItem


def plan_detail(request, year=None):
    """The year's work points: sections and items with their units, as the document sets them out."""
    plans = Plan.objects.restrict(request.user)
    plan = plans.of_year(year)
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
