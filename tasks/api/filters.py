import django_filters
from django.db.models import Exists, OuterRef

from core.filters import IdFilter
from tasks.choices import AssignmentRole
from tasks.models import Assignment, WorkItem


class WorkItemFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="plan__year", label="年度")
    section = django_filters.NumberFilter(field_name="section__number", label="板块序号")
    unit = IdFilter(method="filter_unit", label="单位 id（该单位承担的任务）")
    role = django_filters.ChoiceFilter(
        choices=AssignmentRole.choices, method="filter_role", label="分工（与 unit 同用时指该单位的分工）"
    )

    class Meta:
        model = WorkItem
        fields = ["year", "section", "number", "unit", "role"]

    def _assigned(self, queryset):
        """Items with an assignment matching unit and role together: `?unit=5&role=lead` is the items
        unit 5 leads, not items unit 5 is on that someone leads."""
        unit, role = self.form.cleaned_data.get("unit"), self.form.cleaned_data.get("role")
        rule = Assignment.objects.filter(work_item=OuterRef("pk"))
        if unit is not None:
            rule = rule.filter(unit_id=unit)
        if role:
            rule = rule.filter(role=role)
        return queryset.filter(Exists(rule))

    def filter_unit(self, queryset, name, value: int):
        return self._assigned(queryset) if value is not None else queryset

    def filter_role(self, queryset, name, value: str):
        # with a unit, the unit filter has applied both already
        if value and self.form.cleaned_data.get("unit") is None:
            return self._assigned(queryset)
        return queryset
