"""What real documents get wrong or write loosely, read without losing a task or putting a role, a
date or a note into a unit's name: numbering that slips, headings numbered on across parts, a title
among attachment marks and breadcrumbs, a rule said once for the whole plan, roles said beside a
name, and targets whose wording only looks like a figure."""

import datetime as dt
from decimal import Decimal

import pytest

from tasks.workpoints.parse import parse_document
from tasks.workpoints.units import parse_unit_roles


def roles(content):
    return [(r.name, r.role) for r in parse_unit_roles(content)]


def test_a_number_left_out_or_said_twice_loses_no_task_and_is_pointed_out():
    draft = parse_document(
        "1.推进A。（厅运输处）\n2.推进B。（厅建设处）\n4.推进D。（省公路局）\n4.推进E。（省航道局）\n5.推进F。（厅运输处）",
        year=2025,
    )
    assert [(i.number, i.label) for i in draft.items] == [
        (1, "1."),
        (2, "2."),
        (3, "4."),
        (4, "4."),
        (5, "5."),
    ]
    assert draft.warnings == [
        "第 3 项（原文 4.）：原文编号从 2. 跳到 4.，请核对是否漏了任务。",
        "第 4 项（原文 4.）：原文编号 4. 与上一项重复，请核对。",
    ]


def test_a_decimal_at_the_start_of_a_wrapped_line_is_text_and_a_year_after_a_number_is_not():
    draft = parse_document(
        "1.推进A，通行时间缩短到\n3.5小时以内，客运量增长\n4.2倍。（厅规划处）\n2.2025年底前完成B。（厅建设处）",
        year=2025,
    )
    assert [i.label for i in draft.items] == ["1.", "2."] and not draft.warnings
    assert draft.items[0].body == "推进A，通行时间缩短到3.5小时以内，客运量增长4.2倍。"
    month = parse_document("1.6月底前完成A。（厅运输处）\n2.推进B。（厅建设处）", year=2025)
    assert [i.body for i in month.items] == ["6月底前完成A。", "推进B。"]


def test_sections_numbered_on_across_parts_and_a_heading_that_is_a_task():
    draft = parse_document(
        "一、基础设施\n（一）公路\n1.推进A。（厅公路处）\n二、运输服务\n（二）客运\n2.推进B。（厅运输处）\n"
        "（三）加强宣传教育。开展活动。（厅研究室）\n（四）货运\n3.推进C。（厅运输处）",
        year=2025,
    )
    assert [(i.title, i.section) for i in draft.items] == [
        ("推进A", 1),
        ("推进B", 2),
        ("加强宣传教育", 3),
        ("推进C", 4),
    ]
    assert [s.title for s in draft.sections] == ["公路", "客运", "加强宣传教育", "货运"]
    assert [(u.name, u.role) for u in draft.items[2].units] == [("厅研究室", "responsible")]


def test_a_wrapped_line_after_a_bracket_that_names_no_unit_stays_with_its_item():
    [item] = parse_document(
        "1.贯彻落实《吉林省公路条例》（2024年修订）\n，加强公路保护。（厅法规处）", year=2025
    ).items
    assert item.body == "贯彻落实《吉林省公路条例》（2024年修订），加强公路保护。" and item.units


def test_a_labelled_parenthesis_broken_before_a_label_is_read_whole():
    [item] = parse_document(
        "1.推进A（牵头单位：厅建设处；\n配合单位：省公路局、吉高集团）。", year=2025
    ).items
    assert [(u.name, u.role) for u in item.units] == [
        ("厅建设处", "lead"), ("省公路局", "cooperating"), ("吉高集团", "cooperating"),
    ]  # fmt: skip
    assert not item.warning


@pytest.mark.parametrize(
    "text, title",
    [
        ("附件\n2025年全省交通运输工作要点\n1.推进A。（厅运输处）", "2025年全省交通运输工作要点"),
        (
            "首页 > 政务公开 > 通知公告\n2025年全省交通运输工作要点\n1.推进A。（厅运输处）",
            "2025年全省交通运输工作要点",
        ),
        (
            "2025年全省交通运输工作要点\n（2025年3月10日厅党组会议审议通过）\n1.推进A。（厅运输处）",
            "2025年全省交通运输工作要点",
        ),
        (
            "吉林省交通运输绿色低碳发展行动方案\n（2024—2026年）\n1.推进A。（厅运输处）",
            "吉林省交通运输绿色低碳发展行动方案（2024—2026年）",
        ),
    ],
)
def test_the_title_leaves_out_what_stands_around_it(text, title):
    assert parse_document(text, year=2024).title == title


