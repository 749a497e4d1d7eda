import django_filters
from django.db.models import Exists, OuterRef

from tasks.choices import AssignmentRole
from tasks.models import Assignment, WorkItem


class WorkItemFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="plan__year", label="年度")
    section = django_filters.NumberFilter(field_name="section__number", label="板块序号")
    unit = django_filters.NumberFilter(method="filter_unit", label="单位（承担的任务）")
    role = django_filters.ChoiceFilter(choices=AssignmentRole.choices, method="filter_role", label="分工")

    class Meta:
        model = WorkItem
        fields = ["year", "section", "number", "unit", "role"]

    def _assigned(self, queryset):
        unit, role = self.form.cleaned_data.get("unit"), self.form.cleaned_data.get("role")
        rule = Assignment.objects.filter(work_item=OuterRef("pk"))
        if unit:
            rule = rule.filter(unit_id=unit)
        if role:
            rule = rule.filter(role=role)
        return queryset.filter(Exists(rule))

    def filter_unit(self, queryset, name, value):
        return self._assigned(queryset) if value else queryset

    def filter_role(self, queryset, name, value):
        # with a unit, the unit filter has applied both already
        return self._assigned(queryset) if value and not self.form.cleaned_data.get("unit") else queryset
