"""An administrator's change in the admin brings the plan's obligations in line at once."""

import pytest

from tasks.choices import AssignmentRole
from tasks.models import Obligation
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    item = factories.WorkItemFactory(number=9, section__plan__year=2024)
    factories.AssignmentFactory(work_item=item, role=AssignmentRole.LEAD)
    return item


def test_quarterly_cadence_set_on_the_plan_page(client, item):
    client.force_login(factories.AdminFactory())
    plan = item.plan
    response = client.post(
        f"/admin/tasks/plan/{plan.pk}/change/",
        {
            "year": plan.year, "title": plan.title, "report_cadence": "quarterly", "report_due_day": 10,
            "start_month": 1, "source_text": "",
            "sections-TOTAL_FORMS": 1, "sections-INITIAL_FORMS": 1,
            "sections-0-id": item.section_id, "sections-0-plan": plan.pk, "sections-0-number": item.section.number,
            "sections-0-title": item.section.title,
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    assert sorted(Obligation.objects.values_list("period", flat=True)) == [
        "2024-Q1",
        "2024-Q2",
        "2024-Q3",
        "2024-Q4",
    ]


def test_an_assignment_added_and_deleted_in_the_admin(client, item):
    client.force_login(factories.AdminFactory())
    unit = factories.UnitFactory()
    response = client.post(
        "/admin/tasks/assignment/add/", {"work_item": item.pk, "unit": unit.pk, "role": "responsible"}
    )
    assert response.status_code == 302
    assert Obligation.objects.filter(unit=unit).count() == 12
    assignment = item.assignments.get(unit=unit)
    client.post(f"/admin/tasks/assignment/{assignment.pk}/delete/", {"post": "yes"})
    assert not Obligation.objects.filter(unit=unit).exists()


def test_the_cooperating_flag_set_on_the_item_page(client, item):
    coop = factories.AssignmentFactory(work_item=item, role=AssignmentRole.COOPERATING)
    assert not Obligation.objects.filter(unit=coop.unit).exists()
    client.force_login(factories.AdminFactory())
    assignments = list(item.assignments.order_by("pk"))
    data = {
        "plan": item.plan_id, "section": item.section_id, "number": item.number, "title": item.title,
        "text": item.text, "units_text": "", "cooperating_units_report": "on",
        "assignments-TOTAL_FORMS": len(assignments), "assignments-INITIAL_FORMS": len(assignments),
        "targets-TOTAL_FORMS": 0, "targets-INITIAL_FORMS": 0,
        "deadlines-TOTAL_FORMS": 0, "deadlines-INITIAL_FORMS": 0,
    }  # fmt: skip
    for n, a in enumerate(assignments):
        data |= {f"assignments-{n}-id": a.pk, f"assignments-{n}-work_item": item.pk,
                 f"assignments-{n}-unit": a.unit_id, f"assignments-{n}-role": a.role}  # fmt: skip
    response = client.post(f"/admin/tasks/workitem/{item.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Obligation.objects.filter(unit=coop.unit).count() == 12


def test_a_deadline_typed_in_full_width_is_stored_canonical(client, item):
    client.force_login(factories.AdminFactory())
    response = client.post(
        "/admin/tasks/deadline/add/",
        {"work_item": item.pk, "name": "半年总结", "kind": "half_year_summary", "period": "２０２４-Ｈ１",
         "due_date": "2024-06-30", "recipient": ""},
    )  # fmt: skip
    assert response.status_code == 302
    assert item.deadlines.get().period == "2024-H1"
    assert Obligation.objects.filter(period="2024-H1").count() == 1


def test_obligations_are_read_only_in_the_admin(client, item):
    client.force_login(factories.AdminFactory())
    assert client.get("/admin/tasks/obligation/").status_code == 200
    assert client.get("/admin/tasks/obligation/add/").status_code == 403


@pytest.mark.parametrize(("measure_unit", "scope", "valid"), [
    ("%", "contribution", False),  # 快充覆盖率: units' rates do not add up
    ("%", "total", True),
    ("公里", "contribution", True),
])  # fmt: skip
def test_a_rate_takes_only_a_province_wide_reporter(item, measure_unit, scope, valid):
    from tasks.admin import TargetReporterForm
    from tasks.models import TargetReporter

    target = factories.TargetFactory(work_item=item, measure_unit=measure_unit)
    unit = factories.UnitFactory()
    form = TargetReporterForm(
        {"unit": unit.pk, "scope": scope, "note": ""}, instance=TargetReporter(target=target)
    )
    assert form.is_valid() is valid, form.errors
    if not valid:
        assert form.errors["scope"] == ["比率指标（%）各单位的数不能相加，只能由一个单位填报“全省合计”。"]
