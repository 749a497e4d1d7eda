"""Importing a plan from its document: the 2024 document reproduces the plan seed_demo loads, field by
field; a new year is created; unknown units are listed and settled; bad input writes nothing."""

import io
import json
import zipfile

import docx
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from tasks.models import Assignment, Deadline, Plan, Target, TargetReporter, WorkItem
from tasks.workpoints.imports import UnitChoice, plan_import
from tasks.workpoints.parse import parse_document
from tasks.workpoints.read import DocumentRefused, document_text
from tasks.workpoints.resolve import resolve_units
from units.choices import UnitKind
from units.models import Unit, User

SOURCE = (settings.BASE_DIR / "fixtures" / "work-points-2024.txt").read_text(encoding="utf-8")
# The fixture's one target the document states no figure for: 完成长春国际陆港多式联运示范工程创建工作任务
# is a task to finish, which the administrator tracks as a milestone of 1 项. The parser does not invent
# it, and an import keeps it.
EDITORIAL_TARGETS = {(15, "长春国际陆港多式联运示范工程创建")}


def snapshot(plan):
    """Everything an import could change, as plain values."""
    items = WorkItem.objects.filter(plan=plan).select_related("section").order_by("number")
    return {
        "plan": (plan.year, plan.title),
        "sections": list(plan.sections.order_by("number").values_list("number", "title")),
        "items": [(i.number, i.section.number, i.title, i.text, i.units_text, i.cooperating_units_report) for i in items],
        "assignments": sorted(
            Assignment.objects.filter(work_item__plan=plan).values_list("work_item__number", "unit__code", "role")
        ),
        "targets": sorted(
            Target.objects.filter(work_item__plan=plan).values_list(
                "work_item__number", "name", "measure_unit", "comparator", "target_value", "target_min",
                "target_max", "due_date", "sort_order",
            )
        ),
        "reporters": sorted(
            TargetReporter.objects.filter(target__work_item__plan=plan).values_list("target__name", "unit__code", "scope")
        ),
        "deadlines": sorted(
            Deadline.objects.filter(work_item__plan=plan).values_list(
                "work_item__number", "name", "kind", "period", "due_date", "recipient"
            )
        ),
    }  # fmt: skip


def test_the_2024_document_reproduces_the_seeded_plan_field_by_field(seeded):
    plan = Plan.objects.get(year=2024)
    draft = parse_document(SOURCE, year=2024)
    resolution = resolve_units(draft)
    assert draft.problems == [] and resolution.unknown == {}
    assert draft.title == plan.title
    assert [(s.number, s.title) for s in draft.sections] == list(plan.sections.values_list("number", "title"))
    items = {i.number: i for i in WorkItem.objects.filter(plan=plan)}
    assert [i.number for i in draft.items] == sorted(items) == list(range(1, 27))
    for parsed in draft.items:
        item = items[parsed.number]
        assert (parsed.section, parsed.body, parsed.units_text) == (
            item.section.number,
            item.text,
            item.units_text,
        )
        assigned = {(u.unit.code, u.role) for u in resolution.items[parsed.number]}
        assert assigned == {(a.unit.code, a.role) for a in item.assignments.select_related("unit")}, (
            parsed.number
        )
        stored = {t.name: t for t in item.targets.all()}
        for target in parsed.targets:
            kept = stored.pop(target.name)
            assert (target.measure_unit, target.comparator, target.target_value, target.target_min,
                    target.target_max, target.due_date) == (
                kept.measure_unit, kept.comparator, kept.target_value, kept.target_min, kept.target_max,
                kept.due_date,
            ), target.name  # fmt: skip
        assert {(parsed.number, name) for name in stored} <= EDITORIAL_TARGETS
        deadlines = {(d.name, d.kind, d.period, d.due_date, d.recipient) for d in item.deadlines.all()}
        assert {(d.name, d.kind, d.period, d.due_date, d.recipient) for d in parsed.deadlines} == deadlines
    # and importing it over the seeded plan changes nothing at all
    before = snapshot(plan)
    plan_import(draft=draft, source_text=SOURCE)
    assert snapshot(Plan.objects.get(year=2024)) == before


