"""The work-points parser on small snippets written in the genre's forms: headings, numbering, the
unit parenthesis, targets and deadlines; and on arbitrary text, where it must never crash."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tasks.workpoints.parse import parse_document
from tasks.workpoints.units import parse_unit_roles, split_unit_parenthesis
from tests.mutations import mutated

DOC = """2025年吉林省交通运输行业
生态环境保护工作要点

一、总体要求
坚持稳中求进。
二、重点任务
（一）推进绿色转型
{items}
"""


def one(item_line: str, year=2025):
    draft = parse_document(DOC.format(items=item_line), year=year)
    assert not draft.problems, draft.problems
    [item] = draft.items
    return item


def roles(content):
    return [(r.name, r.role) for r in parse_unit_roles(content)]


def test_headings_numbering_and_titles():
    text = DOC.format(
        items="1.牢固树立生态环保红线意识。深入学习。（厅建设处）\n"
        "  2．扛起生态环境保护责任。落实要求。（厅建设处）\n"
        "（二）优化空间布局\n"
        "３、将生态环境保护理念贯穿在重大项目前期工作过程中，合理避让生态敏感点。（厅综合规划处）\n"
        "4.在国道上新增3.5万吨运力储备。（厅运输处）"
    )
    draft = parse_document(text, year=2025)
    assert draft.title == "2025年吉林省交通运输行业生态环境保护工作要点"
    assert [(s.number, s.title) for s in draft.sections] == [(1, "推进绿色转型"), (2, "优化空间布局")]
    assert [(i.number, i.section) for i in draft.items] == [(1, 1), (2, 1), (3, 2), (4, 2)]
    assert [i.title for i in draft.items[:3]] == [
        "牢固树立生态环保红线意识",
        "扛起生态环境保护责任",
        "将生态环境保护理念贯穿在重大项目…",
    ]


def test_items_directly_under_a_part_take_the_part_as_their_section():
    draft = parse_document(
        "一、绿色低碳\n1.推进A。（厅建设处）\n二、污染防治\n2.推进B。（省公路局）", year=2025
    )
    assert [(s.number, s.title) for s in draft.sections] == [(1, "绿色低碳"), (2, "污染防治")]
    assert [i.section for i in draft.items] == [1, 2]


def test_a_number_out_of_sequence_or_a_decimal_is_text_not_an_item():
    draft = parse_document(
        "1.推进A，\n3.5万吨运力，\n继续推进。（厅建设处）\n2.推进B。（省公路局）", year=2025
    )
    assert [i.number for i in draft.items] == [1, 2]
    assert draft.items[0].body == "推进A，3.5万吨运力，继续推进。"


@pytest.mark.parametrize(
    "content, expected",
    [
        ("厅建设处、吉高集团", [("厅建设处", "responsible"), ("吉高集团", "responsible")]),
        ("厅建设处、省公路局按职责分工负责", [("厅建设处", "responsible"), ("省公路局", "responsible")]),
        ("牵头单位：厅运输处，责任单位：各市〔州〕交通运输局、厅机关各处室",
         [("厅运输处", "lead"), ("各市〔州〕交通运输局", "responsible"), ("厅机关各处室", "responsible")]),
        ("牵头部门：厅运输处；配合部门：省海事局", [("厅运输处", "lead"), ("省海事局", "cooperating")]),
        ("牵头单位:厅运输处,责任单位:各市(州)交通运输局", [("厅运输处", "lead"), ("各市(州)交通运输局", "responsible")]),
        ("配合单位：厅直各单位", [("厅直各单位", "cooperating")]),
        # other departments' plans: more role words, 处室 for 单位, a label without its colon
        ("主责处室：厅规划处；协办处室：厅财审处", [("厅规划处", "responsible"), ("厅财审处", "cooperating")]),
        ("牵头部门 厅运输处，参与部门 省海事局、省港航局",
         [("厅运输处", "lead"), ("省海事局", "cooperating"), ("省港航局", "cooperating")]),
        # roles said inline, never kept in a name
        ("厅运输处、厅综规处牵头，省海事局、省港航局参与",
         [("厅运输处", "lead"), ("厅综规处", "lead"), ("省海事局", "cooperating"), ("省港航局", "cooperating")]),
        ("厅运输处负责，各市（州）交通运输局配合", [("厅运输处", "responsible"), ("各市（州）交通运输局", "cooperating")]),
        ("厅建设处会同省公路局负责", [("厅建设处", "lead"), ("省公路局", "responsible")]),
        # a rule written into the list is applied, not read as a name
        ("厅运输处、省海事局、省港航局。列第一位者为牵头部门，下同",
         [("厅运输处", "lead"), ("省海事局", "responsible"), ("省港航局", "responsible")]),
        # a group name with a list in brackets stays whole
        ("各县（市、区）交通运输局、厅运输处", [("各县（市、区）交通运输局", "responsible"), ("厅运输处", "responsible")]),
    ],
)  # fmt: skip
def test_every_form_of_the_unit_parenthesis(content, expected):
    assert roles(content) == expected


@pytest.mark.parametrize(
    "text, units",
    [
        ("推进工作。（厅建设处、吉高集团）", "厅建设处、吉高集团"),
        ("推进工作。(厅建设处、吉高集团)", "厅建设处、吉高集团"),
        ("推进工作（一岗双责）。（各市(州)交通运输局）", "各市(州)交通运输局"),
        ("推进工作，建设(I/M)站。", ""),  # a parenthesis that names no unit is text
        (
            "推进工作。〔责任单位：厅运输处、各市〔州〕交通运输局〕",
            "责任单位：厅运输处、各市〔州〕交通运输局",
        ),
        ("推进工作。【牵头单位：厅运输处】", "牵头单位：厅运输处"),
    ],
)
def test_the_unit_parenthesis_is_found_at_the_items_end(text, units):
    _body, content, trouble = split_unit_parenthesis(text)
    assert (content, trouble) == (units, "")


def test_unbalanced_brackets_are_reported_not_guessed():
    draft = parse_document("1.推进工作（厅建设处、吉高集团。\n2.推进B。（省公路局）", year=2025)
    # the item is kept, without units, for the administrator to look at; the rest is read
    assert draft.problems == [] and draft.items[0].units == []
    assert draft.warnings == ["第 1 项（原文 1.）：括号不配对，请检查“（”与“）”是否成对。"]
    assert [u.name for u in draft.items[1].units] == ["省公路局"]


def test_a_standing_note_makes_its_units_cooperate_on_the_following_items():
    draft = parse_document(
        "1.推进A。（厅建设处）\n以下各具体工作任务需各市〔州〕交通运输局配合或具体落实，不再列入责任单位。\n"
        "2.推进B。（省公路局）\n3.推进C。（省航道局）",
        year=2025,
    )
    assert [[(u.name, u.role) for u in i.units] for i in draft.items] == [
        [("厅建设处", "responsible")],
        [("省公路局", "responsible"), ("各市〔州〕交通运输局", "cooperating")],
        [("省航道局", "responsible"), ("各市〔州〕交通运输局", "cooperating")],
    ]


def goal(t):
    return (t.name, t.measure_unit, t.comparator, t.target_value, t.target_min, t.target_max)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("保持高速公路废旧沥青路面材料循环利用率在95%以上", ("高速公路废旧沥青路面材料循环利用率", "%", "gte", 95, None, None)),
        ("力争2025年底高速公路快充覆盖率达60%以上", ("高速公路快充覆盖率", "%", "gte", 60, None, None)),
        ("新能源公交车占比不低于８０％", ("新能源公交车占比", "%", "gte", 80, None, None)),
        ("保证服务区污水设施完好率达到100%", ("服务区污水设施完好率", "%", "eq", 100, None, None)),
        ("营运车辆碳排放强度控制在5万吨以内", ("营运车辆碳排放强度", "万吨", "lte", 5, None, None)),
        ("新增投资不超过3亿元", ("新增投资", "亿元", "lte", 3, None, None)),
        ("培育2-3户规上多式联运企业", ("培育规上多式联运企业", "户", "range", None, 2, 3)),
        ("打造8—10条多式联运线路", ("打造多式联运线路", "条", "range", None, 8, 10)),
        ("建成2至3个零碳服务区", ("建成零碳服务区", "个", "range", None, 2, 3)),
        ("全省完成客运班线公交化改造110条", ("客运班线公交化改造", "条", "gte", 110, None, None)),
        ("推广新能源车辆500辆", ("推广新能源车辆", "辆", "gte", 500, None, None)),
    ],
)  # fmt: skip
def test_every_target_form(sentence, expected):
    [target] = one(f"1.{sentence}。（厅运输处）").targets
    name, unit, comparator, value, low, high = expected
    dec = lambda v: None if v is None else Decimal(v)  # noqa: E731
    assert goal(target) == (name, unit, comparator, dec(value), dec(low), dec(high))


def test_a_list_of_targets_names_each_and_shares_its_verb():
    item = one(
        "1.完成全省高速公路绿化单项里程3087公里、国省干线公路绿化429公里，完成补植乔木120.64万株、灌木130万丛。（厅公路处）"
    )
    assert [(t.name, t.measure_unit, t.target_value) for t in item.targets] == [
        ("高速公路绿化单项里程", "公里", Decimal("3087")),
        ("国省干线公路绿化里程", "公里", Decimal("429")),
        ("补植乔木", "万株", Decimal("120.64")),
        ("补植灌木", "万丛", Decimal("130")),
    ]


@pytest.mark.parametrize(
    "sentence, due",
    [
        ("6月底前完成客运班线公交化改造110条", dt.date(2025, 6, 30)),
        ("上半年完成客运班线公交化改造110条", dt.date(2025, 6, 30)),
        ("年底前完成客运班线公交化改造110条", dt.date(2025, 12, 31)),
        ("完成客运班线公交化改造110条", dt.date(2025, 12, 31)),
        ("9月15日前完成客运班线公交化改造110条", dt.date(2025, 9, 15)),
    ],
)
def test_deadlines_of_targets_from_the_wording(sentence, due):
    assert one(f"1.{sentence}。（省运输局）").targets[0].due_date == due


def test_the_summaries_an_item_requires_and_their_deadlines():
    item = one(
        "3.各单位在6月底和12月底前分别向省交通运输厅碳达峰碳中和工作领导小组报送碳达峰碳中和半年工作总结及年度工作总结。"
        "（牵头单位：厅运输处，责任单位：厅建设处）"
    )
    assert [(d.name, d.kind, d.period, d.due_date, d.recipient) for d in item.deadlines] == [
        ("碳达峰碳中和半年工作总结", "half_year_summary", "2025-H1", dt.date(2025, 6, 30), "省交通运输厅碳达峰碳中和工作领导小组"),
        ("碳达峰碳中和年度工作总结", "annual_summary", "2025-Y", dt.date(2025, 12, 31), "省交通运输厅碳达峰碳中和工作领导小组"),
    ]  # fmt: skip


def test_text_without_numbered_items_is_reported():
    draft = parse_document("这是一段说明文字。\n没有任何编号。", year=2025)
    assert draft.items == [] and draft.problems == [
        "没有找到编号的工作任务（如“1.”“（一）”“一、”“（1）”开头的段落）。读到：2 段文字。"
    ]


SOURCE = (DOC.format(items="1.完成全省高速公路绿化单项里程3087公里，培育2-3户企业。（牵头单位：厅运输处，责任单位：各市〔州〕交通运输局）")
          + "以下各具体工作任务需各市〔州〕交通运输局配合。\n2．力争6月底覆盖率达60%以上。（厅建设处、吉高集团按职责分工负责）\n")  # fmt: skip


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
@example("0.0")  # found by a random draw: an item numbered 0
@example("0.甲\n1.乙")
@example("００.甲")
def test_the_parser_never_crashes_on_arbitrary_text(text):
    draft = parse_document(text, year=2025)
    assert all(item.number >= 1 for item in draft.items)


@given(st.data())
def test_the_parser_never_crashes_on_a_mutated_document(data):
    text = mutated(data, SOURCE, "（）()〔〕、，。：:1２.．%-—\n牵头单位责任", longest=8)
    draft = parse_document(text, year=2025)
    for item in draft.items:
        for target in item.targets:
            assert target.comparator in ("gte", "lte", "eq", "range")


def test_a_rule_said_once_with_xiatong_holds_for_the_later_items():
    # given a plan whose first list says its first unit leads, 下同 (the same below)
    draft = parse_document(
        "1.推进A。（厅运输处、省海事局。列第一位者为牵头部门，下同）\n"
        "2.推进B。〔省公路局、厅建设处〕\n"
        "3.推进C。【牵头单位：厅综规处；配合单位：省港航局】",
        year=2025,
    )
    # then every item's first unit leads, except where a label says otherwise, and no rule is a name
    assert not draft.problems
    assert [[(u.name, u.role) for u in i.units] for i in draft.items] == [
        [("厅运输处", "lead"), ("省海事局", "responsible")],
        [("省公路局", "lead"), ("厅建设处", "responsible")],
        [("厅综规处", "lead"), ("省港航局", "cooperating")],
    ]
    assert [i.body for i in draft.items] == ["推进A。", "推进B。", "推进C。"]


def test_the_roles_a_rule_gave_reach_the_plan_as_labels():
    from tasks.workpoints.resolve import _item_data

    draft = parse_document(
        "1.推进A。（厅运输处。列第一位者为牵头部门，下同）\n2.推进B。（省公路局、厅建设处）", year=2025
    )
    # item 2's own text names two responsible units: what the plan keeps says who leads
    texts = [_item_data(item, None)["units"] for item in draft.items]
    assert texts == ["厅运输处。列第一位者为牵头部门，下同", "牵头单位：省公路局；责任单位：厅建设处"]
    assert [[(r.name, r.role) for r in parse_unit_roles(t)] for t in texts] == [
        [("厅运输处", "lead")],
        [("省公路局", "lead"), ("厅建设处", "responsible")],
    ]
