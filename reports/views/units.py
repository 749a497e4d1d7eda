"""Units' reporting records (考评): a ranking a leader can sort, and each unit's page. A unit's people
see their own unit's row and page only."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from units.access import sees_everything
from units.models import Unit

from ..dashboard import dashboard_scope, pairs_as_of, ranked, unit_rows
from ..dashboard.obligations import overdue_list
from ..dashboard.units import RANKINGS
from ..models import ProgressReport
from ..obligations import obligations_as_of
from ..question import read_question

UNITS_PER_PAGE = 50  # the province's units (27 in 2024) fit on one printed page
SORT_LABELS = {
    "on_time_rate": gettext_lazy("按时报送率"),
    "overdue": gettext_lazy("逾期未报"),
    "first_time_rate": gettext_lazy("一次通过率"),
}


def _records(request, plan, as_of, units=None):
    _items, seen_units, owed = dashboard_scope(user=request.user, plan=plan)
    narrow = {} if units is None else {"unit_id__in": units}
    units = seen_units if units is None else seen_units.filter(pk__in=units)
    pairs = pairs_as_of(user=request.user, plan=plan, obligations=owed, as_of=as_of, **narrow)
    return unit_rows(plan=plan, units=units, pairs=pairs), obligations_as_of(as_of, owed)


def unit_ranking(request):
    """Every unit's record, ranked by the sort asked for, UNITS_PER_PAGE to a page (the rank goes on
    across pages)."""
    question = read_question(request.GET, user=request.user)
    plan, as_of = question.plan, question.as_of
    sort = question.sort or "on_time_rate"
    rows, _obligations = _records(request, plan, as_of)
    page = Paginator(ranked(rows, sort), UNITS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/unit_ranking.html",
        {
            "nav": "units",
            "plan": plan,
            "as_of": as_of,
            "question": question,
            "rows": page.object_list,
            "page": page,
            "query": urlencode({"year": plan.year, "as_of": as_of.isoformat(), "sort": sort}),
            "sort": sort,
            "sorts": [(key, SORT_LABELS[key]) for key in RANKINGS],
        },
    )


def unit_detail(request, code):
    unit = Unit.objects.filter(code=code).first()
    if unit is None or not (sees_everything(request.user) or unit.pk == request.user.unit_id):
        raise Http404(_("单位不存在或您无权查看。"))
    question = read_question(request.GET, user=request.user)
    plan, as_of = question.plan, question.as_of
    rows, obligations = _records(request, plan, as_of, units=[unit.pk])
    assignments = (
        unit.assignments.filter(work_item__plan=plan)
        .select_related("work_item")
        .order_by("work_item__number")
    )
    reports = (
        ProgressReport.objects.restrict(request.user)
        .filter(unit=unit, work_item__plan=plan)
        .select_related("work_item", "unit")
        .order_by("-updated_at")[:20]
    )
    row = rows[0] if rows else None
    return render(
        request,
        "reports/unit_detail.html",
        {
            "nav": "units",
            "plan": plan,
            "unit": unit,
            "as_of": as_of,
            "question": question,
            "row": row,
            "figures": _figures(row) if row else [],
            "assignments": assignments,
            "overdue": overdue_list(obligations.filter(unit=unit), limit=100),
            "reports": reports,
        },
    )


def _percent(value) -> str:
    return "—" if value is None else f"{value}%"


def _figures(row) -> list[tuple[str, str, str]]:
    return [
        (_("承担任务"), row.assigned, _("本单位承担（牵头、责任或配合）的任务数")),
        (_("应报 / 已报"), f"{row.owed} / {row.submitted}", _("截至该日已到期的报送义务 / 已提交的")),
        (_("按时报送率"), _percent(row.on_time_rate), _("到期的报送义务中按期提交的比例")),
        (_("逾期报送"), row.late, _("晚于截止日期提交的报告")),
        (_("逾期未报"), row.overdue, _("已过截止日期仍未提交")),
        (_("一次通过率"), _percent(row.first_time_rate), _("审核通过的报告中未经退回的比例")),
    ]
