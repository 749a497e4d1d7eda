from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tasks.choices import AssignmentRole
from tasks.models import Assignment, Deadline, Plan, Section, Target, TargetReporter, WorkItem


class SectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Section
        fields = ["number", "title"]


class AssignmentSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.short_name")

    class Meta:
        model = Assignment
        fields = ["unit", "unit_name", "role"]


class TargetReporterSerializer(serializers.ModelSerializer):
    class Meta:
        model = TargetReporter
        fields = ["unit", "scope"]


class TargetListSerializer(serializers.ModelSerializer):
    reporter_count = serializers.IntegerField(read_only=True, help_text="报送该指标的单位数")

    class Meta:
        model = Target
        fields = [
            "id", "name", "measure_unit", "comparator", "target_value", "target_min", "target_max", "due_date",
            "reporter_count",
        ]  # fmt: skip


class TargetSerializer(TargetListSerializer):
    reporters = TargetReporterSerializer(many=True)

    class Meta(TargetListSerializer.Meta):
        fields = [*TargetListSerializer.Meta.fields, "reporters"]


class DeadlineSerializer(serializers.ModelSerializer):
    class Meta:
        model = Deadline
        fields = ["id", "name", "kind", "period", "due_date", "recipient"]


class UnitCountsSerializer(serializers.Serializer):
    lead = serializers.IntegerField(help_text="牵头单位数")
    responsible = serializers.IntegerField(help_text="责任单位数")
    cooperating = serializers.IntegerField(help_text="配合单位数")


class WorkItemListSerializer(serializers.ModelSerializer):
    """An item in a list: its units counted by role and its targets' reporters counted, so a row
    costs the same whether nine or nine hundred units take part; the detail names them."""

    year = serializers.IntegerField(source="plan.year")
    section = SectionSerializer()
    unit_counts = serializers.SerializerMethodField()
    targets = TargetListSerializer(many=True)
    deadlines = DeadlineSerializer(many=True)

    class Meta:
        model = WorkItem
        fields = [
            "id",
            "year",
            "number",
            "section",
            "title",
            "text",
            "units_text",
            "cooperating_units_report",
            "unit_counts",
            "targets",
            "deadlines",
        ]

    @extend_schema_field(UnitCountsSerializer)
    def get_unit_counts(self, item) -> dict:
        return {role: getattr(item, f"{role}_count") for role in AssignmentRole.values}


class WorkItemSerializer(WorkItemListSerializer):
    assignments = AssignmentSerializer(many=True)
    targets = TargetSerializer(many=True)

    class Meta(WorkItemListSerializer.Meta):
        fields = [*WorkItemListSerializer.Meta.fields, "assignments"]


class PlanSerializer(serializers.ModelSerializer):
    sections = SectionSerializer(many=True)
    item_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Plan
        fields = [
            "id", "year", "title", "report_cadence", "report_due_day", "start_month", "sections", "item_count",
        ]  # fmt: skip
