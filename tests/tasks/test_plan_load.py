"""Loading a plan: idempotent, all or nothing, with clear messages."""

import copy

import pytest
from django.core.exceptions import ValidationError

from tasks.models import Assignment, Plan, Target, WorkItem
from tasks.services import parse_unit_roles, plan_load
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
    assert parse_unit_roles("牵头单位：厅运输处，责任单位：各市〔州〕交通运输局、吉高集团") == [
        ("lead", "厅运输处"),
        ("responsible", "各市〔州〕交通运输局、吉高集团"),
    ]
    assert parse_unit_roles("厅建设处、吉高集团") == [("responsible", "厅建设处、吉高集团")]


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
