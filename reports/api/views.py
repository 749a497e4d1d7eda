from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.response import Response

from core.api.views import RestrictedGenericViewSet
from reports.fill_in.imports import template_import
from reports.fill_in.upload import TemplateRefused
from reports.filters import ReportFilter
from reports.models import Flag, ProgressReport, ReportEvent, TargetValue
from reports.obligations import with_lateness
from reports.validation import ValueInput
from reports.workflow import services
from reports.workflow.flags import flag_explain
from reports.workflow.rules import may_start

from .parsers import UploadParser
from .serializers import (
    AttachmentSerializer,
    AttachmentUploadSerializer,
    CommentSerializer,
    ImportResultSerializer,
    ProgressReportDetailSerializer,
    ProgressReportSerializer,
    ReportCorrectSerializer,
    ReportCreateSerializer,
    ReportUpdateSerializer,
    SubmitSerializer,
    TemplateImportSerializer,
)


@extend_schema(tags=["进展报告"])
class ProgressReportViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    RestrictedGenericViewSet,
):
    """Progress reports: the same rules as the pages, through the same services. A report the user may
    not see answers 404; one they may see but not change answers 403; a stale `version` or a step the
    status does not allow answers 409."""

    filterset_class = ReportFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    parser_classes = [JSONParser, UploadParser, FormParser]

    def get_base_queryset(self):
        qs = with_lateness(ProgressReport.objects.all()).select_related("work_item__plan", "unit")
        qs = qs.prefetch_related(
            Prefetch("values", queryset=TargetValue.objects.order_by("target__sort_order", "target_id")),
            "attachments",
            "work_item__deadlines",
            Prefetch("flags", queryset=Flag.objects.select_related("target", "explained_by")),
        )
        if self.action == "retrieve":
            qs = qs.prefetch_related(Prefetch("events", queryset=ReportEvent.objects.select_related("actor")))
        return qs

    def get_serializer_class(self):
        return ProgressReportDetailSerializer if self.action == "retrieve" else ProgressReportSerializer

    def _detail(self, report, code=status.HTTP_200_OK):
        report = self.get_queryset().prefetch_related("events__actor").get(pk=report.pk)
        return Response(
            ProgressReportDetailSerializer(report, context=self.get_serializer_context()).data, status=code
        )

    def conflict_data(self, exc) -> dict:
        """A stale version's 409 carries the report as saved, for the client to merge."""
        if isinstance(exc, services.ReportConflict):
            current = self.get_queryset().get(pk=exc.current.pk)
            return {"current": ProgressReportSerializer(current, context=self.get_serializer_context()).data}
        return {}

    @staticmethod
    def _content(data, report) -> dict:
        """The report's content with what the request carries laid over it (PATCH semantics)."""
        if "values" in data:
            values = [ValueInput(v["target"], v["value"], v.get("explanation", "")) for v in data["values"]]
        else:
            values = [
                ValueInput(v.target, v.value, v.explanation) for v in report.values.select_related("target")
            ]
        return {
            "done": data.get("done", report.done),
            "problems": data.get("problems", report.problems),
            "next_steps": data.get("next_steps", report.next_steps),
            "completed": data.get("completed", report.completed),
            "values": values,
        }

    @extend_schema(request=ReportCreateSerializer, responses=ProgressReportDetailSerializer)
    def create(self, request, *args, **kwargs):
        payload = ReportCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        unit = data.get("unit") or request.user.unit
        if unit is None:
            raise DRFValidationError({"unit": ["请指定单位。"]})
        # one transaction: content the services refuse must not leave an empty draft behind
        with transaction.atomic():
            report = services.report_create(
                user=request.user, work_item=data["work_item"], unit=unit, period=data["period"]
            )
            if any(key in data for key in ("done", "problems", "next_steps", "completed", "values")):
                # content goes over the first, empty version only: if the report already existed and
                # someone has saved it, this is a conflict, not an overwrite
                services.report_update(
                    report=report, user=request.user, version=1, **self._content(data, report)
                )
        return self._detail(report, status.HTTP_201_CREATED)

    @extend_schema(request=ReportUpdateSerializer, responses=ProgressReportDetailSerializer)
    def partial_update(self, request, *args, **kwargs):
        report = self.get_object()
        payload = ReportUpdateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        services.report_update(
            report=report, user=request.user, version=data["version"], **self._content(data, report)
        )
        return self._detail(report)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=SubmitSerializer, responses=ProgressReportDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        report = self.get_object()
        payload = SubmitSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.report_submit(
            report=report, user=request.user, version=payload.validated_data.get("version")
        )
        return self._detail(report)

    @extend_schema(request=CommentSerializer, responses=ProgressReportDetailSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._review(request, services.report_approve)

    @extend_schema(request=CommentSerializer, responses=ProgressReportDetailSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        return self._review(request, services.report_return)

    @extend_schema(request=CommentSerializer, responses=ProgressReportDetailSerializer)
    @action(detail=True, methods=["post"])
    def comment(self, request, pk=None):
        return self._review(request, services.report_comment)

    def _review(self, request, service):
        report = self.get_object()
        payload = CommentSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        service(report=report, user=request.user, comment=payload.validated_data["comment"])
        return self._detail(report)

    @extend_schema(request=CommentSerializer, responses=ProgressReportDetailSerializer)
    @action(detail=True, methods=["post"], url_path=r"flags/(?P<flag_pk>\d+)/explain")
    def explain(self, request, pk=None, flag_pk=None):
        """Mark a plausibility flag explained (the report's reviewers), with a comment kept in the history."""
        report = self.get_object()
        flag = Flag.objects.select_related("target").filter(pk=flag_pk, report=report).first()
        if flag is None:
            raise Http404("该报告没有这条数据疑点。")
        payload = CommentSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        flag_explain(flag=flag, user=request.user, comment=payload.validated_data["comment"])
        return self._detail(report)

    @extend_schema(request=ReportCorrectSerializer, responses=ProgressReportDetailSerializer)
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        report = self.get_object()
        payload = ReportCorrectSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        services.report_correct(
            report=report, user=request.user, version=data["version"], reason=data["reason"],
            **self._content(data, report),
        )  # fmt: skip
        return self._detail(report)

    @extend_schema(
        request={"multipart/form-data": AttachmentUploadSerializer}, responses={201: AttachmentSerializer}
    )
    @action(detail=True, methods=["post"], parser_classes=[UploadParser, FormParser])
    def attachments(self, request, pk=None):
        report = self.get_object()
        payload = AttachmentUploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        attachment = services.attachment_add(
            report=report, user=request.user, upload=payload.validated_data["file"]
        )
        return Response(AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request={"multipart/form-data": TemplateImportSerializer},
        responses={
            200: ImportResultSerializer,
            422: OpenApiResponse(ImportResultSerializer, description="有行有误，未写入任何内容"),
        },
    )
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[UploadParser, FormParser])
    def import_(self, request):
        """Create or update the unit's drafts from its filled template (Excel 填报), all rows or none;
        `dry_run` checks without writing. A file refused as a whole answers 400 `{"file": [...]}`."""
        if not may_start(request.user, request.user.unit):  # before the payload: who, then what
            raise PermissionDenied(_("只有本单位填报人可以上传填报模板。"))
        payload = TemplateImportSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        try:
            result = template_import(
                user=request.user, upload=data["file"], period=data.get("period", ""), dry_run=data["dry_run"]
            )
        except TemplateRefused as exc:
            raise DRFValidationError({"file": [str(exc)]}) from exc
        body = {
            "rows": result.rows,
            "created": result.created,
            "updated": result.updated,
            "dry_run": result.dry_run,
            "written": result.ok and not result.dry_run,
        }
        code = status.HTTP_200_OK if result.ok else status.HTTP_422_UNPROCESSABLE_ENTITY
        return Response(ImportResultSerializer(body).data, status=code)

    def get_object(self):
        try:
            return super().get_object()
        except Http404 as exc:
            raise Http404("报告不存在或您无权查看。") from exc
