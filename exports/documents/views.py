"""The summary draft (工作总结初稿): a page with the choices and a 生成总结初稿 button, and the .docx
download behind it, by session or API token, with the dashboard's visibility: leaders and
administrators draft the department's or any unit's, a unit's people their own unit's."""

import tempfile

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema

from core.api.schema import ErrorSerializer
from core.api.views import DownloadView
from reports.question import plan_of_download
from reports.uploads import takes_uploads
from reports.workflow.rules import may_start
from reports.workflow.summaries import summary_final_attach
from tasks.models import Plan
from units.access import may_draft_summary, sees_everything
from units.models import Unit

from ..forms import DraftForm
from .content import HALVES, default_draft_as_of, summary_draft
from .layout import draft_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def draft_request(params, user):
    """(plan, half, unit or None, as_of) from the query; a unit's person without a unit asked for
    drafts their own unit's. Refused parameters: 400; a unit the user may not draft for: 403."""
    form = DraftForm(params)
    plan = plan_of_download(form, user=user)
    unit = form.cleaned_data["unit"]
    if unit is None and not sees_everything(user):
        unit = getattr(user, "unit", None)
    if not may_draft_summary(user, unit):
        raise PermissionDenied("只能生成本单位的工作总结初稿。")
    half = form.cleaned_data["half"]
    as_of = form.cleaned_data["as_of"] or default_draft_as_of(plan, half, today=timezone.localdate())
    return plan, half, unit, as_of


def draft_file_name(plan, half, unit, as_of) -> str:
    who = unit.short_name if unit else "全厅"
    return f"{who}{plan.year}{HALVES[half]}工作总结初稿（截至{as_of:%Y-%m-%d}）.docx"


class SummaryDraftView(DownloadView):
    """`GET /api/v1/summaries/draft.docx`: a half-year or annual summary draft in the official layout
    (GB/T 9704), every figure from approved reports."""

    @extend_schema(
        tags=["导出"],
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, description="年度，默认最新"),
            OpenApiParameter("half", OpenApiTypes.STR, enum=["h1", "year"], description="h1 上半年（默认）；year 年度"),
            OpenApiParameter("unit", OpenApiTypes.STR, description="单位代码；不填：厅领导、管理员为全厅，单位用户为本单位"),
            OpenApiParameter("as_of", OpenApiTypes.DATE, description="截至日期，默认该半年最后一期月报的截止日（不晚于今天）"),
        ],
        responses={
            (200, DOCX): OpenApiResponse(OpenApiTypes.BINARY, description="工作总结初稿（docx）"),
            403: OpenApiResponse(ErrorSerializer, description="只能生成本单位的初稿"),
            404: OpenApiResponse(ErrorSerializer, description="没有该年度的工作要点"),
        },
    )  # fmt: skip
    def get(self, request):
        plan, half, unit, as_of = draft_request(request.query_params, request.user)
        draft = summary_draft(user=request.user, plan=plan, half=half, as_of=as_of, unit=unit)
        out = tempfile.TemporaryFile()
        draft_docx(draft, out)
        out.seek(0)
        name = draft_file_name(plan, half, unit, as_of)
        return FileResponse(out, as_attachment=True, filename=name, content_type=DOCX)


def draft_page(request):
    """生成总结初稿: the year, the half, the unit (leaders and administrators choose, a unit's people
    draft their own) and the date, then the download."""
    plans = Plan.objects.restrict(request.user).order_by("-year")
    everything = sees_everything(request.user)
    units = Unit.objects.order_by("sort_order", "pk") if everything else []
    return render(
        request,
        "exports/summary_draft.html",
        {
            "nav": "drafts",
            "plans": plans,
            "units": units,
            "everything": everything,
            "halves": HALVES,
            "may_upload": request.user.unit_id is not None and may_start(request.user, request.user.unit),
        },
    )


@takes_uploads
@require_POST
def final_upload(request):
    """上传定稿: the edited draft goes back as the unit's half-year or annual summary, attached to its
    summary report in one step; the staff member then checks and submits it."""
    plan = Plan.objects.restrict(request.user).filter(year=request.POST.get("year") or 0).first()
    half = request.POST.get("half") if request.POST.get("half") in HALVES else None
    upload = request.FILES.get("file")
    if plan is None or half is None or upload is None or request.user.unit_id is None:
        messages.error(request, "请选择年度、总结类型和定稿文件。")
        return redirect("summary-draft")
    try:
        report = summary_final_attach(
            user=request.user, unit=request.user.unit, plan=plan, half=half, upload=upload
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("summary-draft")
    messages.success(request, f"定稿已作为本单位{report.period_label}的附件，请核对后提交审核。")
    return redirect("report-detail", pk=report.pk)
