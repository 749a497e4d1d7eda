"""`GET /api/v1/dashboard/?year=&as_of=`: the dashboard's figures, computed by the same functions as
the page (reports.dashboard), restricted by the same rule."""

import json

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.permissions import IsPortalUser
from core.api.schema import ErrorSerializer

from ..dashboard import dashboard, kept
from ..figures.status import Status
from ..question import read_question

DECIMAL = {"max_digits": 14, "decimal_places": 2}


class DashboardItemSerializer(serializers.Serializer):
    number = serializers.IntegerField(source="item.number")
    title = serializers.CharField(source="item.title")
    section = serializers.IntegerField(source="item.section.number")
    status = serializers.ChoiceField(choices=Status.choices)
    progress_pct = serializers.IntegerField()
    owed = serializers.IntegerField(help_text="截至当日已到期的报送义务数")
    submitted = serializers.IntegerField(help_text="已提交的报送义务数")
    overdue = serializers.IntegerField(source="facts.overdue", help_text="逾期未报数")


class DashboardTargetSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="target.pk")
    work_item = serializers.IntegerField(source="target.work_item.number")
    name = serializers.CharField(source="target.name")
    measure_unit = serializers.CharField(source="target.measure_unit")
    comparator = serializers.CharField(source="target.comparator")
    target_value = serializers.DecimalField(source="target.target_value", allow_null=True, **DECIMAL)
    target_min = serializers.DecimalField(source="target.target_min", allow_null=True, **DECIMAL)
    target_max = serializers.DecimalField(source="target.target_max", allow_null=True, **DECIMAL)
    actual_value = serializers.DecimalField(source="actual.value", allow_null=True, **DECIMAL)
    progress_pct = serializers.IntegerField(source="status.progress_pct", allow_null=True)
    expected_pct = serializers.DecimalField(
        source="status.expected_pct", max_digits=5, decimal_places=1, help_text="序时进度"
    )
    status = serializers.ChoiceField(source="status.status", choices=Status.choices)


class DashboardUnitSerializer(serializers.Serializer):
    code = serializers.CharField(source="unit.code")
    name = serializers.CharField(source="unit.short_name")
    assigned = serializers.IntegerField(help_text="承担的任务数")
    owed = serializers.IntegerField(help_text="截至当日已到期的报送义务数")
    submitted = serializers.IntegerField()
    on_time = serializers.IntegerField()
    late = serializers.IntegerField()
    overdue = serializers.IntegerField()
    on_time_rate = serializers.IntegerField(allow_null=True, help_text="按时报送率（%）")
    first_time_rate = serializers.IntegerField(allow_null=True, help_text="一次通过率（%）")


class DashboardDeadlineSerializer(serializers.Serializer):
    due_date = serializers.DateField()
    period = serializers.CharField(source="period.key")
    title = serializers.CharField(source="period.report_title")
    owed = serializers.IntegerField()
    submitted = serializers.IntegerField()
    pending_units = serializers.SerializerMethodField()

    def get_pending_units(self, obj) -> list[int]:
        return [unit_id for unit_id, _ in obj.pending_units]


class DashboardSerializer(serializers.Serializer):
    year = serializers.IntegerField(source="plan.year")
    as_of = serializers.DateField()
    counts = serializers.DictField(child=serializers.IntegerField(), help_text="各状态的任务数")
    items = DashboardItemSerializer(many=True)
    targets = DashboardTargetSerializer(many=True)
    units = DashboardUnitSerializer(many=True)
    deadlines = DashboardDeadlineSerializer(many=True)


class DashboardView(APIView):
    """Where a year's items, targets and units stand as of a date (today by default; a plan whose
    reporting has ended, as of its last due date). Leaders and administrators see everything, a unit's people their own unit's rows."""

    permission_classes = [IsPortalUser]

    @extend_schema(
        tags=["总览"],
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, description="年度，默认最新"),
            OpenApiParameter(
                "as_of",
                OpenApiTypes.DATE,
                description="截至日期（YYYY-MM-DD，2000–2099）；默认今天，已截止年度默认其最后截止日",
            ),
        ],
        responses={
            200: DashboardSerializer,
            404: OpenApiResponse(ErrorSerializer, description="没有该年度的工作要点"),
        },
    )
    def get(self, request):
        question = read_question(request.query_params, user=request.user)
        if question.form.errors:
            raise ValidationError(question.form.errors)
        return Response(dashboard_data(request.user, question))


def dashboard_data(user, question) -> dict:
    """The API's answer, as plain data kept in the cache for leaders and administrators (shared with
    the background warm-up, reports.warm)."""
    plan, as_of = question.plan, question.as_of

    def build():
        return json.loads(
            JSONRenderer().render(DashboardSerializer(dashboard(user=user, plan=plan, as_of=as_of)).data)
        )

    return kept(user=user, key=("api", plan.pk, as_of), compute=build)
