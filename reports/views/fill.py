"""Excel 填报: a unit's staff download their fill-in template for a period, fill it offline, upload it,
see what each row would become, and confirm; the drafts are then written all together or not at all
(reports.fill_in.imports)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..fill_in.imports import template_import
from ..fill_in.pending import pending_delete, pending_store, pending_take
from ..fill_in.template import template_periods
from ..fill_in.upload import TemplateRefused
from ..uploads import takes_uploads
from ..workflow.rules import may_start
from .work import plan_for

ACTIONS = {
    "create": _("新建草稿"),
    "update": _("更新草稿"),
    "unchanged": _("无变化"),
    "skip": _("未填写，跳过"),
}


def _context(request, **extra) -> dict:
    if not may_start(request.user, request.user.unit):
        raise PermissionDenied(_("只有本单位填报人可以使用 Excel 填报。"))
    plan = plan_for(request)
    periods = template_periods(unit=request.user.unit, plan=plan)
    chosen = (
        request.POST.get("period") or request.GET.get("period") or (periods[0].period.key if periods else "")
    )
    return {"nav": "my-work", "plan": plan, "periods": periods, "chosen": chosen, "actions": ACTIONS, **extra}


@takes_uploads
def fill_in(request):
    """The page: download a template; upload a filled one and see its preview (nothing is written)."""
    context = _context(request)
    if request.method != "POST":
        return render(request, "reports/fill_in.html", context)
    upload = request.FILES.get("file")
    if upload is None:
        context["file_error"] = _("请选择要上传的填报模板（.xlsx）。")
        return render(request, "reports/fill_in.html", context, status=400)
    try:
        result = template_import(user=request.user, upload=upload, period=context["chosen"], dry_run=True)
    except TemplateRefused as exc:
        context["file_error"] = str(exc)
        return render(request, "reports/fill_in.html", context, status=400)
    context["result"] = result
    context["file_name"] = upload.name
    if result.ok:
        context["token"] = pending_store(upload=upload, user=request.user, period=result.period)
    return render(request, "reports/fill_in.html", context)


@require_POST
def fill_in_confirm(request):
    """Write the previewed template's drafts, all or none."""
    context = _context(request)
    try:
        upload, kept = pending_take(token=request.POST.get("token", ""), user=request.user)
        with upload:
            result = template_import(user=request.user, upload=upload, period=kept["period"], dry_run=False)
    except TemplateRefused as exc:
        context["file_error"] = str(exc)
        return render(request, "reports/fill_in.html", context, status=400)
    if not result.ok:  # the portal changed since the preview: say what, write nothing
        context["result"] = result
        return render(request, "reports/fill_in.html", context, status=409)
    pending_delete(kept["name"])
    messages.success(
        request,
        _("已导入填报模板：新建 %(created)s 份草稿，更新 %(updated)s 份。请逐项核对后提交审核。")
        % {"created": result.created, "updated": result.updated},
    )
    return redirect("my-work")
