from django.db.models import Count, Prefetch
from rest_framework import viewsets

from tasks.models import Assignment, Plan, Section, WorkItem

from .filters import WorkItemFilter
from .serializers import PlanSerializer, WorkItemSerializer


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    """Yearly work points (工作要点) with their sections."""

    serializer_class = PlanSerializer
    filterset_fields = ["year"]
    pagination_class = None

    def get_queryset(self):
        return (
            Plan.objects.restrict(self.request.user)
            .annotate(item_count=Count("work_items"))
            .prefetch_related(Prefetch("sections", queryset=Section.objects.order_by("number")))
        )


class WorkItemViewSet(viewsets.ReadOnlyModelViewSet):
    """Numbered work items with their units (lead 牵头 / responsible 责任 / cooperating 配合), targets and
    deadlines. Filters: year, section, number, unit, role."""

    serializer_class = WorkItemSerializer
    filterset_class = WorkItemFilter
    pagination_class = None  # a plan has a few dozen items; filter by year

    def get_queryset(self):
        return (
            WorkItem.objects.restrict(self.request.user)
            .select_related("plan", "section")
            .prefetch_related(
                Prefetch("assignments", queryset=Assignment.objects.select_related("unit")),
                "targets",
                "deadlines",
            )
            .order_by("plan__year", "number")
        )
