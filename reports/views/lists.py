"""Lists of reports: every report the user may see, with filters, and a head's review queue."""

from django.core.paginator import Paginator
from django.shortcuts import render

from ..choices import ReportStatus
from ..filters import ReportFilter
from ..selectors import report_list, review_queue

REPORTS_PER_PAGE = 50


def report_index(request):
    """Reports fifty to a page; the filters are the API's (reports.filters). A filter value that is not
    valid lists nothing and says why next to the filter."""
    filterset = ReportFilter(request.GET, queryset=report_list(user=request.user))
    reports = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    page = Paginator(reports, REPORTS_PER_PAGE).get_page(request.GET.get("page"))
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
