import re
import unicodedata

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from core.text import clean_text
from tasks.choices import ReporterScope

from .validation import (
    ALLOWED_EXTENSIONS,
    COMMENT_MAX,
    EXPLANATION_MAX,
    TEXT_MAX,
    ValueInput,
    field_key,
    invalid_name_message,
)

DECIMAL_ERRORS = {
    "invalid": _("请输入数字，例如 12.5。"),
    "max_digits": _("数值过大。"),
    "max_decimal_places": _("最多保留两位小数。"),
    "max_whole_digits": _("数值过大。"),
}


# A number with thousands separators where they belong: 1,200 and 12,345,678.5, not 1,2 or 12,00.
_GROUPED_NUMBER = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")


class CleanTextField(forms.CharField):
    """A text field that drops the invisible characters pasted text carries (core.text.clean_text)
    before Django looks at the text: a NUL is removed instead of being refused with Django's message."""

    def to_python(self, value):
        if isinstance(value, str):
            value = clean_text(value)
        return super().to_python(value)


class TargetValueField(forms.DecimalField):
    """A target's value as office staff type it: full-width digits (１２００), thousands separators
    (1,200 or 1，200), spaces anywhere, and for a rate target (measured in %) a trailing percent sign
    (60% or 60％). A percent sign on a target counted in another unit (公里) is refused rather than
    dropped: the figure typed is then perhaps not in the target's unit. Commas must group thousands
    (1,2 is refused, not read as 12)."""

    def __init__(self, *, measure_unit: str, is_rate: bool, **kwargs):
        kwargs.setdefault("error_messages", DECIMAL_ERRORS)
        super().__init__(**kwargs)
        self.measure_unit = measure_unit
        self.is_rate = is_rate

    def to_python(self, value):
        if isinstance(value, str):
            # NFKC turns full-width digits, signs, "，" and "％" into their ASCII forms, and the
            # ideographic space into a space
            text = "".join(unicodedata.normalize("NFKC", value).split())
            if text.endswith("%"):
                if not self.is_rate:
                    raise forms.ValidationError(
                        _("该指标的单位是“%(unit)s”，请只填写数字，不要输入 %%。"),
                        code="percent",
                        params={"unit": self.measure_unit},
                    )
                text = text[:-1]
            if "," in text:
                if not _GROUPED_NUMBER.fullmatch(text):
                    raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
                text = text.replace(",", "")
            value = text
        return super().to_python(value)


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
    done = CleanTextField(label=_("工作进展"), required=False, widget=_textarea(6), max_length=TEXT_MAX)
    problems = CleanTextField(label=_("存在问题"), required=False, widget=_textarea(), max_length=TEXT_MAX)
    next_steps = CleanTextField(label=_("下步计划"), required=False, widget=_textarea(), max_length=TEXT_MAX)
    completed = forms.BooleanField(
        label=_("本项工作已完成"),
        required=False,
        help_text=_(
            "本单位承担的本项工作已全部完成时勾选；牵头和责任单位均声明完成、且指标全部达成时，本项任务记为已完成。"
        ),
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    attachments = MultipleFileField(label=_("佐证材料"), required=False)

    # the fields in the order the page shows them, the targets' in place of "targets"; the error
    # summary lists the errors in this order
    page_order = ("version", "done", "targets", "problems", "next_steps", "completed", "attachments")

    def __init__(
        self,
        *args,
        targets=(),
        scopes=None,
        previous=None,
        refused_file_names=(),
        summary_kind=None,
        **kwargs,
    ):
        """`targets`: those the unit reports (填报单位), `scopes` saying for each what its figure is
        (ReporterScope: 本单位完成 or 全省合计, shown with the field). `refused_file_names`: files the
        request carried that were dropped for their names (reports.uploads); the attachments field
        refuses them. `summary_kind`: for a summary report, what it is (半年工作总结, 年度工作总结),
        which cannot be submitted without its summary file."""
        super().__init__(*args, **kwargs)
        self.refused_file_names = list(refused_file_names)
        self.summary_rule = (
            _("%(kind)s须上传总结文件后才能提交审核。") % {"kind": summary_kind} if summary_kind else ""
        )
        if "attachments" in self.fields:
            help_text = _(
                "可多选，一次最多 %(per_request)s 个，每份报告最多 %(per_report)s 个。接受 %(exts)s，单个文件不超过 %(size)s。"
            ) % {
                "per_request": settings.DATA_UPLOAD_MAX_NUMBER_FILES,
                "per_report": settings.REPORT_MAX_ATTACHMENTS,
                "exts": "、".join(ALLOWED_EXTENSIONS),
                "size": filesizeformat(settings.REPORT_ATTACHMENT_MAX_BYTES),
            }
            self.fields["attachments"].help_text = f"{self.summary_rule}{help_text}"
        self.targets = list(targets)
        previous = previous or {}
        for target in self.targets:
            scope = f" · {ReporterScope(scopes[target.pk]).label}" if scopes and target.pk in scopes else ""
            floor = previous.get(target.pk)
            hint = _("目标 %(goal)s") % {"goal": target.goal_display}
            if floor is not None:
                hint += _("；本单位上期累计 %(v)s") % {"v": f"{floor.normalize():f}"}
            self.fields[field_key("value", target)] = TargetValueField(
                measure_unit=target.measure_unit,
                is_rate=target.is_rate,
                label=f"{target.name}（{target.measure_unit}）{scope}",
                required=False,
                max_digits=14,
                decimal_places=2,
                help_text=hint,
                widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "decimal"}),
            )
            self.fields[field_key("explanation", target)] = CleanTextField(
                label=_("调减说明"),
                required=False,
                max_length=EXPLANATION_MAX,
                widget=forms.TextInput(
                    attrs={"class": "form-control", "placeholder": _("累计值低于上期时必填")}
                ),
            )
        for name in ("done", "problems", "next_steps"):
            self.fields[name].widget.attrs.setdefault("class", "form-control")
        self.order_fields(self._page_field_names())

    def _page_field_names(self) -> list[str]:
        names = []
        for name in self.page_order:
            if name == "targets":
                for target in self.targets:
                    names += [field_key("value", target), field_key("explanation", target)]
            else:
                names.append(name)
        return names

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
            "completed": self.cleaned_data.get("completed", False),
            "values": self.values(),
        }

    def add_service_errors(self, error) -> None:
        """Put a service's ValidationError messages next to the fields they concern."""
        if hasattr(error, "error_dict"):
            for key, messages in error.message_dict.items():
                self.add_error(key if key in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)

    def add_unsaved_files_error(self, names) -> None:
        """After a save that failed, say which chosen files were not uploaded: a browser cannot put a
        file back into a file field, so the page shows it empty and the user must choose them again."""
        names = ["".join(c for c in name if c.isprintable()) for name in names]
        if names and "attachments" in self.fields:
            self.add_error(
                "attachments",
                _("以下文件尚未上传：%(names)s。请修正其他错误后重新选择这些文件。")
                % {"names": "、".join(names)},
            )

    def error_summary(self, *, non_field: bool = True) -> list[tuple[str | None, str]]:
        """The form's errors for the summary at the top of the page, in the page's order: (the id of
        the field to go to, None for an error about the whole form, the message with what it concerns).
        `non_field=False` leaves out the errors about the whole form, for a page that shows them itself."""
        entries = [(None, str(message)) for message in self.non_field_errors()] if non_field else []
        explanation_of = {field_key("explanation", t): t for t in self.targets}
        for bound in self:
            if bound.is_hidden:
                entries += [(None, str(message)) for message in bound.errors]
                continue
            target = explanation_of.get(bound.name)
            label = (
                _("%(target)s的%(field)s") % {"target": target.name, "field": bound.label}
                if target
                else bound.label
            )
            entries += [(bound.auto_id, f"{label}：{message}") for message in bound.errors]
        return entries


class CorrectionForm(ReportForm):
    reason = CleanTextField(label=_("更正原因"), widget=_textarea(3), max_length=COMMENT_MAX)

    page_order = ("version", "reason", "done", "targets", "problems", "next_steps", "completed")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["attachments"]


class ReviewForm(forms.Form):
    comment = CleanTextField(label=_("审核意见"), required=False, widget=_textarea(3), max_length=COMMENT_MAX)