def test_next_years_document_creates_its_plan(seeded):
    text = SOURCE.replace("2024年", "2025年").replace("3087公里", "3200公里")
    plan = plan_import(draft=parse_document(text, year=2025), source_text=text)
    assert plan.year == 2025 and plan.title == "2025年吉林省交通运输行业生态环境保护工作要点"
    assert plan.work_items.count() == 26 and plan.sections.count() == 6
    target = Target.objects.get(work_item__plan=plan, name="高速公路绿化单项里程")
    assert target.target_value == 3200 and str(target.due_date) == "2025-12-31"
    # the reporters default to the item's responsible units, as contributions
    assert set(target.reporters.values_list("unit__short_name", flat=True)) == {
        "厅公路处",
        "省执法局",
        "省公路局",
        "吉高集团",
    }
    # item 3's summaries fall in the new year; the nine city bureaus cooperate on items 4-26
    assert set(Deadline.objects.filter(work_item__plan=plan).values_list("period", flat=True)) == {
        "2025-H1",
        "2025-Y",
    }
    assert (
        Assignment.objects.filter(work_item__plan=plan, work_item__number=26, role="cooperating").count() == 9
    )
    assert Plan.objects.count() == 2


def test_unknown_units_are_listed_then_mapped_or_created(seeded):
    text = (
        "一、重点任务\n1.推进A。（厅建设处、省港航中心）\n2.推进B。（牵头部门：省低碳办，责任部门：厅建设处）"
    )
    draft = parse_document(text, year=2025)
    resolution = resolve_units(draft)
    assert resolution.unknown == {"省港航中心": [1], "省低碳办": [2]}
    assert [(u.name, u.unit) for u in resolution.items[1]][1] == ("省港航中心", None)  # kept, without a unit
    with pytest.raises(ValidationError, match="省港航中心"):
        plan_import(draft=draft, source_text=text, choices={})
    assert not Plan.objects.filter(year=2025).exists()
    hangdao = Unit.objects.get(short_name="省航道局")
    plan_import(
        draft=draft,
        source_text=text,
        choices={
            "省港航中心": UnitChoice(unit=hangdao),
            "省低碳办": UnitChoice(kind=UnitKind.DEPARTMENT_OFFICE),
        },
    )
    hangdao.refresh_from_db()
    assert "省港航中心" in hangdao.aliases  # next year's document is read without asking
    assert (
        Assignment.objects.get(work_item__plan__year=2025, work_item__number=2, role="lead").unit.name
        == "省低碳办"
    )


def test_the_command_prints_json_and_writes_nothing_on_a_dry_run(seeded, tmp_path, capsys):
    path = tmp_path / "2025.txt"
    path.write_text(SOURCE.replace("2024年", "2025年"), encoding="gb18030")  # as Windows tools save it
    call_command("import_plan", str(path), "--year", "2025", "--dry-run", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"sections", "items", "unknown_units"} and data["unknown_units"] == []
    item3 = data["items"][2]
    assert {u["role"] for u in item3["units"]} == {"lead", "responsible"}
    assert all(u["unit_id"] for u in item3["units"])
    assert item3["deadlines"] == [
        {"name": "碳达峰碳中和半年工作总结", "due_date": "2025-06-30"},
        {"name": "碳达峰碳中和年度工作总结", "due_date": "2025-12-31"},
    ]
    nine = data["items"][8]["targets"]
    assert nine[0] == {"name": "高速公路绿化单项里程", "measure_unit": "公里", "comparator": "gte", "target_value": "3087",
                       "target_min": None, "target_max": None, "due_date": "2025-12-31"}  # fmt: skip
    assert not Plan.objects.filter(year=2025).exists()
    call_command("import_plan", str(path), "--year", "2025", stdout=io.StringIO(), stderr=io.StringIO())
    assert Plan.objects.get(year=2025).work_items.count() == 26


def _docx(paragraphs) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_docx_is_read_by_its_paragraphs():
    text = document_text(data=_docx(["一、重点任务", "1.推进A。（厅建设处）"]), name="要点.docx")
    assert text.splitlines() == ["一、重点任务", "1.推进A。（厅建设处）"]


def _bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\x00" * (60 * 1024 * 1024))
    return out.getvalue()


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"", "a.txt", "文档内容为空"),
        (b"   \n  ", "a.txt", "文档内容为空"),
        (b"%PDF-1.4 not a docx", "要点.docx", "不是有效的 Word 文档"),
        (b"x" * (5 * 1024 * 1024 + 1), "a.txt", "超过上限"),
        (None, "bomb.docx", "压缩炸弹"),
    ],
)
def test_bad_documents_are_refused_with_a_message(data, name, message):
    with pytest.raises(DocumentRefused, match=message):
        document_text(data=_bomb() if data is None else data, name=name)


