"""factory_boy factories for every model. Tests build their own data; fixtures/ is for the plan and demo."""

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from reports.choices import ReportStatus
from tasks.choices import AssignmentRole, Comparator, ReporterScope
from tasks.obligations import obligations_sync
from tasks.periods import parse_period
from units.choices import Role, UnitKind


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = "units.Unit"
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"unit{n}")
    name = factory.Sequence(lambda n: f"测试单位{n}")
    short_name = factory.LazyAttribute(lambda o: o.name[:10])
    kind = UnitKind.DEPARTMENT_OFFICE
    email = factory.LazyAttribute(lambda o: f"{o.code}@example.cn")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = "units.User"
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.UNIT_STAFF
    unit = factory.SubFactory(UnitFactory)
    password = factory.PostGenerationMethodCall("set_password", "pass12345")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class AdminFactory(UserFactory):
    """An administrator (系统管理员): the admin with the permissions of units/roles.py."""

    role = Role.ADMIN
    unit = None


class SuperuserFactory(AdminFactory):
    """The technical operator: everything, including Celery's schedules."""

    is_superuser = True


class LeaderFactory(UserFactory):
    role = Role.LEADER
    unit = None


class HeadFactory(UserFactory):
    role = Role.UNIT_HEAD


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = "tasks.Plan"
        django_get_or_create = ("year",)

    year = 2024
    title = factory.LazyAttribute(lambda o: f"{o.year}年工作要点")


class SectionFactory(DjangoModelFactory):
    class Meta:
        model = "tasks.Section"

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n % 6 + 1)
    title = factory.Sequence(lambda n: f"板块{n}")


class WorkItemFactory(DjangoModelFactory):
    class Meta:
        model = "tasks.WorkItem"

    section = factory.SubFactory(SectionFactory)
    plan = factory.SelfAttribute("section.plan")
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"工作任务{n}")
    text = "完成本项工作任务。"


class SyncsObligations(DjangoModelFactory):
    """Assignments and deadlines make reports owed: the plan's obligations follow, as they do when an
    administrator changes them (tasks.admin) or a plan is loaded."""

    class Meta:
        abstract = True

    @factory.post_generation
    def _obligations(obj, create, extracted, **kwargs):
        if create:
            obligations_sync(plan=obj.work_item.plan)


class AssignmentFactory(SyncsObligations):
    class Meta:
        model = "tasks.Assignment"
        skip_postgeneration_save = True

    work_item = factory.SubFactory(WorkItemFactory)
    unit = factory.SubFactory(UnitFactory)
    role = AssignmentRole.RESPONSIBLE


class TargetFactory(DjangoModelFactory):
    class Meta:
        model = "tasks.Target"

    work_item = factory.SubFactory(WorkItemFactory)
    name = "高速公路绿化里程"
    measure_unit = "公里"
    comparator = Comparator.GTE
    target_value = Decimal("3087")
    due_date = dt.date(2024, 12, 31)


class TargetReporterFactory(DjangoModelFactory):
    class Meta:
        model = "tasks.TargetReporter"

    target = factory.SubFactory(TargetFactory)
    unit = factory.SubFactory(UnitFactory)
    scope = ReporterScope.CONTRIBUTION


class DeadlineFactory(SyncsObligations):
    class Meta:
        model = "tasks.Deadline"
        skip_postgeneration_save = True

    work_item = factory.SubFactory(WorkItemFactory)
    name = "半年工作总结"
    period = "2024-H1"
    due_date = dt.date(2024, 6, 30)


class ProgressReportFactory(DjangoModelFactory):
    class Meta:
        model = "reports.ProgressReport"

    work_item = factory.SubFactory(WorkItemFactory)
    unit = factory.SubFactory(UnitFactory)
    period = "2024-06"
    period_end = factory.LazyAttribute(lambda o: parse_period(o.period).end)
    status = ReportStatus.DRAFT
    done = "完成了部分工作。"
    created_by = factory.SubFactory(UserFactory, unit=factory.SelfAttribute("..unit"))


class TargetValueFactory(DjangoModelFactory):
    class Meta:
        model = "reports.TargetValue"

    report = factory.SubFactory(ProgressReportFactory)
    target = factory.SubFactory(TargetFactory)
    value = Decimal("100")


# One person of each role; unit roles belong to `unit`.
PERSON_BY_ROLE = {
    Role.ADMIN: lambda unit: AdminFactory(),
    Role.LEADER: lambda unit: LeaderFactory(),
    Role.UNIT_HEAD: lambda unit: HeadFactory(unit=unit),
    Role.UNIT_STAFF: lambda unit: UserFactory(unit=unit, role=Role.UNIT_STAFF),
}


def person(role: str, unit=None):
    """A person of `role` (of `unit`, for unit heads and staff)."""
    return PERSON_BY_ROLE[role](unit)
