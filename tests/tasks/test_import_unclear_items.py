"""A plan with items that name no unit is imported, never refused for them: the preview lists them,
the administrator gives one a unit, leaves a preamble out as not a task, or keeps it to assign
later. The header's issuing body and document number reach the plan."""

import pytest

from tasks.models import Assignment, Plan, WorkItem
from tasks.workpoints.imports import plan_import
from tasks.workpoints.parse import parse_document
from tasks.workpoints.resolve import resolve_units
from units.models import Unit, User

IMPORT = "/plan/import/"
TEXT = (
    "某交发〔2025〕3号\n2025年某省交通运输生态环保工作要点\n各市（州）交通运输局：\n"
    "一、总体目标\n1.目标。全年完成各项任务。\n"
    "二、重点任务\n2.推进A。（厅建设处）\n3.推进B。\n4.推进C（厅运输处。"
)


def test_items_without_units_are_imported_without_assignments(seeded):
    draft = parse_document(TEXT, year=2025)
    assert not draft.problems and [i.number for i in draft.items if i.warning] == [1, 3, 4]
    plan = plan_import(draft=draft, source_text=TEXT)
    assert (plan.title, plan.issuer, plan.doc_number) == (
        "2025年某省交通运输生态环保工作要点",
        "",
        "某交发〔2025〕3号",
    )
    assert list(plan.work_items.order_by("number").values_list("number", flat=True)) == [1, 2, 3, 4]
    assert list(
        Assignment.objects.filter(work_item__plan=plan).values_list("work_item__number", "unit__short_name")
    ) == [(2, "厅建设处")]


def test_the_preview_lists_unclear_items_and_the_administrator_settles_each(seeded, client):
    client.force_login(User.objects.get(username="admin"))
    preview = client.post(IMPORT, {"year": 2025, "text": TEXT, "step": "preview"})
    html = preview.content.decode()
    assert preview.status_code == 200 and "没有读出承担单位的任务" in html
    assert html.count('name="item-') == 3 and "括号不配对" in html and "文号：某交发〔2025〕3号" in html
    assert 'data-testid="import-plan" disabled' not in html
    # a unit that does not exist is refused next to its item, and nothing is written
    refused = client.post(IMPORT, {"year": 2025, "text": TEXT, "step": "create", "item-3": "999999"})
    assert refused.status_code == 400 and "第 3 项：所选单位不存在" in refused.content.decode()
    assert not Plan.objects.filter(year=2025).exists()
    yunshu = Unit.objects.get(short_name="厅运输处")
    done = client.post(
        IMPORT, {"year": 2025, "text": TEXT, "step": "create", "item-1": "skip", "item-3": str(yunshu.pk), "item-4": ""},
        follow=True,
    )  # fmt: skip
    assert "已导入" in done.content.decode()
    plan = Plan.objects.get(year=2025)
    # the preamble is left out, the plan keeps the document's numbers and its one section of tasks
    assert list(plan.work_items.order_by("number").values_list("number", flat=True)) == [2, 3, 4]
    assert list(plan.sections.values_list("number", "title")) == [(1, "重点任务")]
    assert sorted(Assignment.objects.filter(work_item__plan=plan).values_list("work_item__number", "unit__short_name")) == [
        (2, "厅建设处"), (3, "厅运输处"),
    ]  # fmt: skip
    assert WorkItem.objects.get(plan=plan, number=3).units_text == f"责任单位：{yunshu.name}"
    page = client.get(f"/plan/{plan.year}/").content.decode()
    assert "某交发〔2025〕3号" in page


@pytest.mark.parametrize("role", ["leader", "staff-changchun", "head-changchun"])
def test_only_administrators_settle_unclear_items(seeded, client, role):
    client.force_login(User.objects.get(username=role))
    assert (
        client.post(IMPORT, {"year": 2025, "text": TEXT, "step": "create", "item-1": "skip"}).status_code
        == 403
    )
    assert not Plan.objects.filter(year=2025).exists()


def test_a_name_with_a_list_mark_that_the_roster_knows_is_one_unit(seeded):
    # given a unit whose name has a 、 in it
    joint = Unit.objects.create(
        code="joint", name="省公路、航道联合执法支队", short_name="联合执法支队", kind="affiliated_agency"
    )
    text = "1.推进A。（厅运输处、省公路、航道联合执法支队）"
    draft = parse_document(text, year=2025)
    # then the preview offers no unknown name and the plan gives the unit its task
    assert resolve_units(draft).unknown == {}
    plan = plan_import(draft=draft, source_text=text)
    assert set(Assignment.objects.filter(work_item__plan=plan).values_list("unit__short_name", flat=True)) == {
        "厅运输处", joint.short_name,
    }  # fmt: skip
