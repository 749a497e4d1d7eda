"""Downloads: the summary workbook (汇总表, built by a job when large) and 明细 as CSV, by session (the
buttons on the dashboard and the reports list) or by API token, and a large export's page. Bad
parameters answer 400 with the reason in Chinese (the portal's error page for a browser)."""

import tempfile

from django.http import FileResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.authentication import SessionAuthentication
from rest_framework.response import Response

from core.api.schema import ErrorSerializer
from core.api.views import DownloadView
from reports.cells import XLSX
from reports.question import default_as_of, plan_of_download

from .api.serializers import ExportJobSerializer
from .details_csv import details_csv
from .forms import SummaryForm
from .models import ExportJob
from .services import export_is_large, export_job_create
from .summary import summary_write

SUMMARY_PARAMETERS = [
    OpenApiParameter("year", OpenApiTypes.INT, description="年度，默认最新"),
    OpenApiParameter(
        "as_of", OpenApiTypes.DATE, description="截至日期，默认今天；已截止年度默认其最后截止日"
    ),
    OpenApiParameter("section", OpenApiTypes.INT, description="只导出某一板块（序号）"),
    OpenApiParameter("unit", OpenApiTypes.INT, description="只导出某一单位（id）"),
    OpenApiParameter("period", OpenApiTypes.STR, description="明细只列某一报送期，如 2024-06"),
]


def job_accepted(request, job):
    """A large export's answer: a browser (signed in by session, asking for a page) goes to the job's
    page; an API client gets 202 with the job, to poll at its address."""
    if isinstance(
        request.successful_authenticator, SessionAuthentication
    ) and "text/html" in request.headers.get("Accept", ""):
        return HttpResponseRedirect(reverse("export-job", args=[job.pk]), status=303)
    data = ExportJobSerializer(job, context={"request": request}).data
    return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["url"]})


def summary_request(request):
    """The plan, the as-of date and the filters a summary export asks for."""
    form = SummaryForm(request.query_params)
    plan = plan_of_download(form, user=request.user)
    as_of = form.cleaned_data["as_of"] or default_as_of(plan)[0]
    return plan, as_of, form.summary_filter()


class SummaryExportView(DownloadView):
    """`GET /reports/export/summary.xlsx`: the year's summary workbook as of a date, for what the
    caller may see (a unit's people: their own unit's)."""

    @extend_schema(
        tags=["导出"],
        parameters=SUMMARY_PARAMETERS,
        responses={
            (200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description="汇总表（xlsx）"),
            202: OpenApiResponse(
                ExportJobSerializer,
                description="明细超过 EXPORT_STREAM_MAX_ROWS 行：已转为后台导出任务，完成后通知；浏览器转到任务页",
            ),
            404: OpenApiResponse(ErrorSerializer, description="没有该年度的工作要点"),
        },
    )
    def get(self, request):
        plan, as_of, only = summary_request(request)
        rows = export_is_large(user=request.user, plan=plan, as_of=as_of, only=only)
        if rows is not None:
            job = export_job_create(user=request.user, plan=plan, as_of=as_of, only=only, rows=rows)
            return job_accepted(request, job)
        out = tempfile.TemporaryFile()
        summary_write(out, user=request.user, plan=plan, as_of=as_of, only=only)
        out.seek(0)
        name = f"{plan.year}年生态环保工作汇总表（截至{as_of:%Y-%m-%d}）.xlsx"
        return FileResponse(out, as_attachment=True, filename=name, content_type=XLSX)


class DetailsCsvView(DownloadView):
    """`GET /reports/export/details.csv`: the summary's 明细 (every progress report) as CSV, with the
    summary's filters, for what the caller may see."""

    @extend_schema(
        tags=["导出"],
        parameters=SUMMARY_PARAMETERS,
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY, description="明细（CSV，UTF-8 带 BOM）"),
            404: OpenApiResponse(ErrorSerializer, description="没有该年度的工作要点"),
        },
    )
    def get(self, request):
        plan, as_of, only = summary_request(request)
        lines = details_csv(user=request.user, plan=plan, as_of=as_of, only=only)
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        name = f"{plan.year}年进展报告明细（截至{as_of:%Y-%m-%d}）.csv"
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response


def export_job_page(request, pk):
    """A large export's page: its progress (refreshed by htmx while it runs) and, once done, the file."""
    job = get_object_or_404(ExportJob.objects.restrict(request.user).select_related("plan", "unit"), pk=pk)
    template = "exports/_export_job.html" if request.headers.get("HX-Request") else "exports/export_job.html"
    return render(request, template, {"job": job})
