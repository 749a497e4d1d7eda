from rest_framework import serializers

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


class TargetSerializer(serializers.ModelSerializer):
    reporters = TargetReporterSerializer(many=True)

    class Meta:
        model = Target
        fields = [
            "id", "name", "measure_unit", "comparator", "target_value", "target_min", "target_max", "due_date",
            "reporters",
        ]  # fmt: skip


class DeadlineSerializer(serializers.ModelSerializer):
    class Meta:
        model = Deadline
        fields = ["id", "name", "kind", "period", "due_date", "recipient"]


class WorkItemSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="plan.year")
    section = SectionSerializer()
    assignments = AssignmentSerializer(many=True)
    targets = TargetSerializer(many=True)
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
            "assignments",
            "targets",
            "deadlines",
        ]


class PlanSerializer(serializers.ModelSerializer):
    sections = SectionSerializer(many=True)
    item_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Plan
        fields = [
            "id", "year", "title", "report_cadence", "report_due_day", "start_month", "sections", "item_count",
        ]  # fmt: skip
