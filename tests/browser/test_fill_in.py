"""Excel in a real browser: a unit's staff member downloads the fill-in template for a month, fills it
offline, uploads it, reads the preview, confirms, and finds the draft holding the values; an
administrator's large summary export becomes a job whose file is downloaded from its page."""

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest
import time_machine
from django.utils import timezone

from reports.models import ProgressReport
from reports.workflow import services
from tests import factories
from tests.browser.test_report_cycle import plan_with_unit  # noqa: F401 (a fixture)
from units.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_unit_fills_its_template_offline_and_finds_its_draft(page, login, shot, plan_with_unit, tmp_path):  # noqa: F811
    _item, target = plan_with_unit
    login("staff-changchun")
    page.wait_for_url("**/my-work/")
    page.get_by_test_id("fill-in").click()
    page.wait_for_url("**/reports/fill-in/**")
    shot("fill-in-desktop")

    # download November's template
    page.get_by_label("报送期").first.select_option(label="2024年11月（1 项待填，12月5日截止）")
    with page.expect_download() as waiting:
        page.get_by_test_id("template-download").click()
    download = waiting.value
    assert download.suggested_filename == "长春市2024年11月进展填报模板.xlsx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)

    # fill it offline
    book = openpyxl.load_workbook(path)
    assert [c.value for c in book["进展"][3][:3]] == [9, "公路两侧造林绿化", "2024年11月"]
    book["进展"]["F3"] = "新增绿化 300 公里，完成补植。"
    book["进展"]["H3"] = "12 月完成验收。"
    assert book["指标"]["B3"].value == "高速公路绿化单项里程"
    book["指标"]["G3"] = 2450.5
    book.save(path)

    # upload it and read the preview
    page.get_by_label("报送期").nth(1).select_option(label="2024年11月")
    page.get_by_label("填报模板（.xlsx）").set_input_files(str(path))
    page.get_by_test_id("template-upload").click()
    preview = page.get_by_test_id("preview")
    preview.wait_for()
    assert "全部 1 行检查通过" in preview.inner_text() and "新建草稿" in preview.inner_text()
    assert not ProgressReport.objects.exists()
    shot("fill-in-preview-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("fill-in-preview-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    # confirm: back on the work page with the draft written
    page.get_by_test_id("import-confirm").click()
    page.wait_for_url("**/my-work/")
    assert "新建 1 份草稿" in page.get_by_role("alert").first.inner_text()
    card = page.locator("article[data-item='9']")
    card.get_by_role("link", name="继续填报").first.click()
    page.wait_for_url("**/reports/*/edit/")
    assert page.get_by_label("工作进展").input_value() == "新增绿化 300 公里，完成补植。"
    assert page.get_by_label("下步计划").input_value() == "12 月完成验收。"
    assert page.get_by_label("高速公路绿化单项里程（公里）", exact=False).input_value() == "2450.50"
    report = ProgressReport.objects.get()
    assert (report.period, report.values.get(target=target).value) == ("2024-11", Decimal("2450.5"))


# in the plan's year: the pages show it as of today, when the report is approved
@time_machine.travel(timezone.make_aware(dt.datetime(2024, 12, 10, 9)), tick=True)
def test_a_large_summary_export_runs_as_a_job_and_its_file_is_downloaded(
    page,
    login,
    nav,
    settings,
    plan_with_unit,  # noqa: F811
):
    item, _target = plan_with_unit
    staff = User.objects.get(username="staff-changchun")
    report = services.report_create(user=staff, work_item=item, unit=staff.unit, period="2024-11")
    services.report_update(report=report, user=staff, version=report.version, done="完成绿化 300 公里。")
    services.report_submit(report=report, user=staff)
    factories.AdminFactory(username="admin", password="pass12345")
    settings.EXPORT_STREAM_MAX_ROWS = 0  # every export is "large"

    login("admin")
    nav("进展报告")
    page.get_by_test_id("export").click()
    page.wait_for_url("**/reports/exports/*/")
    job = page.get_by_test_id("export-job")
    job.get_by_text("已生成：1 行明细").wait_for()  # built by the task (in-process here)
    with page.expect_download() as waiting:
        job.get_by_test_id("export-file").click()
    assert waiting.value.suggested_filename.endswith(".xlsx")
    # the bell tells of it too
    assert page.get_by_test_id("bell-count").inner_text() == "1"
