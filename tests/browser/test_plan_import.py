"""Importing next year's plan in a real browser: the administrator uploads the document, reads the
preview beside the source, settles one unknown unit, and creates the plan."""

import pytest
from django.core.management import call_command

from tasks.models import Assignment, Plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCUMENT = """2025年吉林省交通运输行业
生态环境保护工作要点

二、重点任务
（一）强化交通建设绿色环保
1.深入实施公路两侧造林绿化工作方案，完成全省高速公路绿化单项里程3200公里。（厅公路处、省港航中心按职责分工负责）
2.加快推进交能融合发展，力争2025年底高速公路快充覆盖率达70%以上。（牵头部门：厅公路处，责任部门：吉高集团）
"""


@pytest.fixture
def units_and_2024(settings):
    settings.DEBUG = True
    settings.DEMO_PASSWORD = "pass12345"
    call_command("seed_demo", "--no-history", verbosity=0)


def test_an_administrator_imports_next_years_plan_from_its_document(
    page, login, nav, shot, units_and_2024, tmp_path
):
    source = tmp_path / "2025年工作要点.txt"
    source.write_text(DOCUMENT, encoding="utf-8")
    login("admin")
    nav("工作要点")
    page.get_by_test_id("plan-import").click()
    page.wait_for_url("**/plan/import/")
    page.get_by_label("年度").fill("2025")
    page.get_by_label("原文文件（.txt 或 .docx）").set_input_files(str(source))
    page.get_by_test_id("parse").click()

    # the preview: the items beside their source, the unknown unit marked
    page.get_by_test_id("unknown-units").wait_for()
    assert page.locator("#src-1").inner_text().startswith("1.深入实施公路两侧造林绿化工作方案")
    assert page.locator("article[data-item='1']").get_by_test_id("unknown").inner_text() == "责任·省港航中心"
    assert page.get_by_label("指标名称").first.input_value() == "高速公路绿化单项里程"
    shot("plan-import-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("plan-import-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    # 省港航中心 is the 航道局 under another name
    page.get_by_label("省港航中心").select_option(label="省航道局（吉林省航道管理局）")
    page.get_by_test_id("import-plan").click()
    page.wait_for_url("**/plan/2025/")
    assert "已导入" in page.get_by_role("alert").first.inner_text()
    assert page.get_by_text("1. 深入实施公路两侧造林绿化工作方案").count() == 1
    plan = Plan.objects.get(year=2025)
    assert set(
        Assignment.objects.filter(work_item__plan=plan, work_item__number=1).values_list(
            "unit__short_name", flat=True
        )
    ) == {"厅公路处", "省航道局"}
    assert (
        Assignment.objects.get(work_item__plan=plan, work_item__number=2, role="lead").unit.short_name
        == "厅公路处"
    )


OTHER_FORM = """某交发〔2025〕3号
2025年吉林省交通运输政务公开重点工作清单
各市（州）交通运输局：
一、工作目标
（一）目标。全年政务公开工作质量明显提升。
二、重点任务
（二）抓好主动公开。及时公开重大项目进展。〔厅运输处牵头，吉高集团参与〕
（三）抓好政策解读。做好图解和视频解读。
"""


def test_a_plan_in_another_form_is_imported_with_its_unclear_items_settled(
    page, login, nav, shot, units_and_2024
):
    login("admin")
    nav("工作要点")
    page.get_by_test_id("plan-import").click()
    page.get_by_label("年度").fill("2025")
    page.get_by_label("或粘贴原文").fill(OTHER_FORM)
    page.get_by_test_id("parse").click()

    unclear = page.get_by_test_id("unassigned-items")
    unclear.wait_for()
    assert "某交发〔2025〕3号" in page.get_by_test_id("draft-header").inner_text()
    assert unclear.locator("[data-item]").count() == 2
    assert page.locator("article[data-item='2']").inner_text().count("厅运输处") == 1
    shot("plan-import-unclear-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("plan-import-unclear-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    unclear.locator("[data-item='1'] select").select_option(label="不是工作任务，不导入")
    unclear.locator("[data-item='3'] select").select_option(label="厅运输处（吉林省交通运输厅运输服务处）")
    page.get_by_test_id("import-plan").click()
    page.wait_for_url("**/plan/2025/")
    assert page.get_by_test_id("plan-header").inner_text() == "某交发〔2025〕3号"
    plan = Plan.objects.get(year=2025)
    assert list(plan.work_items.order_by("number").values_list("number", flat=True)) == [2, 3]
    assert sorted(Assignment.objects.filter(work_item__plan=plan).values_list("work_item__number", "unit__short_name", "role")) == [
        (2, "厅运输处", "lead"), (2, "吉高集团", "cooperating"), (3, "厅运输处", "responsible"),
    ]  # fmt: skip
