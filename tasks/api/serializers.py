from rest_framework import serializers

from tasks.models import Assignment, Deadline, Plan, Section, Target, WorkItem


class SectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Section
        fields = ["number", "title"]


class AssignmentSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.short_name")

    class Meta:
        model = Assignment
        fields = ["unit", "unit_name", "role"]


class TargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = Target
        fields = [
            "id", "name", "measure_unit", "comparator", "target_value", "target_min", "target_max", "due_date",
            "aggregation",
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
            "assignments",
            "targets",
            "deadlines",
        ]


class PlanSerializer(serializers.ModelSerializer):
    sections = SectionSerializer(many=True)
    item_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Plan
        fields = ["id", "year", "title", "sections", "item_count"]
