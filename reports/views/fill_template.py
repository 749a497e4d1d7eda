"""A unit's fill-in template (填报模板) for a period, by session or API token; bad parameters answer
400 with the reason in Chinese (the portal's error page for a browser)."""

import tempfile

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema

from core.api.schema import ErrorSerializer
from core.api.views import DownloadView

from ..cells import XLSX
from ..fill_in.forms import TemplateForm
from ..fill_in.template import template_write
from ..question import plan_of_download
from ..workflow.rules import may_start


class TemplateDownloadView(DownloadView):
    """`GET /reports/template.xlsx?year=2024&period=2024-06`: the caller's unit's fill-in template for
    the period, for the unit's staff (reports.fill_in.template)."""

    @extend_schema(
        tags=["导出"],
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, description="年度，默认最新"),
            OpenApiParameter("period", OpenApiTypes.STR, required=True, description="报送期，如 2024-06"),
        ],
        responses={
            (200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description="填报模板（xlsx）"),
            403: OpenApiResponse(ErrorSerializer, description="不是单位填报人"),
            404: OpenApiResponse(ErrorSerializer, description="没有该年度的工作要点，或该期没有待填报的任务"),
        },
    )
    def get(self, request):
        if not may_start(request.user, request.user.unit):
            raise PermissionDenied("只有本单位填报人可以下载填报模板。")
        form = TemplateForm(request.query_params)
        plan = plan_of_download(form, user=request.user)
        period, unit = form.cleaned_data["period"], request.user.unit
        out = tempfile.TemporaryFile()
        if not template_write(out, unit=unit, plan=plan, period=period):
            raise Http404(f"本单位{period.label}没有需要填报的任务。")
        out.seek(0)
        name = f"{unit.short_name}{period.report_title}填报模板.xlsx"
        return FileResponse(out, as_attachment=True, filename=name, content_type=XLSX)
