from auditlog.mixins import AuditlogHistoryAdminMixin
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Assignment, Deadline, Plan, Section, Target, WorkItem


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0


@admin.register(Plan)
class PlanAdmin(AuditlogHistoryAdminMixin, admin.ModelAdmin):
    show_auditlog_history_link = True
    list_display = ["year", "title", "created_at"]
    search_fields = ["title"]
    inlines = [SectionInline]


@admin.register(Section)
class SectionAdmin(AuditlogHistoryAdminMixin, admin.ModelAdmin):
    show_auditlog_history_link = True
    list_display = ["__str__", "plan", "number"]
    list_filter = ["plan"]
    list_select_related = ["plan"]
    search_fields = ["title"]


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    autocomplete_fields = ["unit"]


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


class DeadlineInline(admin.TabularInline):
    model = Deadline
    extra = 0


@admin.register(WorkItem)
class WorkItemAdmin(AuditlogHistoryAdminMixin, admin.ModelAdmin):
    show_auditlog_history_link = True
    list_display = ["number", "title", "section", "plan", "units_text"]
    list_display_links = ["number", "title"]
    list_filter = ["plan", "section"]
    list_select_related = ["plan", "section"]
    search_fields = ["title", "text", "units_text"]
    inlines = [AssignmentInline, TargetInline, DeadlineInline]


@admin.register(Assignment)
class AssignmentAdmin(AuditlogHistoryAdminMixin, admin.ModelAdmin):
    show_auditlog_history_link = True
    list_display = ["work_item", "unit", "role"]
    list_filter = ["role", "work_item__plan", "unit__kind"]
    list_select_related = ["work_item", "unit"]
    search_fields = ["unit__name", "unit__short_name", "work_item__title"]
    autocomplete_fields = ["unit", "work_item"]


@admin.register(Target)
class TargetAdmin(AuditlogHistoryAdminMixin, admin.ModelAdmin):
    show_auditlog_history_link = True
    list_display = ["name", "work_item", "goal", "aggregation", "due_date"]
    list_filter = ["comparator", "aggregation", "work_item__plan"]
    list_select_related = ["work_item"]
    search_fields = ["name", "work_item__title"]
    autocomplete_fields = ["work_item"]

    @admin.display(description=_("目标"))
    def goal(self, obj):
        return obj.goal_display


@admin.register(Deadline)
class DeadlineAdmin(AuditlogHistoryAdminMixin, admin.ModelAdmin):
    show_auditlog_history_link = True
    list_display = ["name", "work_item", "period", "due_date", "recipient"]
    list_filter = ["kind", "work_item__plan"]
    list_select_related = ["work_item"]
    search_fields = ["name"]
    autocomplete_fields = ["work_item"]
