"""A small 2024 plan shared by the progress-reporting tests.

Item 3 (carbon work) is led by 厅综合规划处 (lead unit, 牵头单位); 长春市交通运输局 is a responsible unit
(责任单位) and 吉林市交通运输局 a cooperating one (配合单位) that reports too (the item says so). It has
a km target to which all three report their own part (contributions, added up), a % rate that 长春 and
吉林 report as a province total (the latest approved one counts), and two summaries with plan
deadlines: 2024-H1 due 2024-06-30 and 2024-Y due 2024-12-20. Item 9 (monthly only, no deadlines) is
assigned to 长春 alone. Monthly progress is due on the 5th of the next month. Each unit has one staff member and one head; there is also an administrator and a leader.
"""

import datetime as dt
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from rest_framework.test import APIClient

from reports.choices import ReportStatus
from reports.validation import ValueInput
from reports.workflow import services
from tasks.choices import AssignmentRole, Comparator, DeadlineKind, ReporterScope
from tests import factories
from units.choices import Role, UnitKind

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def pdf(name="佐证材料.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def multipart(fields: dict | None = None, files: list[tuple[str, str, bytes]] = ()) -> dict:
    """A multipart/form-data request written by hand, as a script may send it: `files` are
    (field, file name, content), with names a test client would refuse to build (`..`, `a/`).
    Returns the keyword arguments for a test client's post()."""
    boundary = "----portal-test-boundary"
    parts = []
    for name, value in (fields or {}).items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for field_name, file_name, content in files:
        head = (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="{field_name}"; filename="{file_name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return {"data": body, "content_type": f"multipart/form-data; boundary={boundary}"}


def media_files(root) -> list[Path]:
    """Every file under MEDIA_ROOT (directories left behind do not count)."""
    root = Path(root)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def race(first, second, *, refused) -> dict:
    """Two people acting on one report at the same moment, each in a thread with its own connection:
    `first` writes inside a transaction that stays open half a second longer, and `second` acts while
    it is still open. Returns {"first": "done", "second": "done" | "refused"}, where "refused" means
    `second` raised `refused`. Needs real concurrent transactions (PostgreSQL)."""
    written = threading.Event()
    outcome = {}

    def run_first():
        try:
            with transaction.atomic():
                first()
                written.set()
                time.sleep(0.5)  # written, not yet committed, while the second acts
            outcome["first"] = "done"
        finally:
            written.set()
            connection.close()

    def run_second():
        written.wait(5)
        try:
            second()
            outcome["second"] = "done"
        except refused:
            outcome["second"] = "refused"
        finally:
            connection.close()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    return outcome


# Everyone who might act on 长春's (the responsible unit's) report: the roles the permission tests walk.
WORLD_ROLES = [
    "admin", "leader", "resp_staff", "resp_head", "lead_head", "lead_staff", "coop_staff", "coop_head",
]  # fmt: skip


@dataclass
class World:
    plan: object
    section_green: object
    section_build: object
    item: object  # item 3: lead / responsible / cooperating, km (SUM) and % (LATEST), H1 and Y deadlines
    other_item: object  # item 9: 长春 responsible, monthly only
    km: object
    rate: object
    h1: object
    annual: object
    lead: object
    resp: object
    coop: object
    admin: object
    leader: object
    users: dict = field(default_factory=dict)

    def user(self, role: str):
        """The person a role name in WORLD_ROLES stands for; None for "anonymous"."""
        return None if role == "anonymous" else getattr(self, role)

    def staff(self, unit):
        return self.users[f"{unit.code}-staff"]

    def head(self, unit):
        return self.users[f"{unit.code}-head"]

    @property
    def resp_staff(self):
        return self.staff(self.resp)

    @property
    def resp_head(self):
        return self.head(self.resp)

    @property
    def lead_staff(self):
        return self.staff(self.lead)

    @property
    def lead_head(self):
        return self.head(self.lead)

    @property
    def coop_staff(self):
        return self.staff(self.coop)

    @property
    def coop_head(self):
        return self.head(self.coop)


@pytest.fixture
def world(db):
    plan = factories.PlanFactory(year=2024, title="2024年全省交通运输生态环境保护工作要点")
    section_green = factories.SectionFactory(plan=plan, number=1, title="推进交通运输绿色低碳转型")
    section_build = factories.SectionFactory(plan=plan, number=3, title="强化交通建设绿色环保")
    item = factories.WorkItemFactory(
        section=section_green,
        number=3,
        title="碳达峰碳中和工作",
        text="做好交通运输碳达峰碳中和工作。",
        cooperating_units_report=True,
    )
    other_item = factories.WorkItemFactory(
        section=section_build, number=9, title="公路两侧造林绿化", text="推进公路两侧造林绿化。"
    )
    lead = factories.UnitFactory(code="zonggui", name="厅综合规划处", short_name="综规处")
    resp = factories.UnitFactory(
        code="changchun", name="长春市交通运输局", short_name="长春市", kind=UnitKind.CITY_BUREAU
    )
    coop = factories.UnitFactory(
        code="jilin", name="吉林市交通运输局", short_name="吉林市", kind=UnitKind.CITY_BUREAU
    )
    factories.AssignmentFactory(work_item=item, unit=lead, role=AssignmentRole.LEAD)
    factories.AssignmentFactory(work_item=item, unit=resp, role=AssignmentRole.RESPONSIBLE)
    factories.AssignmentFactory(work_item=item, unit=coop, role=AssignmentRole.COOPERATING)
    factories.AssignmentFactory(work_item=other_item, unit=resp, role=AssignmentRole.RESPONSIBLE)
    km = factories.TargetFactory(
        work_item=item, name="高速公路绿化里程", measure_unit="公里", comparator=Comparator.GTE,
        target_value=Decimal("3087"), sort_order=1,
    )  # fmt: skip
    rate = factories.TargetFactory(
        work_item=item, name="高速公路服务区快充覆盖率", measure_unit="%", comparator=Comparator.GTE,
        target_value=Decimal("90"), sort_order=2,
    )  # fmt: skip
    for unit in (lead, resp, coop):
        factories.TargetReporterFactory(target=km, unit=unit, scope=ReporterScope.CONTRIBUTION)
    for unit in (resp, coop):
        factories.TargetReporterFactory(target=rate, unit=unit, scope=ReporterScope.TOTAL)
    h1 = factories.DeadlineFactory(
        work_item=item, name="碳达峰半年工作总结", kind=DeadlineKind.HALF_YEAR_SUMMARY, period="2024-H1",
        due_date=dt.date(2024, 6, 30),
    )  # fmt: skip
    annual = factories.DeadlineFactory(
        work_item=item, name="碳达峰年度工作总结", kind=DeadlineKind.ANNUAL_SUMMARY, period="2024-Y",
        due_date=dt.date(2024, 12, 20),
    )  # fmt: skip
    users = {}
    for unit in (lead, resp, coop):
        users[f"{unit.code}-staff"] = factories.UserFactory(
            username=f"{unit.code}-staff", unit=unit, role=Role.UNIT_STAFF
        )
        users[f"{unit.code}-head"] = factories.HeadFactory(username=f"{unit.code}-head", unit=unit)
    return World(
        plan=plan, section_green=section_green, section_build=section_build, item=item,
        other_item=other_item, km=km, rate=rate, h1=h1, annual=annual, lead=lead, resp=resp, coop=coop,
        admin=factories.AdminFactory(username="admin"), leader=factories.LeaderFactory(username="leader"),
        users=users,
    )  # fmt: skip


@pytest.fixture
def make_report(world):
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
    ):
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
            report=report, user=staff, version=report.version, done=done, values=inputs, uploads=uploads
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

    def client_for(user=None):
        client = APIClient()
        if user is not None:
            client.force_login(user)
        return client

    return client_for
