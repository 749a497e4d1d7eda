from django.urls import reverse
from rest_framework import serializers

from ..models import ExportJob, ExportStatus


class ExportJobSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    progress_pct = serializers.IntegerField(read_only=True, help_text="按明细行数计的进度（0–100）")
    url = serializers.HyperlinkedIdentityField(view_name="api:export-job-detail")
    download = serializers.SerializerMethodField(help_text="完成后下载文件的地址；未完成时为 null")

    class Meta:
        model = ExportJob
        fields = [
            "id", "url", "status", "status_display", "progress_pct", "rows_done", "rows_total", "as_of",
            "section", "unit", "period", "error", "created_at", "finished_at", "download",
        ]  # fmt: skip
        read_only_fields = fields

    def get_download(self, job) -> str | None:
        if job.status != ExportStatus.DONE:
            return None
        path = reverse("api:export-job-file", args=[job.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path
