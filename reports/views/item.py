"""A work item's page: its text, units by role, status as of a date, each target's actual over time,
the reporters' latest figures and the units' obligations for it, a page of units at a time."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, render

from tasks.choices import AssignmentRole
from tasks.models import TargetReporter, WorkItem

from ..dashboard.item import UNIT_LINES, UNITS_PER_PAGE, history_charts, item_page
from ..question import read_question

NAMES_PER_ROLE = 30  # a role's card names this many units, then counts the rest


def work_item_detail(request, pk):
    item = get_object_or_404(
        WorkItem.objects.restrict(request.user)
        .select_related("section", "plan")
        .prefetch_related(
            Prefetch("targets__reporters", queryset=TargetReporter.objects.select_related("unit")),
            "deadlines",
        ),
        pk=pk,
    )
    question = read_question(request.GET, user=request.user, plan=item.plan)
    as_of = question.as_of
    page = item_page(user=request.user, item=item, as_of=as_of, units_page=request.GET.get("units_page"))
    figures = Paginator(_contribution_rows(item, page), UNITS_PER_PAGE).get_page(
        request.GET.get("figures_page")
    )
    # where units report both their parts and the province total: the parts' sum against the total
    totals = [row for row in page.row.targets if row.actual.gap is not None]
    kept = {"as_of": as_of.isoformat(), "units_page": page.units.number, "figures_page": figures.number}
    return render(
        request,
        "reports/work_item_detail.html",
        {
            "nav": "plan",
            "item": item,
            "as_of": as_of,
            "question": question,
            "page": page,
            "figures": figures,
            "figures_query": urlencode({k: v for k, v in kept.items() if k != "figures_page"}),
            "units_query": urlencode({k: v for k, v in kept.items() if k != "units_page"}),
            "totals": totals,
            "charts": history_charts(page.history),
            "roles": _roles(item),
            "unit_lines": UNIT_LINES,
        },
    )


def _contribution_rows(item, page) -> list[dict]:
    """Each target's reporters with their latest approved figure, target by target."""
    reporters = {target.pk: target.reporters.all() for target in item.targets.all()}
    rows = []
    for row in page.row.targets:
        figures = {c.unit_id: c for c in row.actual.contributions}
        rows += [
            {"target": row.target, "reporter": r, "figure": figures.get(r.unit_id)}
            for r in reporters.get(row.target.pk, ())
        ]
    return rows


def _roles(item) -> list[tuple[str, list, int]]:
    """(role label, the first NAMES_PER_ROLE units, how many more) per role, lead units first."""
    counts = dict(item.assignments.order_by().values_list("role").annotate(n=Count("pk")))
    roles = []
    for role, label in AssignmentRole.choices:
        if counts.get(role):
            first = [
                a.unit for a in item.assignments.filter(role=role).select_related("unit")[:NAMES_PER_ROLE]
            ]
            roles.append((label, first, counts[role] - len(first)))
    return roles
