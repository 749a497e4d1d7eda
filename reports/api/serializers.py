from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import CleanTextField
from reports.figures import report_due_date, report_is_late
from reports.forms import DECIMAL_ERRORS
from reports.models import Attachment, Flag, ProgressReport, ReportEvent, TargetValue
from reports.validation import COMMENT_MAX, EXPLANATION_MAX, TEXT_MAX
from reports.workflow.rules import available_actions
from tasks.models import Target, WorkItem
from units.models import Unit


class TargetValueSerializer(serializers.ModelSerializer):
    target = serializers.PrimaryKeyRelatedField(queryset=Target.objects.all())
    value = serializers.DecimalField(max_digits=14, decimal_places=2, error_messages=DECIMAL_ERRORS)
    explanation = CleanTextField(required=False, allow_blank=True, default="", max_length=EXPLANATION_MAX)

    class Meta:
        model = TargetValue
        fields = ["target", "value", "explanation"]


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "name", "content_type", "size", "uploaded_at", "url"]

    def get_url(self, obj) -> str:
        return reverse("attachment-download", args=[obj.report_id, obj.pk])


class FlagSerializer(serializers.ModelSerializer):
    """A plausibility flag (数据疑点): the rule, its reason, and who marked it explained, when, why."""

    target_name = serializers.CharField(source="target.name", read_only=True)
    explained_by = serializers.CharField(source="explained_by.username", read_only=True, default=None)

    class Meta:
        model = Flag
        fields = ["id", "rule", "target", "target_name", "message", "explained_by", "explained_at", "comment"]


class ReportEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username")

    class Meta:
        model = ReportEvent
        fields = ["action", "actor", "created_at", "comment", "version", "snapshot"]


class ProgressReportSerializer(serializers.ModelSerializer):
    """A report as the API shows it. Target values: `values: [{target (id), value, explanation}]`."""

    unit_name = serializers.CharField(source="unit.short_name", read_only=True)
    work_item_number = serializers.IntegerField(source="work_item.number", read_only=True)
    year = serializers.IntegerField(source="work_item.plan.year", read_only=True)
    kind = serializers.CharField(read_only=True)
    values = TargetValueSerializer(many=True, read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)
    flags = FlagSerializer(many=True, read_only=True)
    due_date = serializers.SerializerMethodField()
    is_late = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField(
        help_text="当前用户现在可对该报告执行的操作：save、attach、detach、submit、approve、return、comment、correct。"
    )

    class Meta:
        model = ProgressReport
        fields = [
            "id", "year", "work_item", "work_item_number", "unit", "unit_name", "period", "kind", "status",
            "done", "problems", "next_steps", "completed", "version", "values", "attachments", "flags", "due_date", "is_late",
            "actions", "submitted_at", "approved_at", "created_at", "updated_at",
        ]  # fmt: skip

    @extend_schema_field(serializers.DateField())
    def get_due_date(self, obj):
        return report_due_date(
            work_item=obj.work_item, period=obj.period, deadlines=obj.work_item.deadlines.all()
        )

    def get_is_late(self, obj) -> bool:
        return report_is_late(obj)

    def get_actions(self, obj) -> list[str]:
        request = self.context.get("request")
        return available_actions(request.user, obj) if request else []


class ProgressReportDetailSerializer(ProgressReportSerializer):
    history = ReportEventSerializer(source="events", many=True, read_only=True)

    class Meta(ProgressReportSerializer.Meta):
        fields = [*ProgressReportSerializer.Meta.fields, "history"]


class ContentSerializer(serializers.Serializer):
    done = CleanTextField(required=False, allow_blank=True, max_length=TEXT_MAX)
    problems = CleanTextField(required=False, allow_blank=True, max_length=TEXT_MAX)
    next_steps = CleanTextField(required=False, allow_blank=True, max_length=TEXT_MAX)
    completed = serializers.BooleanField(required=False, help_text="本单位承担的本项工作已全部完成。")
    values = TargetValueSerializer(many=True, required=False)


class ReportCreateSerializer(ContentSerializer):
    work_item = serializers.PrimaryKeyRelatedField(queryset=WorkItem.objects.select_related("plan"))
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all(), required=False)
    period = serializers.CharField(max_length=10)


class ReportUpdateSerializer(ContentSerializer):
    version = serializers.IntegerField(help_text="报告的当前版本；他人已保存新版本时返回 409。")


class ReportCorrectSerializer(ReportUpdateSerializer):
    reason = CleanTextField(max_length=COMMENT_MAX)


class CommentSerializer(serializers.Serializer):
    comment = CleanTextField(required=False, allow_blank=True, default="", max_length=COMMENT_MAX)


class SubmitSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False)


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class TemplateImportSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="本单位下载并填好的填报模板（.xlsx）")
    dry_run = serializers.BooleanField(default=False, help_text="true：只检查、预览，不写入")
    period = serializers.CharField(
        required=False, allow_blank=True, max_length=10, help_text="报送期，如 2024-06；给出时须与模板一致"
    )


class ImportRowSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="“进展”表中的行号")
    work_item = serializers.IntegerField(allow_null=True, help_text="任务编号")
    period = serializers.CharField()
    action = serializers.ChoiceField(
        ["create", "update", "unchanged", "skip", ""],
        help_text="新建草稿、更新草稿、无变化、未填写；有误时为空",
    )
    errors = serializers.ListField(child=serializers.CharField())


class ImportResultSerializer(serializers.Serializer):
    rows = ImportRowSerializer(many=True)
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    dry_run = serializers.BooleanField()
    written = serializers.BooleanField(help_text="是否已写入（有任何一行有误、或 dry_run 时为 false）")
