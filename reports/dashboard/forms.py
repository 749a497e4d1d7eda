from django import forms
from django.utils.translation import gettext_lazy as _

from ..figures.status import ITEM_STATUSES, Status
from .units import RANKINGS


class DashboardForm(forms.Form):
    """The dashboard's question: as of which date, and (on the page) which items."""

    as_of = forms.DateField(
        label=_("截至日期"),
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("日期格式应为 2024-06-30。")},
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control form-control-sm"}),
    )
    status = forms.ChoiceField(
        label=_("状态"),
        required=False,
        choices=[("", _("全部"))] + [(s.value, Status(s).label) for s in ITEM_STATUSES],
        error_messages={"invalid_choice": _("“%(value)s”不是有效的状态。")},
    )
    sort = forms.ChoiceField(
        required=False,
        choices=[(key, key) for key in RANKINGS],
        error_messages={"invalid_choice": _("“%(value)s”不是有效的排序方式。")},
    )
