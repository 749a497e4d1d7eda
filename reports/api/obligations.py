"""`GET /api/v1/obligations/`: who owes which report when, and where it stands as of a date."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from core.api.views import RestrictedReadOnlyViewSet
from reports.choices import ObligationState
from reports.filters import ObligationFilter
from reports.obligations import obligations_as_of, with_visible_report
from reports.question import DayField
from tasks.models import Obligation


class ObligationSerializer(serializers.ModelSerializer):
    state = serializers.ChoiceField(choices=ObligationState.choices, read_only=True)
    report = serializers.IntegerField(
        source="visible_report_id", allow_null=True, read_only=True, help_text=_("报告 id；尚未填报为 null")
    )

    class Meta:
        model = Obligation
        fields = ["id", "unit", "work_item", "period", "due_date", "state", "report"]


class AsOfForm(forms.Form):
    as_of = DayField()


@extend_schema_view(
    list=extend_schema(
        tags=["报送义务"],
        parameters=[
            OpenApiParameter(
                "as_of", OpenApiTypes.DATE, description="按哪一天计算状态，默认今天（YYYY-MM-DD）"
            )
        ],
    ),
    retrieve=extend_schema(
        tags=["报送义务"],
        parameters=[OpenApiParameter("as_of", OpenApiTypes.DATE, description="按哪一天计算状态，默认今天")],
    ),
)
class ObligationViewSet(RestrictedReadOnlyViewSet):
    """Reports owed (报送义务): unit, work item, period, due date, and the state as of `as_of` (today by
    default): not_due, due_soon, overdue, submitted, submitted_late, returned, approved. Only
    obligations whose period has begun by then. A unit's people see their own unit's."""

    serializer_class = ObligationSerializer
    filterset_class = ObligationFilter

    def as_of(self):
        form = AsOfForm(self.request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors)
        return form.cleaned_data["as_of"] or timezone.localdate()

    def get_base_queryset(self):
        queryset = obligations_as_of(self.as_of())
        return with_visible_report(queryset, user=self.request.user).order_by(
            "due_date", "work_item__number", "unit__sort_order", "id"
        )
