from django import forms
from django.utils.translation import gettext_lazy as _

from tasks.periods import PeriodError, parse_period

from ..question import YearField


class TemplateForm(forms.Form):
    """Which fill-in template: the year's plan and the report period (required)."""

    year = YearField()
    period = forms.CharField(max_length=10, error_messages={"required": _("请选择报送期，如 2024-06。")})

    def clean_period(self):
        try:
            return parse_period(self.cleaned_data["period"])
        except PeriodError as exc:
            raise forms.ValidationError(str(exc)) from exc
