from auditlog.mixins import AuditlogHistoryAdminMixin
from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import ReporterScope
from .models import Assignment, Deadline, Obligation, Plan, Section, Target, TargetReporter, WorkItem
from .obligations import obligations_sync


class SyncsObligations:
    """After an administrator changes what makes reports owed (a plan's cadence, an item's units or
    flag, a deadline), the plan's obligations are brought in line at once."""

    @staticmethod
    def plan_of(obj):
        if isinstance(obj, Plan):
            return obj
        return obj.plan if isinstance(obj, WorkItem) else obj.work_item.plan

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obligations_sync(plan=self.plan_of(form.instance))

    def delete_model(self, request, obj):
        plan = self.plan_of(obj)
        super().delete_model(request, obj)
        obligations_sync(plan=plan)

    def delete_queryset(self, request, queryset):
        plans = {self.plan_of(obj) for obj in queryset}
        super().delete_queryset(request, queryset)
        for plan in plans:
            obligations_sync(plan=plan)


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0


@admin.register(Plan)
class PlanAdmin(SyncsObligations, AuditlogHistoryAdminMixin, admin.ModelAdmin):
    show_auditlog_history_link = True
    list_display = ["year", "title", "report_cadence", "report_due_day", "start_month", "created_at"]
    fields = [
        "year",
        "title",
        "issuer",
        "doc_number",
        "report_cadence",
        "report_due_day",
        "start_month",
        "source_text",
    ]
    search_fields = ["title"]
    inlines = [SectionInline]


@admin.register(Section)
class SectionAdmin(AuditlogHistoryAdminMixin, admin.ModelAdmin):
    show_auditlog_history_link = True
    list_display = ["__str__", "plan", "number"]
    list_filter = ["plan"]
    list_select_related = ["plan"]
    search_fields = ["title"]


def _today():
    return timezone.localdate()


class AssignmentInline(admin.TabularInline):
    """A unit added to an item reports from today by default (报送起始日), never for periods that
    ended before: the administrator may choose another day."""

    model = Assignment
    extra = 0
    autocomplete_fields = ["unit"]
    fields = ["unit", "role", "reports_from"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.base_fields["reports_from"].initial = _today
        return formset


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    show_change_link = True  # reporters are set on the target's own page


class TargetReporterForm(forms.ModelForm):
    class Meta:
        model = TargetReporter
        fields = ["unit", "scope", "note"]

    def clean(self):
        data = super().clean()
        target = self.instance.target if self.instance.target_id else None
        if (
            target is not None
            and target.measure_unit == "%"
            and data.get("scope") == ReporterScope.CONTRIBUTION
        ):
            # a rate does not add up across units: only a province-wide figure makes sense
            self.add_error("scope", _("比率指标（%）各单位的数不能相加，只能由一个单位填报“全省合计”。"))
        return data


class TargetReporterInline(admin.TabularInline):
    model = TargetReporter
    form = TargetReporterForm
    extra = 0
    autocomplete_fields = ["unit"]


class DeadlineInline(admin.TabularInline):
    model = Deadline
    extra = 0


@admin.register(WorkItem)
class WorkItemAdmin(SyncsObligations, AuditlogHistoryAdminMixin, admin.ModelAdmin):
    show_auditlog_history_link = True
    list_display = ["number", "title", "section", "plan", "units_text", "cooperating_units_report"]
    list_display_links = ["number", "title"]
    list_filter = ["plan", "section", "cooperating_units_report"]
    list_select_related = ["plan", "section"]
    search_fields = ["title", "text", "units_text"]
    inlines = [AssignmentInline, TargetInline, DeadlineInline]


@admin.register(Assignment)
class AssignmentAdmin(SyncsObligations, AuditlogHistoryAdminMixin, admin.ModelAdmin):
    show_auditlog_history_link = True
    list_display = ["work_item", "unit", "role", "reports_from"]
    list_filter = ["role", "work_item__plan", "unit__kind"]
    list_select_related = ["work_item", "unit"]
    search_fields = ["unit__name", "unit__short_name", "work_item__title"]
    autocomplete_fields = ["unit", "work_item"]

    def get_changeform_initial_data(self, request):
        return {"reports_from": _today(), **super().get_changeform_initial_data(request)}


@admin.register(Target)
class TargetAdmin(AuditlogHistoryAdminMixin, admin.ModelAdmin):
    show_auditlog_history_link = True
    list_display = ["name", "work_item", "goal", "reporter_list", "due_date"]
    list_filter = ["comparator", "work_item__plan"]
    list_select_related = ["work_item"]
    search_fields = ["name", "work_item__title"]
    autocomplete_fields = ["work_item"]
    inlines = [TargetReporterInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("reporters__unit")

    @admin.display(description=_("填报单位"))
    def reporter_list(self, obj):
        return "；".join(f"{r.unit.short_name}（{r.get_scope_display()}）" for r in obj.reporters.all())

    @admin.display(description=_("目标"))
    def goal(self, obj):
        return obj.goal_display


@admin.register(Deadline)
class DeadlineAdmin(SyncsObligations, AuditlogHistoryAdminMixin, admin.ModelAdmin):
    show_auditlog_history_link = True
    list_display = ["name", "work_item", "period", "due_date", "recipient"]
    list_filter = ["kind", "work_item__plan"]
    list_select_related = ["work_item"]
    search_fields = ["name"]
    autocomplete_fields = ["work_item"]


@admin.register(Obligation)
class ObligationAdmin(admin.ModelAdmin):
    """Read-only: obligations follow from the plan, its cadence, the items' units and deadlines."""

    list_display = ["unit", "work_item", "period", "kind", "due_date"]
    list_filter = ["plan", "kind", "unit__kind", "unit"]
    list_select_related = ["unit", "work_item"]
    search_fields = ["unit__name", "unit__short_name", "work_item__title", "period"]
    date_hierarchy = "due_date"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
