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


class DraftForm(forms.Form):
    """What a summary draft asks for: the year, the half (上半年 or 年度), the unit (by code; none: the
    department's own, or a unit's person's own unit) and the as-of date."""

    year = YearField()
    half = forms.ChoiceField(
        label=_("总结类型"),
        required=False,
        choices=[("h1", _("上半年工作总结")), ("year", _("年度工作总结"))],
        error_messages={"invalid_choice": _("总结类型应为 h1（上半年）或 year（年度）。")},
    )
    unit = forms.ModelChoiceField(
        label=_("单位"),
        queryset=Unit.objects.all(),
        to_field_name="code",
        required=False,
        error_messages={"invalid_choice": _("没有这个单位（请用单位代码）。")},
    )
    as_of = DayField()

    def clean_half(self):
        return self.cleaned_data["half"] or "h1"
