from django.db.models import Count, Prefetch, Q
from drf_spectacular.utils import extend_schema, extend_schema_view

from core.api.views import RestrictedReadOnlyViewSet
from tasks.choices import AssignmentRole
from tasks.models import Assignment, Deadline, Plan, Section, Target, TargetReporter, WorkItem

from .filters import WorkItemFilter
from .serializers import PlanSerializer, WorkItemListSerializer, WorkItemSerializer


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
    """Numbered work items with their quantitative targets and deadlines. A list row counts the item's
    units by role (lead 牵头 / responsible 责任 / cooperating 配合) and each target's reporting units;
    the detail names them, lead units first. Filters: year, section, number, unit, role.
    Not paginated: a plan has a few dozen items, so filter by year."""

    filterset_class = WorkItemFilter
    pagination_class = None

    def get_serializer_class(self):
        return WorkItemListSerializer if self.action == "list" else WorkItemSerializer

    def get_base_queryset(self):
        # the nested rows go through the same rule as the items: a fixed number of queries. Assignments
        # and reporters are public (the published plan), so counting them needs no rule of its own.
        user = self.request.user
        deadlines = Prefetch("deadlines", queryset=Deadline.objects.restrict(user))
        targets = Target.objects.restrict(user).annotate(reporter_count=Count("reporters"))
        items = (
            WorkItem.objects.select_related("plan", "section")
            .annotate(
                **{
                    f"{role}_count": Count("assignments", filter=Q(assignments__role=role))
                    for role in AssignmentRole.values
                }
            )
            .order_by("plan__year", "number")
        )
        if self.action == "list":
            return items.prefetch_related(Prefetch("targets", queryset=targets), deadlines)
        reporters = TargetReporter.objects.restrict(user).order_by("unit__sort_order")
        return items.prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.restrict(user).select_related("unit")),
            Prefetch("targets", queryset=targets.prefetch_related(Prefetch("reporters", queryset=reporters))),
            deadlines,
        )