def test_a_plan_whose_years_are_on_the_line_under_its_title_dates_its_targets_by_them():
    draft = parse_document(
        "吉林省交通运输绿色低碳发展行动方案\n（2024—2026年）\n1.到2026年，新建高速公路500公里。（厅建设处）\n"
        "2.2025年底前完成改造10个。（厅公路处）",
        year=2024,
    )
    assert draft.last_year == 2026
    assert [i.targets[0].due_date for i in draft.items] == [dt.date(2026, 12, 31), dt.date(2025, 12, 31)]


def test_a_rule_said_once_for_the_plan_makes_every_lists_first_unit_lead():
    draft = parse_document(
        "2025年重点工作任务分工方案\n（各项任务中列第一位的为牵头单位，其他为责任单位）\n"
        "1.推进A。（厅运输处、省海事局）\n2.推进B。（省公路局、厅建设处）",
        year=2025,
    )
    assert draft.title == "2025年重点工作任务分工方案"
    assert [[(u.name, u.role) for u in i.units] for i in draft.items] == [
        [("厅运输处", "lead"), ("省海事局", "responsible")],
        [("省公路局", "lead"), ("厅建设处", "responsible")],
    ]


@pytest.mark.parametrize(
    "content, expected",
    [
        ("厅建设处（牵头）、省公路局", [("厅建设处", "lead"), ("省公路局", "responsible")]),
        ("厅建设处（主责）、省公路局（配合）", [("厅建设处", "responsible"), ("省公路局", "cooperating")]),
        ("厅建设处（牵头单位）、省公路局", [("厅建设处", "lead"), ("省公路局", "responsible")]),
        ("牵头单位：厅建设处；配合单位：省公路局；完成时间：2025年底", [("厅建设处", "lead"), ("省公路局", "cooperating")]),
        ("厅建设处，2025年6月底前完成", [("厅建设处", "responsible")]),
        ("厅运输处牵头，各责任单位配合", [("厅运输处", "lead"), ("各责任单位", "cooperating")]),
        ("厅运输处牵头、省海事局配合", [("厅运输处", "lead"), ("省海事局", "cooperating")]),
        ("由厅建设处牵头，省公路局具体负责", [("厅建设处", "lead"), ("省公路局", "responsible")]),
        ("厅安监处、省海事局等配合", [("厅安监处", "cooperating"), ("省海事局", "cooperating")]),
        ("牵头单位：厅建设处；协助单位：省公路局", [("厅建设处", "lead"), ("省公路局", "cooperating")]),
        ("牵头领导：张三；牵头单位：区发改局", [("区发改局", "lead")]),
        ("牵头单位：厅建设处(负责人：张三)", [("厅建设处", "lead")]),
    ],
)  # fmt: skip
def test_roles_dates_and_people_said_in_the_list_are_never_a_units_name(content, expected):
    assert roles(content) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("全年节约1.5万吨标准煤。", ("节约标准煤", "gte", Decimal("1.5"), "万吨")),
        ("招商引资签约30个项目。", ("招商引资签约项目", "gte", Decimal("30"), "个")),
        ("港口吞吐量达到3.5亿吨。", ("港口吞吐量", "gte", Decimal("3.5"), "亿吨")),
        ("集装箱吞吐量达到100万TEU。", ("集装箱吞吐量", "gte", Decimal("100"), "万TEU")),
        ("6月30日前完成招标5个项目。", ("招标项目", "gte", Decimal("5"), "个")),
        ("上半年完成改造50座。", ("改造", "gte", Decimal("50"), "座")),
    ],
)
def test_targets_whose_wording_only_looks_like_something_else(sentence, expected):
    [item] = parse_document(f"1.{sentence}（厅运输处）", year=2025).items
    assert [(t.name, t.comparator, t.target_value, t.measure_unit) for t in item.targets] == [expected]


def test_an_ordinal_is_no_target_and_a_later_year_in_a_one_year_plan_is_kept():
    draft = parse_document(
        "1.开展第3批试点。（厅运输处）\n2.2026年6月底前完成新建充电桩200个。（厅建设处）", year=2025
    )
    assert draft.items[0].targets == []
    assert [(t.name, t.due_date) for t in draft.items[1].targets] == [("新建充电桩", dt.date(2026, 6, 30))]


def test_a_summary_deadline_is_named_within_its_clause():
    [item] = parse_document(
        "1.及时报送工作信息，并于12月底前向厅办公室报送年度工作总结。（各单位）", year=2025
    ).items
    assert [(d.name, d.recipient) for d in item.deadlines] == [("年度工作总结", "厅办公室")]
