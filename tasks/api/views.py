from django.db.models import Count, Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view

from core.api.views import RestrictedReadOnlyViewSet
from tasks.models import Assignment, Deadline, Plan, Section, Target, TargetReporter, WorkItem

from .filters import WorkItemFilter
from .serializers import PlanSerializer, WorkItemSerializer


@extend_schema_view(list=extend_schema(tags=["工作要点"]), retrieve=extend_schema(tags=["工作要点"]))
class PlanViewSet(RestrictedReadOnlyViewSet):
    """Yearly work points (工作要点) with their sections and item count. Not paginated: one plan a year."""

    serializer_class = PlanSerializer
    filterset_fields = ["year"]
    pagination_class = None

    def get_base_queryset(self):
        sections = Section.objects.restrict(self.request.user).order_by("number")
        return (
            Plan.objects.annotate(item_count=Count("work_items"))
            .prefetch_related(Prefetch("sections", queryset=sections))
            # Meta.ordering does not apply to a query with an aggregate
            .order_by("-year")
        )


@extend_schema_view(list=extend_schema(tags=["工作任务"]), retrieve=extend_schema(tags=["工作任务"]))
class WorkItemViewSet(RestrictedReadOnlyViewSet):
    """Numbered work items with their units (lead 牵头 / responsible 责任 / cooperating 配合; lead units
    first), quantitative targets and deadlines. Filters: year, section, number, unit, role.
    Not paginated: a plan has a few dozen items, so filter by year."""

    serializer_class = WorkItemSerializer
    filterset_class = WorkItemFilter
    pagination_class = None

    def get_base_queryset(self):
        # the nested rows go through the same rule as the items: four queries whatever the data size
        user = self.request.user
        return (
            WorkItem.objects.select_related("plan", "section")
            .prefetch_related(
                Prefetch("assignments", queryset=Assignment.objects.restrict(user).select_related("unit")),
                Prefetch(
                    "targets",
                    queryset=Target.objects.restrict(user).prefetch_related(
                        Prefetch(
                            "reporters",
                            queryset=TargetReporter.objects.restrict(user).order_by("unit__sort_order"),
                        )
                    ),
                ),
                Prefetch("deadlines", queryset=Deadline.objects.restrict(user)),
            )
            .order_by("plan__year", "number")
        )
