"""Loading a plan: idempotent, all or nothing, with clear messages."""

import copy

import pytest
from django.core.exceptions import ValidationError

from tasks.models import Assignment, Plan, Target, WorkItem
from tasks.services import plan_load
from tasks.workpoints.units import parse_unit_roles
from units.selectors import UnknownUnitNames

pytestmark = pytest.mark.usefixtures("seeded")


def counts():
    return (
        Plan.objects.count(),
        WorkItem.objects.count(),
        Assignment.objects.count(),
        Target.objects.count(),
    )


def test_role_labels_split_lead_from_responsible_units():
    roles = parse_unit_roles("牵头单位：厅运输处，责任单位：各市〔州〕交通运输局、吉高集团")
    assert [(r.role, r.name) for r in roles] == [
        ("lead", "厅运输处"),
        ("responsible", "各市〔州〕交通运输局"),
        ("responsible", "吉高集团"),
    ]
    roles = parse_unit_roles("厅建设处、吉高集团按职责分工负责")
    assert [(r.role, r.name) for r in roles] == [("responsible", "厅建设处"), ("responsible", "吉高集团")]


def test_an_unknown_unit_name_fails_naming_it_and_writes_nothing(plan_data):
    # given a plan whose item 12 names a unit nobody knows
    before = counts()
    data = copy.deepcopy(plan_data)
    data["items"][11]["units"] = "厅建设处、省环保局"
    data["items"][11]["title"] = "改过的标题"
    # when it is loaded
    with pytest.raises(UnknownUnitNames) as exc:
        plan_load(data=data)
    # then the message names the unknown unit and its item, and nothing changed
    assert "省环保局（第12项）" in str(exc.value)
    assert counts() == before
    assert WorkItem.objects.get(number=12).title == "高速公路噪声污染防治"


def test_a_bad_target_number_fails_with_a_chinese_message(plan_data):
    data = copy.deepcopy(plan_data)
    data["items"][8]["targets"][0]["target_value"] = "三千"
    with pytest.raises(ValidationError) as exc:
        plan_load(data=data)
    assert "不是数字" in str(exc.value)
    assert Target.objects.get(name="高速公路绿化单项里程").target_value == 3087


def test_loading_again_with_a_changed_target_updates_it_in_place(plan_data):
    data = copy.deepcopy(plan_data)
    data["items"][8]["targets"][0]["target_value"] = "3100"
    pk = Target.objects.get(name="高速公路绿化单项里程").pk
    plan_load(data=data)
    assert Target.objects.get(name="高速公路绿化单项里程").pk == pk
    assert Target.objects.get(pk=pk).target_value == 3100


def _report_on(item_number: int, *, value=None):
    """A report by one of the item's units, through the reporting services, as a unit would write it."""
    from decimal import Decimal

    from reports.validation import ValueInput
    from reports.workflow.services import report_create, report_update
    from units.models import User

    item = WorkItem.objects.get(number=item_number)
    unit = item.assignments.order_by("pk").first().unit
    staff = User.objects.get(username=f"staff-{unit.code}")
    report = report_create(user=staff, work_item=item, unit=unit, period="2024-06")
    if value is not None:
        target = item.targets.order_by("sort_order").first()
        report_update(
            report=report, user=staff, version=report.version, done="进展。",
            values=[ValueInput(target=target, value=Decimal(value))],
        )  # fmt: skip
    return report


def test_an_item_moved_to_another_section_keeps_its_id_targets_and_reports(plan_data):
    # given item 9 with its targets, and a report on it
    item = WorkItem.objects.get(number=9)
    targets = set(item.targets.values_list("pk", flat=True))
    report = _report_on(9, value="100")
    # when the plan is reloaded with item 9 under section 6, and its old section 3 dropped with every
    # other item of section 3 moved to section 6 as well
    data = copy.deepcopy(plan_data)
    for raw in data["items"]:
        if raw["section"] == 3:
            raw["section"] = 6
    data["sections"] = [s for s in data["sections"] if s["number"] != 3]
    plan_load(data=data)
    # then item 9 is the same row under section 6, with the same targets, and the report still on it
    moved = WorkItem.objects.get(number=9)
    assert moved.pk == item.pk
    assert moved.section.number == 6
    assert set(moved.targets.values_list("pk", flat=True)) == targets
    report.refresh_from_db()
    assert report.work_item_id == item.pk
    assert not moved.plan.sections.filter(number=3).exists()


def test_removing_an_item_that_has_reports_fails_in_chinese_and_changes_nothing(plan_data):
    # given a report on item 12
    _report_on(12)
    before = counts()
    # when the plan is reloaded without item 12, and with another change
    data = copy.deepcopy(plan_data)
    data["items"] = [raw for raw in data["items"] if raw["number"] != 12]
    data["items"][0]["title"] = "改过的标题"
    with pytest.raises(ValidationError) as exc:
        plan_load(data=data)
    # then the load is refused naming the item, not a server error, and nothing changed
    assert exc.value.messages == ["第 12 项任务已有进展报告，不能从工作要点中删除。"]
    assert counts() == before
    assert WorkItem.objects.get(number=1).title != "改过的标题"


def test_removing_an_item_without_reports_deletes_it(plan_data):
    data = copy.deepcopy(plan_data)
    data["items"] = [raw for raw in data["items"] if raw["number"] != 12]
    plan_load(data=data)
    assert not WorkItem.objects.filter(number=12).exists()
    assert WorkItem.objects.count() == 25


def test_removing_a_target_units_reported_against_fails_naming_it(plan_data):
    # given a value reported for item 9's first target
    _report_on(9, value="50")
    first = WorkItem.objects.get(number=9).targets.order_by("sort_order").first()
    # when the plan is reloaded without that target
    data = copy.deepcopy(plan_data)
    data["items"][8]["targets"] = [t for t in data["items"][8]["targets"] if t["name"] != first.name]
    with pytest.raises(ValidationError) as exc:
        plan_load(data=data)
    # then the load is refused naming the target, and it is still there
    assert exc.value.messages == [f"第 9 项任务中已有填报值的指标“{first.name}”不能删除。"]
    assert Target.objects.filter(pk=first.pk).exists()
