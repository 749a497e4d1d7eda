"""A small 2024 plan shared by the report, notice and export tests, as small fixtures that each
build one part of it: `plan_2024` and its two items, `three_units`, the item's `carbon_targets` and
`carbon_summaries`, `people` (one staff member and one head per unit), and `world`, all of them
together.

Item 3 (carbon work) is led by 厅综合规划处 (lead unit, 牵头单位); 长春市交通运输局 is a responsible unit
(责任单位) and 吉林市交通运输局 a cooperating one (配合单位) that reports too (the item says so). It has
a km target to which all three report their own part (contributions, added up), a % rate that 长春 and
吉林 report as a province total (the latest approved one counts), and two summaries with plan
deadlines: 2024-H1 due 2024-06-30 and 2024-Y due 2024-12-20. Item 9 (monthly only, no deadlines) is
assigned to 长春 alone. Monthly progress is due on the 5th of the next month. There is also an
administrator and a leader."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from reports.choices import ReportStatus
from reports.models import ProgressReport
from reports.validation import ValueInput
from reports.workflow import services
from tasks.choices import AssignmentRole, Comparator, DeadlineKind, ReporterScope
from tasks.models import Deadline, Plan, Section, Target, WorkItem
from tests import factories
from tests.uploads import pdf
from units.choices import Role, UnitKind
from units.models import Unit, User

# Everyone who might act on 长春's (the responsible unit's) report: the roles the permission tests walk.
WORLD_ROLES = [
    "admin", "leader", "resp_staff", "resp_head", "lead_head", "lead_staff", "coop_staff", "coop_head",
]  # fmt: skip


@dataclass
class PlanParts:
    plan: Plan
    section_green: Section
    section_build: Section
    item: WorkItem  # item 3: lead / responsible / cooperating, targets and summaries
    other_item: WorkItem  # item 9: 长春 responsible, monthly only


@dataclass
class ThreeUnits:
    lead: Unit  # 厅综合规划处
    resp: Unit  # 长春市交通运输局
    coop: Unit  # 吉林市交通运输局


@pytest.fixture
def plan_2024(db) -> PlanParts:
    plan = factories.PlanFactory(year=2024, title="2024年全省交通运输生态环境保护工作要点")
    section_green = factories.SectionFactory(plan=plan, number=1, title="推进交通运输绿色低碳转型")
    section_build = factories.SectionFactory(plan=plan, number=3, title="强化交通建设绿色环保")
    item = factories.WorkItemFactory(
        section=section_green, number=3, title="碳达峰碳中和工作", text="做好交通运输碳达峰碳中和工作。",
        cooperating_units_report=True,
    )  # fmt: skip
    other_item = factories.WorkItemFactory(
        section=section_build, number=9, title="公路两侧造林绿化", text="推进公路两侧造林绿化。"
    )
    return PlanParts(plan, section_green, section_build, item, other_item)


@pytest.fixture
def three_units(plan_2024: PlanParts) -> ThreeUnits:
    """The three units of item 3, assigned (item 9 goes to 长春 alone)."""
    units = ThreeUnits(
        lead=factories.UnitFactory(code="zonggui", name="厅综合规划处", short_name="综规处"),
        resp=factories.UnitFactory(
            code="changchun", name="长春市交通运输局", short_name="长春市", kind=UnitKind.CITY_BUREAU
        ),
        coop=factories.UnitFactory(
            code="jilin", name="吉林市交通运输局", short_name="吉林市", kind=UnitKind.CITY_BUREAU
        ),
    )
    item = plan_2024.item
    factories.AssignmentFactory(work_item=item, unit=units.lead, role=AssignmentRole.LEAD)
    factories.AssignmentFactory(work_item=item, unit=units.resp, role=AssignmentRole.RESPONSIBLE)
    factories.AssignmentFactory(work_item=item, unit=units.coop, role=AssignmentRole.COOPERATING)
    factories.AssignmentFactory(
        work_item=plan_2024.other_item, unit=units.resp, role=AssignmentRole.RESPONSIBLE
    )
    return units


@pytest.fixture
def carbon_targets(plan_2024: PlanParts, three_units: ThreeUnits) -> tuple[Target, Target]:
    """Item 3's km target (every unit reports its part) and % rate (长春 and 吉林 report the total)."""
    item, units = plan_2024.item, three_units
    km = factories.TargetFactory(
        work_item=item, name="高速公路绿化里程", measure_unit="公里", comparator=Comparator.GTE,
        target_value=Decimal("3087"), sort_order=1,
    )  # fmt: skip
    rate = factories.TargetFactory(
        work_item=item, name="高速公路服务区快充覆盖率", measure_unit="%", comparator=Comparator.GTE,
        target_value=Decimal("90"), sort_order=2,
    )  # fmt: skip
    for unit in (units.lead, units.resp, units.coop):
        factories.TargetReporterFactory(target=km, unit=unit, scope=ReporterScope.CONTRIBUTION)
    for unit in (units.resp, units.coop):
        factories.TargetReporterFactory(target=rate, unit=unit, scope=ReporterScope.TOTAL)
    return km, rate


