"""`GET /api/v1/targets/`: every quantitative target with who reports it and its actual as reported."""

import django_filters
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from core.api.views import RestrictedReadOnlyViewSet
from reports.figures import target_actuals
from reports.filters import NUMBER_ERRORS
from tasks.api.serializers import TargetReporterSerializer
from tasks.models import Target, TargetReporter


class ContributionSerializer(serializers.Serializer):
    unit = serializers.IntegerField(source="unit_id")
    scope = serializers.CharField()
    value = serializers.DecimalField(max_digits=14, decimal_places=2)
    period = serializers.CharField()


def _money(value) -> str | None:
    return None if value is None else f"{value:.2f}"


class TargetActualSerializer(serializers.ModelSerializer):
    reporters = TargetReporterSerializer(many=True)
    actual_value = serializers.SerializerMethodField()
    as_of = serializers.SerializerMethodField()
    contributions = serializers.SerializerMethodField()
    contribution_sum = serializers.SerializerMethodField(help_text="各单位“本单位完成”之和（分项合计）")
    total = serializers.SerializerMethodField(help_text="最近审核通过的全省合计")
    gap = serializers.SerializerMethodField(help_text="分项合计 − 全省合计；两者都有时才有")

    class Meta:
        model = Target
        fields = [
            "id", "work_item", "name", "measure_unit", "comparator", "target_value", "target_min", "target_max",
            "due_date", "reporters", "actual_value", "as_of", "contributions", "contribution_sum", "total", "gap",
        ]  # fmt: skip

    def _actual(self, obj):
        return self.context["actuals"][obj.pk]

    @extend_schema_field(serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True))
    def get_actual_value(self, obj):
        value = self._actual(obj).value
        return None if value is None else f"{value:.2f}"

    @extend_schema_field(serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True))
    def get_contribution_sum(self, obj):
        return _money(self._actual(obj).contribution_sum)

    @extend_schema_field(serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True))
    def get_total(self, obj):
        return _money(self._actual(obj).total)

    @extend_schema_field(serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True))
    def get_gap(self, obj):
        return _money(self._actual(obj).gap)

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_as_of(self, obj):
        return self._actual(obj).as_of

    @extend_schema_field(ContributionSerializer(many=True))
    def get_contributions(self, obj):
        return ContributionSerializer(self._actual(obj).contributions, many=True).data


class TargetFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(
        field_name="work_item__plan__year", label="年度", error_messages=NUMBER_ERRORS
    )

    class Meta:
        model = Target
        fields = ["year"]


@extend_schema_view(list=extend_schema(tags=["量化指标"]), retrieve=extend_schema(tags=["量化指标"]))
class TargetViewSet(RestrictedReadOnlyViewSet):
    """Quantitative targets (量化指标) with their reporters (填报单位: `contribution` 本单位完成 or `total`
    全省合计) and their actual: the latest approved total where there is one, otherwise the sum of the
    contributions, each of which is listed. Filter: year. Not paginated: a plan has a dozen targets."""

    serializer_class = TargetActualSerializer
    filterset_class = TargetFilter
    pagination_class = None

    def get_base_queryset(self):
        reporters = TargetReporter.objects.restrict(self.request.user).order_by("scope", "unit__sort_order")
        return (
            Target.objects.select_related("work_item")
            .prefetch_related(Prefetch("reporters", queryset=reporters))
            .order_by("work_item__plan__year", "work_item__number", "sort_order", "id")
        )

    def get_serializer(self, *args, **kwargs):
        if args:
            rows = args[0] if kwargs.get("many") else [args[0]]
            kwargs.setdefault("context", self.get_serializer_context())
            kwargs["context"]["actuals"] = target_actuals(rows)
        return super().get_serializer(*args, **kwargs)
