"""The importer on the forms other departments' plans are written in: numbering levels, where the
unit parenthesis stands, units on lines of their own or on a heading, items without units, the
header (source line, document number, greeting), and the measure units and wording of their
targets. Short texts written for each form; a generated family of documents; the plans in
fixtures/workpoints (public documents, their sources in each file's header)."""

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tasks.workpoints.parse import NO_UNITS, parse_document
from tests.mutations import mutated

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "workpoints"


def units_of(draft):
    return [[(u.name, u.role) for u in item.units] for item in draft.items]


def test_tasks_numbered_yi_under_parts_are_found_and_filed_under_their_part():
    draft = parse_document(
        "2025年某市交通运输局重点工作任务分工方案\n"
        "一、加快绿色转型。以降碳为重点，推进各项工作。\n"
        "（一）抓好运输结构调整。推进公转铁。（责任部门：局运输科）\n"
        "（二）推广新能源车辆。更新公交车。（责任部门：局运输科、局安全科）\n"
        "二、强化污染防治\n"
        "（一）治理船舶污染。（责任部门：市港航中心）\n",
        year=2025,
    )
    assert draft.task_level == "section" and not draft.problems and not draft.warnings
    assert [(i.number, i.label, i.section, i.title) for i in draft.items] == [
        (1, "（一）", 1, "抓好运输结构调整"),
        (2, "（二）", 1, "推广新能源车辆"),
        (3, "（一）", 2, "治理船舶污染"),
    ]
    # a heading with a sentence after it, or ending in 。, is a heading: its first sentence is the title
    assert [s.title for s in draft.sections] == ["加快绿色转型", "强化污染防治"]


def test_tasks_numbered_yi_alone_and_points_numbered_1_in_brackets():
    whole = parse_document("一、推进A。（厅运输处）\n二、推进B。（厅建设处）", year=2025)
    assert whole.task_level == "part" and [i.title for i in whole.items] == ["推进A", "推进B"]
    points = parse_document(
        "1.绿色交通\n（1）推进A。（厅运输处）\n（2）推进B。（厅建设处）\n2.平安交通\n（1）推进C。（省公路局）",
        year=2025,
    )
    # numbering starts again under each heading; the plan numbers its items through
    assert points.task_level == "point"
    assert [(i.number, i.label, i.section) for i in points.items] == [
        (1, "（1）", 1),
        (2, "（2）", 1),
        (3, "（1）", 2),
    ]
    assert [s.title for s in points.sections] == ["绿色交通", "平安交通"]


def test_points_without_units_inside_an_item_stay_its_text():
    draft = parse_document(
        "1.推进绿色出行：\n（1）更新公交车；\n（2）建设慢行系统。（厅运输处）\n2.推进B。（厅建设处）",
        year=2025,
    )
    assert draft.task_level == "item" and len(draft.items) == 2
    assert draft.items[0].body == "推进绿色出行：（1）更新公交车；（2）建设慢行系统。"


def test_the_unit_parenthesis_before_the_last_sentence_and_units_on_lines_of_their_own():
    draft = parse_document(
        "1.推进A（牵头单位：厅运输处；配合单位：省海事局）。各地要结合实际抓好落实。\n"
        "2.推进B，增长5%左右。\n牵头单位：厅建设处\n责任单位：省公路局，省航道局\n"
        "3.推进C（详见附件）。",
        year=2025,
    )
    assert units_of(draft)[:2] == [
        [("厅运输处", "lead"), ("省海事局", "cooperating")],
        [("厅建设处", "lead"), ("省公路局", "responsible"), ("省航道局", "responsible")],
    ]
    assert [i.body for i in draft.items[:2]] == ["推进A。各地要结合实际抓好落实。", "推进B，增长5%左右。"]
    # a parenthesis that names no role is the item's text, and item 3 has no unit
    assert draft.items[2].body == "推进C（详见附件）。" and draft.items[2].warning == NO_UNITS


def test_items_without_units_take_their_headings_units_or_are_kept_with_a_warning():
    draft = parse_document(
        "一、目标\n1.目标。到年底完成各项任务。\n"
        "二、重点任务（责任单位：厅运输处）\n2.推进A。\n3.推进B。（省公路局）",
        year=2025,
    )
    assert not draft.problems
    assert units_of(draft) == [[], [("厅运输处", "responsible")], [("省公路局", "responsible")]]
    assert draft.items[1].inherited == "二、重点任务（责任单位：厅运输处）"
    assert draft.warnings == [f"第 1 项（原文 1.）：{NO_UNITS}"]