@pytest.fixture
def carbon_summaries(plan_2024: PlanParts, three_units: ThreeUnits) -> tuple[Deadline, Deadline]:
    """Item 3's half-year summary (due 2024-06-30) and annual summary (due 2024-12-20)."""
    h1 = factories.DeadlineFactory(
        work_item=plan_2024.item, name="碳达峰半年工作总结", kind=DeadlineKind.HALF_YEAR_SUMMARY,
        period="2024-H1", due_date=dt.date(2024, 6, 30),
    )  # fmt: skip
    annual = factories.DeadlineFactory(
        work_item=plan_2024.item, name="碳达峰年度工作总结", kind=DeadlineKind.ANNUAL_SUMMARY,
        period="2024-Y", due_date=dt.date(2024, 12, 20),
    )  # fmt: skip
    return h1, annual


@pytest.fixture
def people(three_units: ThreeUnits) -> dict[str, User]:
    """One staff member ("<code>-staff") and one head ("<code>-head") of each unit."""
    users = {}
    for unit in (three_units.lead, three_units.resp, three_units.coop):
        users[f"{unit.code}-staff"] = factories.UserFactory(
            username=f"{unit.code}-staff", unit=unit, role=Role.UNIT_STAFF
        )
        users[f"{unit.code}-head"] = factories.HeadFactory(username=f"{unit.code}-head", unit=unit)
    return users


@dataclass
class World:
    plan: Plan
    section_green: Section
    section_build: Section
    item: WorkItem
    other_item: WorkItem
    km: Target
    rate: Target
    h1: Deadline
    annual: Deadline
    lead: Unit
    resp: Unit
    coop: Unit
    admin: User
    leader: User
    users: dict[str, User] = field(default_factory=dict)

    def user(self, role: str) -> User | None:
        """The person a role name in WORLD_ROLES stands for; None for "anonymous"."""
        return None if role == "anonymous" else getattr(self, role)

    def staff(self, unit: Unit) -> User:
        return self.users[f"{unit.code}-staff"]

    def head(self, unit: Unit) -> User:
        return self.users[f"{unit.code}-head"]

    resp_staff = property(lambda self: self.staff(self.resp))
    resp_head = property(lambda self: self.head(self.resp))
    lead_staff = property(lambda self: self.staff(self.lead))
    lead_head = property(lambda self: self.head(self.lead))
    coop_staff = property(lambda self: self.staff(self.coop))
    coop_head = property(lambda self: self.head(self.coop))


@pytest.fixture
def world(plan_2024, three_units, carbon_targets, carbon_summaries, people) -> World:
    """The whole small plan with its people, an administrator and a leader."""
    parts, units = plan_2024, three_units
    return World(
        plan=parts.plan, section_green=parts.section_green, section_build=parts.section_build,
        item=parts.item, other_item=parts.other_item, km=carbon_targets[0], rate=carbon_targets[1],
        h1=carbon_summaries[0], annual=carbon_summaries[1], lead=units.lead, resp=units.resp,
        coop=units.coop, admin=factories.AdminFactory(username="admin"),
        leader=factories.LeaderFactory(username="leader"), users=people,
    )  # fmt: skip


@pytest.fixture
def make_report(world: World):
    """Build a report the way the portal does, through the services: the unit's staff create and fill
    it in (and attach a summary file when the period needs one), then submit; the unit's head approves
    or returns it."""

    def build(
        *,
        unit=None,
        period="2024-06",
        status=ReportStatus.DRAFT,
        done="完成了部分工作。",
        values=None,
        item=None,
        problems="",
        next_steps="",
    ) -> ProgressReport:
        unit = unit or world.resp
        item = item or world.item
        staff, head = world.staff(unit), world.head(unit)
        report = services.report_create(user=staff, work_item=item, unit=unit, period=period)
        inputs = [
            ValueInput(target=t, value=Decimal(str(v[0] if isinstance(v, tuple) else v)),
                       explanation=v[1] if isinstance(v, tuple) else "")
            for t, v in (values or {}).items()
        ]  # fmt: skip
        uploads = [pdf("总结.pdf")] if not period[5:].isdigit() else []
        services.report_update(
            report=report,
            user=staff,
            version=report.version,
            done=done,
            problems=problems,
            next_steps=next_steps,
            values=inputs,
            uploads=uploads,
        )
        if status != ReportStatus.DRAFT:
            services.report_submit(report=report, user=staff)
        if status == ReportStatus.APPROVED:
            services.report_approve(report=report, user=head)
        elif status == ReportStatus.RETURNED:
            services.report_return(report=report, user=head, comment="请补充明细。")
        report.refresh_from_db()
        assert report.status == status
        return report

    return build


@pytest.fixture
def api_as():
    """An API client logged in as `user` (a session, as the portal's own pages use), or anonymous."""

    def client_for(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_login(user)
        return client

    return client_for
