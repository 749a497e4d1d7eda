"""The report list's filters, one definition for the list page and the API. A value that is not valid
(a year that is no number, an unknown status) matches nothing: the API answers 400 with the field's
message, the page shows the message next to the filter and lists nothing."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import IdFilter
from tasks.models import Obligation

from .choices import REPORTED_STATES, DueChoice, ObligationState, ReportStatus, StateGroup
from .models import ProgressReport
from .question import PeriodField

NUMBER_ERRORS = {"invalid": _("请输入数字。")}


class PeriodFilter(django_filters.CharFilter):
    """A report period however it is typed (２０２４-06), matched as stored; one that is no period is
    refused with the reason, never silently matching nothing."""

    field_class = PeriodField


class UnitItemPeriodFilter(django_filters.FilterSet):
    """What a unit owes or reported on an item for a period: the filters reports and obligations share."""

    work_item = IdFilter(field_name="work_item_id", label=_("工作任务 id"))
    unit = IdFilter(field_name="unit_id", label=_("单位 id"))
    period = PeriodFilter(field_name="period", label=_("报送期，如 2024-06、2024-H1"))


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
    """On obligations_as_of: a state or a group of states the dashboard counts (已报, 按时, 逾期报送),
    and whether due by the as-of date (应报), so that each number's link lists exactly its rows."""

    year = django_filters.NumberFilter(field_name="plan__year", label=_("年度"), error_messages=NUMBER_ERRORS)
    state = django_filters.ChoiceFilter(
        choices=ObligationState.choices + StateGroup.choices,
        method="filter_state",
        label=_("状态"),
        error_messages={"invalid_choice": _("“%(value)s”不是有效的状态。")},
    )
    due = django_filters.ChoiceFilter(
        choices=DueChoice.choices,
        method="filter_due",
        label=_("是否到期"),
        error_messages={"invalid_choice": _("“%(value)s”应为 yes（已到期）或 no（未到期）。")},
    )

    class Meta:
        model = Obligation
        fields = ["year", "unit", "work_item", "period", "state", "due"]

    def filter_state(self, queryset, name, value: str):
        if value == StateGroup.REPORTED:
            return queryset.filter(state__in=REPORTED_STATES)
        if value == StateGroup.ON_TIME:
            return queryset.filter(state__in=REPORTED_STATES, late=False)
        if value == StateGroup.LATE:
            return queryset.filter(state__in=REPORTED_STATES, late=True)
        return queryset.filter(state=value)

    def filter_due(self, queryset, name, value: str):
        return queryset.filter(is_due=value == DueChoice.DUE)
