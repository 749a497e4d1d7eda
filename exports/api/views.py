from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action

from core.api.schema import ErrorSerializer
from core.api.views import RestrictedReadOnlyViewSet
from reports.cells import XLSX

from ..models import ExportJob, ExportStatus
from .serializers import ExportJobSerializer


@extend_schema(tags=["导出"])
class ExportJobViewSet(RestrictedReadOnlyViewSet):
    """Large summary exports (导出任务): each person's own, with status and progress; `download` is the
    file's address once the job is done."""

    queryset = ExportJob.objects.select_related("plan")
    serializer_class = ExportJobSerializer

    @extend_schema(
        responses={
            (200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description="汇总表（xlsx）"),
            404: OpenApiResponse(ErrorSerializer, description="没有该任务，或文件尚未生成"),
        }
    )
    @action(detail=True, url_path="file")
    def file(self, request, pk=None, format=None):
        """The finished export's workbook."""
        job = self.get_object()
        if job.status != ExportStatus.DONE or not job.file:
            raise Http404("文件尚未生成。")
        return FileResponse(
            job.file.open("rb"), as_attachment=True, filename=job.file_name, content_type=XLSX
        )
