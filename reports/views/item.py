"""A work item's page: its text, units by role, status as of a date, each target's actual over time
with every reporter's figure, and every unit's obligations and reports for it."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from tasks.models import Assignment, TargetReporter, WorkItem

from ..dashboard.item import history_charts, item_page
from ..question import read_question


def work_item_detail(request, pk):
    item = get_object_or_404(
        WorkItem.objects.restrict(request.user)
        .select_related("section", "plan")
        .prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.select_related("unit")),
            Prefetch("targets__reporters", queryset=TargetReporter.objects.select_related("unit")),
            "deadlines",
        ),
        pk=pk,
    )
    question = read_question(request.GET, user=request.user, plan=item.plan)
    as_of = question.as_of
    page = item_page(user=request.user, item=item, as_of=as_of)
    contribution_rows = []
    # the reporters as prefetched above, with their units: one query, however many units report
    reporters = {target.pk: target.reporters.all() for target in item.targets.all()}
    for row in page.row.targets:
        figures = {c.unit_id: c for c in row.actual.contributions}
        contribution_rows += [
            {"target": row.target, "reporter": r, "figure": figures.get(r.unit_id)}
            for r in reporters.get(row.target.pk, ())
        ]
    # where units report both their parts and the province total: the parts' sum against the total
    totals = [row for row in page.row.targets if row.actual.gap is not None]
    roles = {}
    for assignment in item.assignments.all():
        roles.setdefault(assignment.get_role_display(), []).append(assignment.unit)
    return render(
        request,
        "reports/work_item_detail.html",
        {
            "nav": "plan",
            "item": item,
            "as_of": as_of,
            "question": question,
            "page": page,
            "contribution_rows": contribution_rows,
            "totals": totals,
            "charts": history_charts(page.history),
            "roles": roles.items(),
        },
    )
