from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tasks.choices import Comparator
from tasks.models import Assignment, Plan, WorkItem
from units.access import is_admin
from units.choices import UnitKind
from units.models import Unit

from .workpoints.changes import duty_changes, plan_changes
from .workpoints.edits import apply_item_choices, apply_target_edits
from .workpoints.imports import UnitChoice, plan_import
from .workpoints.parse import parse_document
from .workpoints.read import DocumentRefused, document_text
from .workpoints.resolve import resolve_units


def plan_detail(request, year=None):
    """The year's work points: sections and items with their units, as the document sets them out."""
    plans = Plan.objects.restrict(request.user)
    plan = plans.of_year(year)
    if plan is None:
        if is_admin(request.user) and year is None:
            return redirect("plan-import")
        raise Http404(_("尚未导入年度工作要点。"))
    items = (
        WorkItem.objects.restrict(request.user)
        .filter(plan=plan)
        .select_related("section")
        .prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.select_related("unit")),
            "targets",
            "deadlines",
        )
    )
    groups = {}
    for item in items:
        groups.setdefault(item.section, []).append(item)
    return render(
        request,
        "tasks/plan_detail.html",
        {
            "nav": "plan",
            "plan": plan,
            "groups": groups.items(),
            "plans": plans,
            "may_import": is_admin(request.user),
        },
    )


class PlanImportForm(forms.Form):
    """The document to import and its year: a .txt or .docx file, or the text pasted."""

    year = forms.IntegerField(
        label=_("年度"), min_value=2000, max_value=2099,
        error_messages={"invalid": _("年度应为数字，如 2025。"), "required": _("请填写年度。")},
    )  # fmt: skip
    file = forms.FileField(label=_("原文文件（.txt 或 .docx）"), required=False)
    text = forms.CharField(label=_("或粘贴原文"), required=False, widget=forms.Textarea(attrs={"rows": 8}))

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), data.get("text", "")
        if upload is None and not text.strip():
            raise forms.ValidationError(_("请上传原文文件，或粘贴原文。"))
        try:
            if upload is not None:
                data["source"] = document_text(data=upload.read(), name=upload.name)
            else:
                data["source"] = document_text(text=text)
        except DocumentRefused as exc:
            self.add_error("file" if upload is not None else "text", str(exc))
        return data


def _segments(text: str, draft) -> list[tuple[str, int | None]]:
    """The source text cut into pieces, each item's piece marked with its number (for highlighting)."""
    pieces, at = [], 0
    for item in draft.items:
        if item.start > at:
            pieces.append((text[at : item.start], None))
        pieces.append((text[item.start : item.end], item.number))
        at = item.end
    pieces.append((text[at:], None))
    return pieces


def _unit_choices(data, unknown) -> tuple[dict, dict]:
    choices, errors = {}, {}
    for n, name in enumerate(unknown):
        value = data.get(f"unit-{n}", "")
        if value.startswith("new:") and value[4:] in UnitKind.values:
            choices[name] = UnitChoice(kind=value[4:])
        elif value.isdecimal() and (unit := Unit.objects.filter(pk=int(value)).first()):
            choices[name] = UnitChoice(unit=unit)
        else:
            errors[name] = _("请为“%(name)s”选择对应的单位，或新建。") % {"name": name}
    return choices, errors


def plan_import_page(request):
    """导入工作要点: upload or paste a year's document, see what was read beside the source, settle the
    unknown units, correct the targets, and create (or update) the plan in one transaction."""
    if not is_admin(request.user):
        raise PermissionDenied(_("只有系统管理员可以导入工作要点。"))
    if request.method != "POST":
        form = PlanImportForm(initial={"year": timezone.localdate().year + 1})
        return render(request, "tasks/plan_import.html", {"nav": "plan", "form": form})
    form = PlanImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "tasks/plan_import.html", {"nav": "plan", "form": form}, status=400)
    source, year = form.cleaned_data["source"], form.cleaned_data["year"]
    draft = parse_document(source, year=year)
    creating = request.POST.get("step") == "create"
    edit_errors = {}
    if creating:
        edit_errors = apply_target_edits(draft, request.POST)
        edit_errors |= apply_item_choices(draft, request.POST, Unit.objects.in_bulk())
    resolution = resolve_units(draft)
    choices, unit_errors = _unit_choices(request.POST, resolution.unknown) if creating else ({}, {})
    errors = []
    if creating and not (edit_errors or unit_errors or draft.problems):
        try:
            plan = plan_import(draft=draft, source_text=source, choices=choices)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(
                request, _("已导入%(title)s：%(n)s 项任务。") % {"title": plan.title, "n": len(draft.items)}
            )
            return redirect("plan-year", year=plan.year)
    for item in draft.items:
        item.resolved = resolution.items.get(item.number, [])
        item.choice_error = edit_errors.get(f"item-{item.number}", "")
    existing = Plan.objects.filter(year=year).first()
    context = {
        "nav": "plan", "form": form, "draft": draft, "source": source, "year": year,
        "segments": _segments(source, draft), "resolution": resolution, "existing": existing,
        "changes": plan_changes(draft, existing) if existing and not draft.problems else [],
        "duties": duty_changes(draft, existing) if existing and not draft.problems else None,
        "today": timezone.localdate(),
        "unknown": list(enumerate(resolution.unknown.items())), "units": Unit.objects.order_by("kind", "sort_order"),
        "kinds": UnitKind.choices, "edit_errors": edit_errors, "unit_errors": unit_errors, "errors": errors,
        "chosen": request.POST, "comparators": Comparator.choices,
        "unassigned": [item for item in draft.items if item.warning],
    }  # fmt: skip
    status = 400 if creating else 200
    return render(request, "tasks/plan_import_preview.html", context, status=status)