@pytest.mark.parametrize(
    "text, title, issuer, number",
    [
        (
            "来源：吉林省交通运输厅  发布时间：2025-02-10\n吉交发〔2025〕3号\n"
            "2025年吉林省交通运输行业\n生态环境保护工作要点\n各市（州）交通运输局：\n"
            "现将要点印发给你们。\n1.推进A。（厅运输处）",
            "2025年吉林省交通运输行业生态环境保护工作要点", "吉林省交通运输厅", "吉交发〔2025〕3号",
        ),
        (
            "某某市交通运输局文件\n某交发〔2023〕12号\n某某市交通运输局关于印发《某某市绿色交通三年行动方案（2023—2025年）》的通知\n"
            "各县（市、区）交通运输局：\n现印发给你们。\n某某市交通运输局\n2023年3月1日\n"
            "某某市绿色交通三年行动方案（2023—2025年）\n一、推进A。（局运输科）",
            "某某市绿色交通三年行动方案（2023—2025年）", "某某市交通运输局", "某交发〔2023〕12号",
        ),
        (
            "省交通运输厅关于印发2025年政务公开重点工作清单的通知\n为做好工作，制定本清单。\n一、推进A。（厅办公室）",
            "省交通运输厅2025年政务公开重点工作清单", "省交通运输厅", "",
        ),
    ],
)  # fmt: skip
def test_the_header_gives_title_issuer_and_document_number_each_apart(text, title, issuer, number):
    draft = parse_document(text, year=2025)
    assert (draft.title, draft.issuer, draft.doc_number) == (title, issuer, number)


@pytest.mark.parametrize(
    "sentence, name, unit, goal",
    [
        ("培养交通运输专业技术人才200名。", "培养交通运输专业技术人才", "名", ("gte", 200)),
        ("重点扶持100名青年科技人才。", "重点扶持青年科技人才", "名", ("gte", 100)),
        ("开展安全培训50场次。", "开展安全培训", "场次", ("gte", 50)),
        ("服务旅客达到1200万人次。", "服务旅客", "万人次", ("gte", 1200)),
        ("新增清洁能源船舶30艘。", "新增清洁能源船舶", "艘", ("gte", 30)),
        ("港口集装箱吞吐量达到50万标箱。", "港口集装箱吞吐量", "万标箱", ("gte", 50)),
        ("集装箱多式联运量达到12000TEU。", "集装箱多式联运量", "TEU", ("gte", 12000)),
        ("培育物流企业10家。", "培育物流企业", "家", ("gte", 10)),
        ("建成充电桩200套。", "建成充电桩", "套", ("gte", 200)),
        # approximate: a tenth either side
        ("新建公交线路100条左右。", "新建公交线路", "条", ("range", 90, 110)),
        ("建成约20座服务区充电站。", "建成服务区充电站", "座", ("range", 18, 22)),
    ],
)
def test_targets_in_the_measure_units_of_other_plans(sentence, name, unit, goal):
    [item] = parse_document(f"1.{sentence}（厅运输处）", year=2025).items
    [target] = item.targets
    assert (target.name, target.measure_unit) == (name, unit)
    figures = (target.target_value,) if goal[0] != "range" else (target.target_min, target.target_max)
    assert (target.comparator, *figures) == (goal[0], *(Decimal(v) for v in goal[1:]))


def test_a_plan_for_several_years_dates_each_target_in_the_year_its_text_names():
    draft = parse_document(
        "某省绿色交通三年行动方案（2024—2026年）\n"
        "1.到2025年，新增新能源公交车500辆。（厅运输处）\n"
        "2.建成充电站30座。（厅建设处）\n"
        "3.2024年6月底前完成改造10个。（省公路局）",
        year=2024,
    )
    assert draft.last_year == 2026
    assert [t.due_date for i in draft.items for t in i.targets] == [
        dt.date(2025, 12, 31), dt.date(2026, 12, 31), dt.date(2024, 6, 30),
    ]  # fmt: skip
    one_year = parse_document("2024年工作要点\n1.建成充电站30座。（厅建设处）", year=2024)
    assert one_year.last_year == 0 and one_year.items[0].targets[0].due_date == dt.date(2024, 12, 31)


# a generated family of plans: every numbering level, bracket, label and role form together
NAMES = ["厅运输处", "厅建设处", "省公路局", "省海事局", "各县（市、区）交通运输局", "吉高集团"]
LEVELS = {
    "part": ("", lambda n: f"{'一二三四五六七八九'[n - 1]}、"),
    "section": ("一、重点任务\n", lambda n: f"（{'一二三四五六七八九'[n - 1]}）"),
    "item": ("一、重点任务\n（一）绿色交通。以降碳为重点。\n", lambda n: f"{n}."),
    "point": ("（一）重点任务\n1.绿色交通\n", lambda n: f"（{n}）"),
}
BRACKETS = [("（", "）"), ("(", ")"), ("〔", "〕"), ("【", "】")]


