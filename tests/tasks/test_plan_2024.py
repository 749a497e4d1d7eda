"""The 2024 work points, loaded from fixtures/, against the source document.

The units and the plan are loaded once for the module, as `make run` loads them, in a transaction
rolled back at its end; each test reads them inside it."""

import datetime as dt
import os
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from tasks.models import Assignment, Deadline, Plan, Section, Target, TargetReporter, WorkItem
from units.models import Unit
from units.names import split_unit_names
from units.selectors import unit_resolve_names


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--no-history", "--force", stdout=open(os.devnull, "w"))
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seeded_once, db):
    """The module's load, for each test (tests/tasks/conftest.py loads it afresh for tests that write)."""


pytestmark = pytest.mark.usefixtures("seeded")

CITIES = {"长春市交通运输局", "吉林市交通运输局", "四平市交通运输局", "辽源市交通运输局", "通化市交通运输局",
          "白山市交通运输局", "松原市交通运输局", "白城市交通运输局", "延边朝鲜族自治州交通运输局"}  # fmt: skip


def units_of(number: int, role: str) -> set[str]:
    return set(
        Assignment.objects.filter(
            work_item__plan__year=2024, work_item__number=number, role=role
        ).values_list("unit__name", flat=True)
    )


def short_units_of(number: int, role: str) -> set[str]:
    return set(
        Assignment.objects.filter(
            work_item__plan__year=2024, work_item__number=number, role=role
        ).values_list("unit__short_name", flat=True)
    )


def test_plan_has_26_items_in_6_sections():
    plan = Plan.objects.get(year=2024)
    assert plan.title == "2024年吉林省交通运输行业生态环境保护工作要点"
    assert "以下各具体工作任务需各市〔州〕交通运输局配合或具体落实" in plan.source_text
    sections = list(Section.objects.filter(plan=plan).order_by("number"))
    assert [s.title for s in sections] == [
        "坚决贯彻习近平生态文明思想",
        "优化交通基础设施空间布局",
        "强化交通建设绿色环保",
        "提升交通运输绿色发展效能",
        "强化交通运输污染防治",
        "强化绿色交通科技创新和宣传教育",
    ]
    numbers = {
        s.number: list(s.work_items.order_by("number").values_list("number", flat=True)) for s in sections
    }
    assert numbers == {
        1: [1, 2, 3],
        2: [4, 5],
        3: [6, 7, 8, 9, 10, 11, 12, 13],
        4: [14, 15, 16, 17],
        5: [18, 19, 20, 21, 22],
        6: [23, 24, 25, 26],
    }


def test_item_text_is_the_document_text_without_the_unit_parenthesis():
    item = WorkItem.objects.get(plan__year=2024, number=9)
    assert item.text.startswith("深入实施吉林省公路两侧造林绿化工作方案")
    assert item.text.endswith("完成补植乔木120.64万株、灌木130万丛。")
    assert item.units_text == "厅公路处、省执法局、省公路局、吉高集团按职责分工负责"
    assert all(len(i.title) <= 20 for i in WorkItem.objects.all())


def test_item_3_lead_and_everyone_else_responsible():
    assert short_units_of(3, "lead") == {"厅运输处"}
    responsible = units_of(3, "responsible")
    everyone_else = set(Unit.objects.exclude(short_name="厅运输处").values_list("name", flat=True))
    assert responsible == everyone_else
    assert CITIES <= responsible
    assert units_of(3, "cooperating") == set()


def test_items_1_and_2_name_every_unit_responsible_and_none_cooperating():
    for number in (1, 2):
        assert units_of(number, "responsible") == set(Unit.objects.values_list("name", flat=True))
        assert units_of(number, "cooperating") == set()
        assert units_of(number, "lead") == set()


def test_nine_city_bureaus_cooperate_on_items_4_to_26():
    for number in range(4, 27):
        assert units_of(number, "cooperating") == CITIES, number
        assert not (units_of(number, "responsible") & CITIES)


@pytest.mark.parametrize(
    ("number", "responsible"),
    [
        (4, {"厅综合规划处"}),
        (5, {"厅综合规划处", "厅建设处", "省公路局", "省航道局", "吉高集团"}),
        (7, {"厅建设处", "厅公路处", "省公路局", "省运输局", "吉高集团"}),
        (9, {"厅公路处", "省执法局", "省公路局", "吉高集团"}),
        (13, {"省航道局"}),
        (14, {"省运输局"}),
        (15, {"厅运输处", "省运输局"}),
        (17, {"厅运输处", "省运输局", "省海事局"}),
        (22, {"厅安监处", "省公路局", "省运输局", "省信息中心", "吉高集团"}),
        (24, {"厅研究室", "厅运输处", "省运输局"}),
        (25, {"厅运输处", "省科研所"}),
        (26, {"厅法规处"}),
    ],
)
def test_responsible_units_of_items(number, responsible):
    assert short_units_of(number, "responsible") == responsible


def target(number, name):
    return Target.objects.get(work_item__plan__year=2024, work_item__number=number, name=name)


