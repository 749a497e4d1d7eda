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
