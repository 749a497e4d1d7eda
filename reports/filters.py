"""The report list's filters, one definition for the list page and the API. A value that is not valid
(a year that is no number, an unknown status) matches nothing: the API answers 400 with the field's
message, the page shows the message next to the filter and lists nothing."""

import django_filters
from django.utils.translation import gettext_lazy as _

from portal.filters import IdFilter
from tasks.models import Obligation
from tasks.periods import PeriodError, parse_period

from .choices import ObligationState, ReportStatus
from .models import ProgressReport

NUMBER_ERRORS = {"invalid": _("请输入数字。")}


class UnitItemPeriodFilter(django_filters.FilterSet):
    """What a unit owes or reported on an item for a period: the filters reports and obligations share."""

    work_item = IdFilter(field_name="work_item_id", label=_("工作任务 id"))
    unit = IdFilter(field_name="unit_id", label=_("单位 id"))
    period = django_filters.CharFilter(method="filter_period", label=_("报送期，如 2024-06、2024-H1"))

    def filter_period(self, queryset, name, value: str):
        return queryset.filter(period=canonical_period(value))


class ReportFilter(UnitItemPeriodFilter):
    year = django_filters.NumberFilter(
        field_name="work_item__plan__year", label=_("年度"), error_messages=NUMBER_ERRORS
    )
    status = django_filters.ChoiceFilter(
        choices=ReportStatus.choices,
        label=_("状态"),
        error_messages={"invalid_choice": _("“%(value)s”不是有效的状态。")},
    )

    class Meta:
        model = ProgressReport
        fields = ["year", "work_item", "unit", "period", "status"]


class ObligationFilter(UnitItemPeriodFilter):
    year = django_filters.NumberFilter(field_name="plan__year", label=_("年度"), error_messages=NUMBER_ERRORS)
    state = django_filters.ChoiceFilter(
        choices=ObligationState.choices,
        label=_("状态"),
        error_messages={"invalid_choice": _("“%(value)s”不是有效的状态。")},
    )

    class Meta:
        model = Obligation
        fields = ["year", "unit", "work_item", "period", "state"]


def canonical_period(value: str) -> str:
    """A period as stored (its canonical key, 2024-06) however it is typed (２０２４-06); text that is
    no period stays as it is, and so matches nothing."""
    try:
        return parse_period(value).key
    except PeriodError:
        return value
