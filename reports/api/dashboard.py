"""`GET /api/v1/dashboard/?year=&as_of=`: the dashboard's figures, computed by the same functions as
the page (reports.dashboard), restricted by the same rule."""

import json
from dataclasses import dataclass

from django import forms
from django.core.paginator import Page
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.permissions import IsPortalUser
from core.api.schema import ErrorSerializer

from ..dashboard import UNITS_PER_PAGE, Dashboard, dashboard, kept
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


@dataclass
class Answer:
    """The dashboard and the page of its units the API gives."""

    board: Dashboard
    page: Page
    units: list


class DashboardSerializer(serializers.Serializer):
    year = serializers.IntegerField(source="board.plan.year")
    as_of = serializers.DateField(source="board.as_of")
    counts = serializers.DictField(
        source="board.counts", child=serializers.IntegerField(), help_text="各状态的任务数"
    )
    items = DashboardItemSerializer(source="board.items", many=True)
    targets = DashboardTargetSerializer(source="board.targets", many=True)
    units = DashboardUnitSerializer(many=True, help_text=f"按单位顺序，每页 {UNITS_PER_PAGE} 个")
    unit_count = serializers.IntegerField(source="page.paginator.count", help_text="单位总数")
    units_page = serializers.IntegerField(source="page.number")
    units_pages = serializers.IntegerField(source="page.paginator.num_pages")
    deadlines = DashboardDeadlineSerializer(source="board.deadlines", many=True)


class PageField(forms.IntegerField):
    def __init__(self):
        message = gettext_lazy("页码应为正整数，如 2。")
        super().__init__(
            required=False, min_value=1, error_messages={"invalid": message, "min_value": message}
        )


class DashboardView(APIView):
    """Where a year's items, targets and units stand as of a date (today by default; a plan whose
    reporting has ended, as of its last due date). Leaders and administrators see everything, a unit's people their own unit's rows."""

    permission_classes = [IsPortalUser]

    @extend_schema(
        tags=["总览"],
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, description="年度，默认最新"),
            OpenApiParameter("units_page", OpenApiTypes.INT, description="单位的第几页，默认第 1 页"),
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
        errors = dict(question.form.errors)
        try:
            units_page = PageField().clean(request.query_params.get("units_page")) or 1
        except forms.ValidationError as exc:
            errors["units_page"] = exc.messages
        if errors:
            raise ValidationError(errors)
        return Response(dashboard_data(request.user, question, units_page=units_page))


def dashboard_data(user, question, *, units_page: int = 1) -> dict:
    """The API's answer, as plain data kept in the cache for leaders and administrators (shared with
    the background warm-up, reports.warm)."""
    plan, as_of = question.plan, question.as_of

    def build():
        board = dashboard(user=user, plan=plan, as_of=as_of)
        page, units = board.units_page(units_page)
        return json.loads(JSONRenderer().render(DashboardSerializer(Answer(board, page, units)).data))

    return kept(user=user, key=("api", plan.pk, as_of, units_page), compute=build)