@st.composite
def plans(draw):
    level = draw(st.sampled_from(sorted(LEVELS)))
    opening, closing = draw(st.sampled_from(BRACKETS))
    tasks = []
    for _ in range(draw(st.integers(1, 8))):
        lead = draw(st.sampled_from(NAMES))
        others = draw(st.lists(st.sampled_from([n for n in NAMES if n != lead]), max_size=2, unique=True))
        form = draw(st.integers(0, 3))
        if form == 0:
            content, expected = "、".join([lead, *others]), [(n, "responsible") for n in [lead, *others]]
        elif form == 1:
            label = draw(st.sampled_from(["牵头单位：", "牵头部门：", "牵头处室 "]))
            content = label + lead + (f"；配合部门：{'、'.join(others)}" if others else "")
            expected = [(lead, "lead"), *[(n, "cooperating") for n in others]]
        elif form == 2:
            content = f"{lead}牵头" + (f"，{'、'.join(others)}参与" if others else "")
            expected = [(lead, "lead"), *[(n, "cooperating") for n in others]]
        else:
            content = f"{lead}负责" + (f"，{'、'.join(others)}配合" if others else "")
            expected = [(lead, "responsible"), *[(n, "cooperating") for n in others]]
        tail = draw(st.sampled_from(["", "各地要抓好落实。"])) if form else ""
        tasks.append(
            (f"推进第{len(tasks) + 1}项工作，完成改造3.5公里。{opening}{content}{closing}。{tail}", expected)
        )
    heading, label = LEVELS[level]
    text = (
        "2025年某省交通运输工作要点\n"
        + heading
        + "\n".join(label(n) + t for n, (t, _e) in enumerate(tasks, 1))
    )
    return level, text, [e for _t, e in tasks]


@settings(max_examples=150, deadline=None)
@given(plans())
def test_every_generated_plan_is_read_whole(plan):
    level, text, expected = plan
    draft = parse_document(text, year=2025)
    assert draft.task_level == level and not draft.problems and not draft.warnings
    assert units_of(draft) == expected
    assert [i.number for i in draft.items] == list(range(1, len(expected) + 1))


ROLE_TEXT = re.compile(r"(单位|部门|处室|科室)\s*[:：]|牵头$|参与$|配合$|负责$|下同|第一位|不再列出|[。:：]")


def corpus():
    return list(_corpus())


def _corpus():
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        header = dict(re.findall(r"^# (\w+): (.*)$", text, re.M))
        body = "\n".join(line for line in text.splitlines() if not line.startswith("# "))
        yield pytest.param(header, body, id=path.stem)


@pytest.mark.parametrize("header, body", corpus())
def test_each_public_plan_in_the_corpus_is_read(header, body):
    assert header["source"].startswith("http")
    draft = parse_document(body, year=int(header["year"][:4]))
    assert not draft.problems and draft.items
    # every numbered task found: the file's own count of its tasks, from its header
    assert len(draft.items) == int(header["tasks"].split()[0])
    for item in draft.items:
        for unit in item.units:
            assert not ROLE_TEXT.search(unit.name), (item.number, unit.name)
        assert bool(item.units) != bool(item.warning), item.number


def test_a_note_in_the_parenthesis_gives_the_later_items_its_units_and_is_no_name():
    draft = parse_document(
        "1.推进A。〔厅运输处牵头，省海事局参与，各县、区交通运输局负责落实。以下各项工作均需各县、区交通运输局落实，不再列出。〕\n"
        "2.推进B。（厅建设处）\n3.推进C。（省公路局）",
        year=2025,
    )
    county = "各县、区交通运输局"  # one group: its head is not a unit of its own
    assert units_of(draft) == [
        [("厅运输处", "lead"), ("省海事局", "cooperating"), (county, "responsible")],
        [("厅建设处", "responsible"), (county, "responsible")],
        [("省公路局", "responsible"), (county, "responsible")],
    ]
    assert [(n.units_text, n.role, n.from_item) for n in draft.notes] == [(county, "responsible", 2)]


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_a_mutated_public_plan_never_crashes_the_parser_and_every_item_is_units_or_a_warning(data):
    _header, body = data.draw(st.sampled_from([p.values for p in corpus()]))
    body = mutated(data, body, "（）()〔〕【】、，,。：:1２一（一）.．\n牵头参与负责下同")
    draft = parse_document(body, year=2024)
    if not draft.items:
        assert draft.problems  # refused only when nothing is found, and then it says so
    first = draft.items[0].number if draft.items else 1
    assert [i.number for i in draft.items] == list(range(first, first + len(draft.items)))
    for item in draft.items:
        assert item.warning or any(not (u.from_note and u.role == "cooperating") for u in item.units), item


def test_a_task_in_two_halves_has_the_units_of_both():
    [item] = parse_document(
        "1.制定准入清单。完成编制工作。〔市生态环境局牵头，市发展改革局参与，各县、区人民政府(管委会)负责落实〕"
        "按省的要求，不再新建燃煤锅炉。（市生态环境局、市场监管局牵头，工业和信息化局参与）",
        year=2025,
    ).items
    assert [(u.name, u.role) for u in item.units] == [
        ("市生态环境局", "lead"), ("市场监管局", "lead"), ("工业和信息化局", "cooperating"),
        ("市发展改革局", "cooperating"), ("各县、区人民政府(管委会)", "responsible"),
    ]  # fmt: skip
    assert item.body == "制定准入清单。完成编制工作。按省的要求，不再新建燃煤锅炉。"
    # a plain bracket in the text is text
    [plain] = parse_document("1.加强与省公安厅（交警总队）协作。（厅运输处）", year=2025).items
    assert plain.body == "加强与省公安厅（交警总队）协作。"
