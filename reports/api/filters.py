import django_filters

from reports.choices import ReportStatus
from reports.models import ProgressReport


class ProgressReportFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="work_item__plan__year", label="年度")
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices, label="状态")

    class Meta:
        model = ProgressReport
        fields = ["year", "work_item", "unit", "period", "status"]
