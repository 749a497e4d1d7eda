from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .validation import ALLOWED_EXTENSIONS, ValueInput, field_key, invalid_name_message

DECIMAL_ERRORS = {
    "invalid": _("请输入数字，例如 12.5。"),
    "max_digits": _("数值过大。"),
    "max_decimal_places": _("最多保留两位小数。"),
    "max_whole_digits": _("数值过大。"),
}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"class": "form-control"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def _textarea(rows=4):
    return forms.Textarea(attrs={"class": "form-control", "rows": rows})


class ReportForm(forms.Form):
    """The content of a progress report: texts, a cumulative value (and its explanation) for each of
    the work item's targets, and new evidence files. Rules live in reports.validation."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    done = forms.CharField(label=_("工作进展"), required=False, widget=_textarea(6))
    problems = forms.CharField(label=_("存在问题"), required=False, widget=_textarea())
    next_steps = forms.CharField(label=_("下步计划"), required=False, widget=_textarea())
    attachments = MultipleFileField(label=_("佐证材料"), required=False)

    def __init__(self, *args, targets=(), previous=None, refused_file_names=(), **kwargs):
        """`refused_file_names`: files the request carried that were dropped for their names
        (reports.uploads); the attachments field refuses them."""
        super().__init__(*args, **kwargs)
        self.refused_file_names = list(refused_file_names)
        if "attachments" in self.fields:
            self.fields["attachments"].help_text = _(
                "可多选，一次最多 %(per_request)s 个，每份报告最多 %(per_report)s 个。接受 %(exts)s，单个文件不超过上限。"
            ) % {
                "per_request": settings.DATA_UPLOAD_MAX_NUMBER_FILES,
                "per_report": settings.REPORT_MAX_ATTACHMENTS,
                "exts": "、".join(ALLOWED_EXTENSIONS),
            }
        self.targets = list(targets)
        previous = previous or {}
        for target in self.targets:
            floor = previous.get(target.pk)
            hint = _("目标 %(goal)s") % {"goal": target.goal_display}
            if floor is not None:
                hint += _("；本单位上期累计 %(v)s") % {"v": f"{floor.normalize():f}"}
            self.fields[field_key("value", target)] = forms.DecimalField(
                label=f"{target.name}（{target.measure_unit}）",
                required=False,
                max_digits=14,
                decimal_places=2,
                error_messages=DECIMAL_ERRORS,
                help_text=hint,
                widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "decimal"}),
            )
            self.fields[field_key("explanation", target)] = forms.CharField(
                label=_("调减说明"),
                required=False,
                widget=forms.TextInput(
                    attrs={"class": "form-control", "placeholder": _("累计值低于上期时必填")}
                ),
            )
        for name in ("done", "problems", "next_steps"):
            self.fields[name].widget.attrs.setdefault("class", "form-control")

    def clean_attachments(self):
        if self.refused_file_names:
            raise forms.ValidationError([invalid_name_message(name) for name in self.refused_file_names])
        return self.cleaned_data["attachments"]

    def target_rows(self):
        return [(t, self[field_key("value", t)], self[field_key("explanation", t)]) for t in self.targets]

    def values(self) -> list[ValueInput]:
        result = []
        for target in self.targets:
            value = self.cleaned_data.get(field_key("value", target))
            if value is not None:
                explanation = self.cleaned_data.get(field_key("explanation", target)) or ""
                result.append(ValueInput(target=target, value=value, explanation=explanation))
        return result

    def content(self) -> dict:
        return {
            "done": self.cleaned_data["done"],
            "problems": self.cleaned_data["problems"],
            "next_steps": self.cleaned_data["next_steps"],
            "values": self.values(),
        }

    def add_service_errors(self, error) -> None:
        """Put a service's ValidationError messages next to the fields they concern."""
        if hasattr(error, "error_dict"):
            for key, messages in error.message_dict.items():
                self.add_error(key if key in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)


class CorrectionForm(ReportForm):
    reason = forms.CharField(label=_("更正原因"), widget=_textarea(3))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["attachments"]


class ReviewForm(forms.Form):
    comment = forms.CharField(label=_("审核意见"), required=False, widget=_textarea(3))


class StartReportForm(forms.Form):
    work_item = forms.IntegerField()
    period = forms.CharField(max_length=10)
