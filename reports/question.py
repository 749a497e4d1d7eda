"""One way to read what a page or an endpoint asks about: the year's plan, the as-of date, a report
period, an item status and a sort, each refused with a Chinese message next to its name.

Pages show the message beside the field and fall back to the default; the API answers 400 with the
same messages. The as-of date a leader lands on (`default_as_of`): today while the plan's reporting
runs; once its last report was due, that last due date, with a note that says so."""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from django import forms
from django.db.models import Max
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ValidationError as ApiValidationError

from tasks.models import Obligation, Plan
from tasks.periods import PeriodError, parse_period

from .dashboard.units import RANKINGS
from .figures.status import ITEM_STATUSES, Status

YEAR_MIN, YEAR_MAX = 2000, 2099
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class YearField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", gettext_lazy("年度"))
        super().__init__(
            min_value=YEAR_MIN,
            max_value=YEAR_MAX,
            error_messages={
                "invalid": gettext_lazy("年度应为数字，如 2024。"),
                "min_value": gettext_lazy("年度应在 2000 至 2099 之间。"),
                "max_value": gettext_lazy("年度应在 2000 至 2099 之间。"),
            },
            **kwargs,
        )


class DayField(forms.DateField):
    """A date typed as 2024-06-30 (full-width digits read too), between 2000-01-01 and 2099-12-31;
    an impossible day (2024-02-30) is named as such, not as a wrong format."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("截至日期"))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, dt.date):
            return value
        text = unicodedata.normalize("NFKC", str(value or "")).strip()
        if not text:
            return None
        match = _DATE.fullmatch(text)
        if not match:
            raise forms.ValidationError(_("日期格式应为 2024-06-30。"), code="invalid")
        year, month, day = (int(part) for part in match.groups())
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise forms.ValidationError(_("日期应在 2000 年至 2099 年之间。"), code="out_of_range")
        if not 1 <= month <= 12:
            raise forms.ValidationError(
                _("%(text)s 不是有效的日期：月份应为 1–12。") % {"text": text}, code="invalid_date"
            )
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise forms.ValidationError(
                _("%(text)s 不是有效的日期：%(y)s年%(m)s月没有%(d)s日。")
                % {"text": text, "y": year, "m": month, "d": day},
                code="invalid_date",
            ) from None


class PeriodField(forms.CharField):
    """A report period as stored (2024-06, 2024-Q2, 2024-H1, 2024-Y), however it is typed."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("报送期"))
        kwargs.setdefault("required", False)
        super().__init__(max_length=20, **kwargs)

    def clean(self, value):
        value = (super().clean(value) or "").strip()
        if not value:
            return ""
        try:
            return parse_period(value).key
        except PeriodError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc


class QuestionForm(forms.Form):
    year = YearField()
    as_of = DayField()
    status = forms.ChoiceField(
        label=gettext_lazy("状态"),
        required=False,
        choices=[("", gettext_lazy("全部"))] + [(s.value, Status(s).label) for s in ITEM_STATUSES],
        error_messages={"invalid_choice": gettext_lazy("“%(value)s”不是有效的状态。")},
    )
    sort = forms.ChoiceField(
        label=gettext_lazy("排序"),
        required=False,
        choices=[(key, key) for key in RANKINGS],
        error_messages={"invalid_choice": gettext_lazy("“%(value)s”不是有效的排序方式。")},
    )


def reporting_end(plan: Plan) -> dt.date | None:
    """The last due date of the plan's reports (2024: the December report, due 2025-01-05)."""
    return Obligation.objects.filter(plan=plan).aggregate(end=Max("due_date"))["end"]


def default_as_of(plan: Plan, *, today: dt.date | None = None) -> tuple[dt.date, str]:
    """The date a page shows when none is asked for, and the note that explains it (or "")."""
    today = today or timezone.localdate()
    end = reporting_end(plan)
    if end is not None and today > end:
        note = _("%(year)s 年度报送已于 %(end)s 截止，按截止日显示；可改日期。") % {
            "year": plan.year,
            "end": end.isoformat(),
        }
        return end, note
    return today, ""


@dataclass
class Question:
    """What a request asks about, read once: the plan, the as-of date (and why it is that date when
    not asked), the status and sort asked for, and the form that holds any message."""

    plan: Plan
    as_of: dt.date
    note: str
    status: str
    sort: str
    form: QuestionForm

    @property
    def errors(self) -> list[tuple[str, list[str]]]:
        """(field label, messages) for every field that was refused."""
        return [(self.form.fields[name].label, list(messages)) for name, messages in self.form.errors.items()]


def plan_asked(params, *, user) -> Plan:
    """The plan of `?year=` the user may see, the latest without one; a year that is refused, or
    has no plan, is a 404 that says why (for pages that ask nothing else, e.g. a unit's work)."""
    field = YearField()
    try:
        year = field.clean(params.get("year", ""))
    except forms.ValidationError as exc:
        raise Http404(exc.messages[0]) from exc
    plan = Plan.objects.restrict(user).of_year(year)
    if plan is None:
        raise Http404(_("没有该年度的工作要点。"))
    return plan


def plan_of_download(form, *, user) -> Plan:
    """A download's plan: the bound form's year (the latest without one). A refused parameter is a
    400 with the form's Chinese messages; a year without a plan, a 404."""
    if not form.is_valid():
        raise ApiValidationError(form.errors)
    plan = Plan.objects.restrict(user).of_year(form.cleaned_data["year"])
    if plan is None:
        raise Http404(_("没有该年度的工作要点。"))
    return plan


def read_question(params, *, user, plan: Plan | None = None, today: dt.date | None = None) -> Question:
    """Read the question from query parameters. `plan` fixes the plan (an item's page); otherwise the
    year's plan the user may see, the latest when no year is given or the year was refused. Raises
    Http404 when there is no such plan."""
    form = QuestionForm({key: params.get(key, "") for key in QuestionForm.base_fields})
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    if plan is None:
        plan = Plan.objects.restrict(user).of_year(data.get("year"))
        if plan is None:
            raise Http404(_("没有该年度的工作要点。"))
    as_of, note = (data["as_of"], "") if data.get("as_of") else default_as_of(plan, today=today)
    return Question(
        plan=plan, as_of=as_of, note=note, status=data.get("status", ""), sort=data.get("sort", ""), form=form
    )