@pytest.mark.parametrize(
    ("number", "name", "unit", "comparator", "value"),
    [
        (7, "服务区污水、油烟设施完好率", "%", "eq", "100"),
        (8, "高速公路废旧沥青路面材料循环利用率", "%", "gte", "95"),
        (9, "高速公路绿化单项里程", "公里", "gte", "3087"),
        (9, "国省干线公路绿化里程", "公里", "gte", "429"),
        (9, "农村公路绿化里程", "公里", "gte", "3055"),
        (9, "补植乔木", "万株", "gte", "120.64"),
        (9, "补植灌木", "万丛", "gte", "130"),
        (11, "高速公路快充覆盖率", "%", "gte", "60"),
        (14, "客运班线公交化改造", "条", "gte", "110"),
        (15, "长春国际陆港多式联运示范工程创建", "项", "eq", "1"),
    ],
)
def test_value_targets(number, name, unit, comparator, value):
    t = target(number, name)
    assert (t.measure_unit, t.comparator, t.target_value) == (unit, comparator, Decimal(value))
    assert t.target_min is None and t.target_max is None
    assert t.due_date == dt.date(2024, 12, 31)


def reporters_of(number, name) -> dict[str, str]:
    return {r.unit.short_name: r.scope for r in target(number, name).reporters.select_related("unit")}


CITY_SHORT_NAMES = {
    "长春市交通运输局", "吉林市交通运输局", "四平市交通运输局", "辽源市交通运输局", "通化市交通运输局",
    "白山市交通运输局", "松原市交通运输局", "白城市交通运输局", "延边州交通运输局",
}  # fmt: skip


def test_item_9_km_targets_are_reported_by_who_builds_each_road_and_totalled_by_the_office():
    # expressways by 吉高集团, trunk roads by 省公路局, rural roads by the city bureaus; 厅公路处, which
    # supervises, may report the province total; 省执法局, also responsible, reports no figure
    assert reporters_of(9, "高速公路绿化单项里程") == {"吉高集团": "contribution", "厅公路处": "total"}
    assert reporters_of(9, "国省干线公路绿化里程") == {"省公路局": "contribution", "厅公路处": "total"}
    assert reporters_of(9, "农村公路绿化里程") == dict.fromkeys(CITY_SHORT_NAMES, "contribution") | {
        "厅公路处": "total"
    }
    assert "省执法局" not in reporters_of(9, "补植乔木")


def test_rates_and_yes_no_targets_take_one_total():
    for number, name in [
        (7, "服务区污水、油烟设施完好率"),
        (8, "高速公路废旧沥青路面材料循环利用率"),
        (11, "高速公路快充覆盖率"),
        (14, "客运班线公交化改造"),
        (15, "长春国际陆港多式联运示范工程创建"),
    ]:
        assert list(reporters_of(number, name).values()) == ["total"], name


def test_every_reporter_has_a_reason_and_is_assigned_to_its_item():
    for reporter in TargetReporter.objects.filter(target__work_item__plan__year=2024).select_related(
        "target"
    ):
        assert reporter.note, reporter
        assert reporter.target.work_item.assignments.filter(unit_id=reporter.unit_id).exists(), reporter


def test_item_9_makes_its_cooperating_city_bureaus_report():
    assert WorkItem.objects.get(plan__year=2024, number=9).cooperating_units_report
    assert (
        not WorkItem.objects.filter(plan__year=2024, cooperating_units_report=True).exclude(number=9).exists()
    )


@pytest.mark.parametrize(
    ("name", "unit", "low", "high"),
    [("培育规上多式联运企业", "户", "2", "3"), ("打造多式联运线路", "条", "8", "10")],
)
def test_range_targets_of_item_15(name, unit, low, high):
    t = target(15, name)
    assert (t.measure_unit, t.comparator, t.target_min, t.target_max) == (
        unit,
        "range",
        Decimal(low),
        Decimal(high),
    )
    assert t.due_date == dt.date(2024, 12, 31)


def test_only_the_quantified_items_carry_targets():
    counts = {
        n: c for n, c in WorkItem.objects.filter(plan__year=2024).values_list("number", "targets__id") if c
    }
    assert sorted(set(counts)) == [7, 8, 9, 11, 14, 15]
    assert Target.objects.count() == 12


def test_item_3_half_year_and_annual_carbon_summary_deadlines():
    deadlines = list(Deadline.objects.filter(work_item__number=3).order_by("due_date"))
    assert [(d.period, d.kind, d.due_date) for d in deadlines] == [
        ("2024-H1", "half_year_summary", dt.date(2024, 6, 30)),
        ("2024-Y", "annual_summary", dt.date(2024, 12, 31)),
    ]
    assert all(d.recipient == "省交通运输厅碳达峰碳中和工作领导小组" for d in deadlines)
    assert Deadline.objects.count() == 2


def test_every_unit_name_in_the_document_resolves():
    # given every unit parenthesis of the source document
    text = (settings.BASE_DIR / "fixtures" / "work-points-2024.txt").read_text(encoding="utf-8")
    parentheses = re.findall(r"（((?:[^（）〔〕]|〔[^〕]*〕)*(?:局|处|室|单位|集团|所|中心|负责))）", text)
    assert len(parentheses) >= 26
    names = set()
    for group in parentheses:
        for part in re.split(r"牵头单位[:：]|责任单位[:：]|，", group):
            names.update(split_unit_names(part))
    # then each name resolves to at least one unit
    for name in sorted(names):
        assert unit_resolve_names(name), name


def test_both_names_of_the_road_transport_administration_are_one_unit():
    [a] = unit_resolve_names("省运管局")
    [b] = unit_resolve_names("省运输局")
    assert a == b and a.code == "yunshu-ju"
    assert short_units_of(7, "responsible") >= {"省运输局"} and short_units_of(24, "responsible") >= {
        "省运输局"
    }


def test_short_and_full_names_resolve_to_the_same_office():
    assert unit_resolve_names("厅综规处") == unit_resolve_names("厅综合规划处")
