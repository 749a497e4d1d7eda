"""Lists: every report the user may see, every obligation (报送义务) as of a date, both with the API's
filters, and a head's review queue."""

from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import render

from core.pages import CappedPaginator
from tasks.models import WorkItem
from units.models import Unit

from ..choices import DueChoice, ObligationState, ReportStatus, StateGroup
from ..filters import ObligationFilter, ReportFilter
from ..obligations import may_urge_obligation, obligation_list
from ..question import read_question
from ..selectors import report_list, review_queue

REPORTS_PER_PAGE = 50


def report_index(request):
    """Reports fifty to a page, one's drafts and then the latest submitted first; the filters are the API's
    (reports.filters). A filter value that is not valid lists nothing and says why next to the
    filter."""
    filterset = ReportFilter(request.GET, queryset=report_list(user=request.user))
    reports = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    # drafts, then the latest submitted: report_submitted_idx read from the end, so page one reads
    # fifty rows, not every report (DESC NULLS FIRST is that index backwards on PostgreSQL)
    reports = reports.order_by(F("submitted_at").desc(nulls_first=True), "-id")
    page = CappedPaginator(reports, REPORTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    filters = {key: request.GET.get(key) for key in ReportFilter.base_filters}
    return render(
        request,
        "reports/report_list.html",
        {
            "nav": "reports",
            "reports": page.object_list,
            "page": page,
            "query": query.urlencode(),
            "filters": filters,
            "filter_errors": [
                (ReportFilter.base_filters[name].label, errors) for name, errors in filterset.errors.items()
            ],
            "statuses": ReportStatus.choices,
        },
    )


def review_queue_view(request):
    reports = review_queue(user=request.user)
    return render(request, "reports/review_queue.html", {"nav": "review", "reports": reports})


def obligation_index(request):
    """Obligations as of a date, fifty to a page: where every count of the dashboard leads (overdue,
    a unit's, an item's, a deadline's)."""
    question = read_question(request.GET, user=request.user)
    as_of = question.as_of
    errors = [(label, e) for label, e in question.errors if label == question.form.fields["as_of"].label]
    queryset = obligation_list(user=request.user, as_of=as_of).order_by(
        "due_date", "unit__sort_order", "work_item__number", "pk"
    )
    filterset = ObligationFilter(request.GET, queryset=queryset)
    errors += [(ObligationFilter.base_filters[n].label, e) for n, e in filterset.errors.items()]
    rows = filterset.qs if not errors else queryset.none()
    page = Paginator(rows, REPORTS_PER_PAGE).get_page(request.GET.get("page"))
    for obligation in page.object_list:
        obligation.urgeable = may_urge_obligation(request.user, obligation.state)
    query = request.GET.copy()
    query.pop("page", None)
    filters = {key: request.GET.get(key, "") for key in [*ObligationFilter.base_filters, "as_of"]}
    return render(
        request,
        "reports/obligation_list.html",
        {
            "nav": "leader",
            "obligations": page.object_list,
            "page": page,
            "query": query.urlencode(),
            "filters": filters,
            "as_of": as_of,
            "filter_errors": errors,
            "states": ObligationState.choices + StateGroup.choices,
            "due_choices": DueChoice.choices,
            "unit": Unit.objects.filter(pk=filters["unit"]).first() if filters["unit"].isdecimal() else None,
            "work_item": (
                WorkItem.objects.filter(pk=filters["work_item"]).first()
                if filters["work_item"].isdecimal()
                else None
            ),
        },
    )
