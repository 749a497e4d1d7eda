from django import forms
from django.utils.translation import gettext_lazy as _

from reports.question import DayField, YearField
from tasks.periods import PeriodError, parse_period
from units.models import Unit

from .scope import SummaryFilter


class SummaryForm(forms.Form):
    """What a summary export asks for: the year, the as-of date and the filters, each refused in
    Chinese next to its name."""

    year = YearField()
    as_of = DayField()
    section = forms.IntegerField(
        required=False, min_value=1, error_messages={"invalid": _("板块应为序号数字。")}
    )
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.all(), required=False, error_messages={"invalid_choice": _("没有这个单位。")}
    )
    period = forms.CharField(required=False, max_length=10)

    def clean_period(self):
        period = self.cleaned_data["period"].strip()
        if period:
            try:
                return parse_period(period).key
            except PeriodError as exc:
                raise forms.ValidationError(str(exc)) from exc
        return ""

    def summary_filter(self) -> SummaryFilter:
        data = self.cleaned_data
        unit = data.get("unit")
        return SummaryFilter(
            section=data.get("section"), unit_id=unit.pk if unit else None, period=data.get("period", "")
        )