@pytest.mark.parametrize(
    "text, message",
    [
        ("这里没有编号的任务。", "没有找到编号的工作任务"),
        ("2025年工作安排\n关于印发的说明：\n（以下内容待定）", "读到：3 段文字，标题“2025年工作安排”。"),
    ],
)
def test_a_document_the_parser_cannot_read_writes_nothing(seeded, text, message):
    with pytest.raises(ValidationError, match=message):
        plan_import(draft=parse_document(text, year=2025), source_text=text)
    assert not Plan.objects.filter(year=2025).exists()
    with pytest.raises(CommandError):
        call_command("import_plan", "/nonexistent.txt", "--year", "2025")


IMPORT = "/plan/import/"


def test_the_import_page_previews_then_creates_with_a_unit_settled_and_a_target_corrected(seeded, client):
    client.force_login(User.objects.get(username="admin"))
    text = "二、重点任务\n（一）绿色转型\n1.推进A，完成绿化300公里。（厅建设处、省港航中心）"
    preview = client.post(IMPORT, {"year": 2025, "text": text, "step": "preview"})
    html = preview.content.decode()
    assert preview.status_code == 200 and "未识别的单位" in html and "省港航中心" in html
    assert 'id="src-1"' in html  # the item's source, highlighted
    assert not Plan.objects.filter(year=2025).exists()
    # creating without settling the unknown unit is refused, nothing written
    refused = client.post(IMPORT, {"year": 2025, "text": text, "step": "create", "t-1-0-name": "绿化里程",
                                   "t-1-0-comparator": "gte", "t-1-0-value": "300"})  # fmt: skip
    assert refused.status_code == 400 and "请为“省港航中心”选择对应的单位" in refused.content.decode()
    assert not Plan.objects.filter(year=2025).exists()
    hangdao = Unit.objects.get(short_name="省航道局")
    done = client.post(
        IMPORT,
        {"year": 2025, "text": text, "step": "create", "unit-0": str(hangdao.pk), "t-1-0-name": "公路绿化里程",
         "t-1-0-comparator": "gte", "t-1-0-value": "350"},
        follow=True,
    )  # fmt: skip
    assert "已导入" in done.content.decode()
    target = Target.objects.get(work_item__plan__year=2025)
    assert (target.name, target.target_value) == ("公路绿化里程", 350)
    assert set(Assignment.objects.filter(work_item__plan__year=2025).values_list("unit__short_name", flat=True)) == {
        "厅建设处", "省航道局",
    }  # fmt: skip


def test_reimporting_a_year_shows_what_would_change_and_updates_it(seeded, client):
    client.force_login(User.objects.get(username="admin"))
    text = SOURCE.replace("3087公里", "3100公里")
    preview = client.post(IMPORT, {"year": 2024, "text": text, "step": "preview"}).content.decode()
    assert "确认后将更新它，不会重复建立" in preview
    assert (
        "第 9 项：指标“高速公路绿化单项里程”目标 ≥3087公里（2024-12-31） → ≥3100公里（2024-12-31）" in preview
    )
    assert "确认更新工作要点" in preview


@pytest.mark.parametrize("role", ["leader", "staff-changchun", "head-changchun"])
def test_only_administrators_import_plans(seeded, client, role):
    user = User.objects.get(username=role)
    client.force_login(user)
    assert client.get(IMPORT).status_code == 403
    assert client.post(IMPORT, {"year": 2025, "text": "1.推进A。（厅建设处）"}).status_code == 403


def test_the_import_page_says_what_is_wrong_with_the_input(seeded, client):
    client.force_login(User.objects.get(username="admin"))
    empty = client.post(IMPORT, {"year": 2025, "text": "  ", "step": "preview"})
    assert empty.status_code == 400 and "请上传原文文件，或粘贴原文" in empty.content.decode()
    fake = SimpleUploadedFile("要点.docx", b"not a word file")
    bad = client.post(IMPORT, {"year": 2025, "file": fake, "step": "preview"})
    assert bad.status_code == 400 and "不是有效的 Word 文档" in bad.content.decode()
    none = client.post(
        IMPORT, {"year": 2025, "text": "没有编号的说明文字。", "step": "preview"}
    ).content.decode()
    assert "没有找到编号的工作任务" in none and "disabled" in none
