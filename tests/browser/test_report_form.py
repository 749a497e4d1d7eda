"""The report form in a real browser: messages next to the field and summed up at the top, the
leave-page warning after a failed save, two people editing one draft, and tables on a phone."""

import re

import pytest
from playwright.sync_api import expect

from reports.models import ProgressReport
from reports.workflow import services
from tests import factories
from units.choices import Role

from .test_report_cycle import plan_with_unit  # noqa: F401 - shared fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def draft(plan_with_unit):  # noqa: F811
    item, target = plan_with_unit
    staff = factories.UserFactory(
        username="staff2-changchun", unit=target.work_item.assignments.get().unit, role=Role.UNIT_STAFF
    )
    report = services.report_create(user=staff, work_item=item, unit=staff.unit, period="2024-11")
    return report, target


def open_draft(page, login, nav, username):
    """Log in and open the November draft as a person does: 进展报告, the report, 编辑."""
    login(username, on=page)
    nav("进展报告", on=page)
    page.get_by_role("link", name="2024年11月").click()
    page.get_by_role("link", name="编辑", exact=True).click()
    page.wait_for_url("**/edit/")


def test_bad_values_are_explained_next_to_their_field_and_nothing_is_saved(page, login, nav, shot, draft):
    report, target = draft
    open_draft(page, login, nav, "staff-changchun")
    # when staff type words where a number belongs, and save
    page.get_by_label("工作进展").fill("推进中")
    page.get_by_label("高速公路绿化单项里程（公里）").fill("一千")
    page.get_by_role("button", name="保存草稿").click()
    # then the message stands under the field, and the report is unchanged
    errors = page.locator(f"#value_{target.pk}-errors")
    assert errors.inner_text() == "请输入数字，例如 12.5。"
    field = page.get_by_label("高速公路绿化单项里程（公里）")
    assert field.get_attribute("aria-invalid") == "true"
    assert field.get_attribute("aria-describedby") == f"value_{target.pk}-errors"
    shot("05-form-error")
    report.refresh_from_db()
    assert (report.version, report.done) == (1, "")
    # and a negative number gets its own message
    page.get_by_label("高速公路绿化单项里程（公里）").fill("-5")
    page.get_by_role("button", name="保存草稿").click()
    assert page.locator(f"#value_{target.pk}-errors").inner_text() == "数值不能为负数。"


def test_the_second_save_of_one_draft_shows_both_versions(browser, page, login, nav, shot, draft):
    report, _target = draft
    # given two colleagues opened the same draft
    open_draft(page, login, nav, "staff-changchun")
    other = browser.new_context(locale="zh-CN").new_page()
    open_draft(other, login, nav, "staff2-changchun")
    # when the first saves
    page.get_by_label("工作进展").fill("张：完成绿化 800 公里。")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_load_state()
    # and the second saves over the version they opened
    other.get_by_label("工作进展").fill("王：完成绿化 820 公里。")
    other.get_by_role("button", name="保存草稿").click()
    # then the second sees a conflict with both texts, and the first one's text is what is saved
    panel = other.get_by_test_id("conflict")
    assert "张：完成绿化 800 公里。" in panel.inner_text()
    assert "王：完成绿化 820 公里。" in panel.inner_text()
    shot("06-conflict", other)
    assert ProgressReport.objects.get(pk=report.pk).done == "张：完成绿化 800 公里。"
    # and saving again, having seen both, keeps the second text on purpose
    other.get_by_role("button", name="保存草稿").click()
    other.wait_for_load_state()
    assert ProgressReport.objects.get(pk=report.pk).done == "王：完成绿化 820 公里。"
    other.context.close()


def test_my_work_filters_without_reloading_the_page(page, live_server, login, plan_with_unit):  # noqa: F811
    login("staff-changchun")
    page.wait_for_url("**/my-work/")
    page.evaluate("window.__marker = 1")
    # when staff choose a state nothing has
    page.get_by_label("报送状态").select_option("approved")
    page.get_by_text("没有符合条件的工作任务。").wait_for()
    # then the list changed in place (same page) and the address keeps the filter
    assert page.evaluate("window.__marker") == 1
    assert "state=approved" in page.url


# ---------------------------------------------------------------- after a failed save


def fail_a_save(page, evidence):
    """Type a word where the number belongs, choose a file, and save: the save fails."""
    page.get_by_label("工作进展").fill("推进中")
    page.get_by_label("高速公路绿化单项里程（公里）").fill("一千")
    page.get_by_label("佐证材料").set_input_files(str(evidence))
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_test_id("error-summary").wait_for()


def in_sight(locator):
    """The element is wholly on the screen (waiting for Bootstrap's smooth scrolling to end)."""
    expect(locator).to_be_in_viewport(ratio=1)


@pytest.fixture
def evidence(tmp_path):
    path = tmp_path / "绿化验收单.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    return path


def test_error_summary_is_focused_at_the_top_and_its_links_lead_to_the_fields(
    page, login, nav, shot, draft, evidence
):
    report, target = draft
    open_draft(page, login, nav, "staff-changchun")
    # when a save fails
    fail_a_save(page, evidence)
    # then a summary at the top of the form has the focus and lists both problems
    summary = page.get_by_test_id("error-summary")
    assert page.evaluate("document.activeElement.dataset.testid") == "error-summary"
    in_sight(summary)
    assert summary.get_by_role("link").all_inner_texts() == [
        "高速公路绿化单项里程（公里） · 本单位完成：请输入数字，例如 12.5。",
        "佐证材料：以下文件尚未上传：绿化验收单.pdf。请修正其他错误后重新选择这些文件。",
    ]
    shot("07-form-errors-desktop")
    # and the link to the file field, which is out of sight below, takes the focus into it
    file_field = page.locator("#id_attachments")
    expect(file_field).not_to_be_in_viewport()
    summary.get_by_role("link", name="佐证材料").click()
    assert page.evaluate("document.activeElement.id") == "id_attachments"
    in_sight(file_field)
    # and the link to the figure takes the focus back up into its field, shown with its label
    summary.get_by_role("link", name="高速公路绿化单项里程").click()
    assert page.evaluate("document.activeElement.id") == f"id_value_{target.pk}"
    in_sight(page.get_by_label("高速公路绿化单项里程（公里）"))
    in_sight(page.locator(f"label[for='id_value_{target.pk}']"))
    report.refresh_from_db()
    assert report.version == 1


def test_error_summary_on_a_phone(page, login, nav, shot, draft, evidence):
    open_draft(page, login, nav, "staff-changchun")
    # given the form on a phone-sized screen
    page.set_viewport_size({"width": 375, "height": 740})
    # when a save fails
    fail_a_save(page, evidence)
    # then the summary is in sight, and the page does not scroll sideways
    in_sight(page.get_by_test_id("error-summary"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    shot("08-form-errors-phone")


def test_leave_page_warning_stays_armed_after_a_failed_save(page, login, nav, draft, evidence):
    report, _target = draft
    open_draft(page, login, nav, "staff-changchun")
    dialogs = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    # given a save that failed: what the form shows is not stored
    fail_a_save(page, evidence)
    edit_url = page.url
    # when staff leave without typing anything more
    page.get_by_role("link", name="查看报告与历史").click()
    # then the browser asks first, and they can stay on the form with their input
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert page.url == edit_url
    assert page.get_by_label("工作进展").input_value() == "推进中"
    # and once the input is saved, leaving is not questioned
    page.get_by_label("高速公路绿化单项里程（公里）").fill("1,200")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url(edit_url)
    page.get_by_text("草稿已保存。").wait_for()
    page.get_by_role("link", name="查看报告与历史").click()
    page.wait_for_url(f"**/reports/{report.pk}/")
    assert dialogs == ["beforeunload"]
    assert report.values.get().value == 1200


# ---------------------------------------------------------------- tables on a phone


def assert_scrolls_rather_than_squeezes(page, table, text: str):
    """The cell of `table` holding `text` keeps a readable width (eight characters of 16 px and more),
    the table's container scrolls sideways, and the page itself does not."""
    cell = table.get_by_role("cell").filter(has_text=text).first
    assert cell.bounding_box()["width"] >= 8 * 16
    container = table.locator("xpath=..")
    assert "table-responsive" in container.get_attribute("class")
    assert container.evaluate("el => el.scrollWidth > el.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_tables_scroll_rather_than_squeeze_on_a_phone(browser, live_server, shot, draft):
    report, target = draft
    # given the November report submitted (a leader reads reports once they are submitted)
    staff = report.created_by
    services.report_update(report=report, user=staff, version=report.version, done="完成绿化 20 公里。")
    services.report_submit(report=report, user=staff)
    factories.LeaderFactory(username="leader")
    # given a leader on a phone-sized screen
    context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 740})
    phone = context.new_page()
    phone.goto(f"{live_server.url}/login/")
    phone.get_by_label("用户名").fill("leader")
    phone.get_by_label("密码").fill("pass12345")
    phone.get_by_role("button", name="登录").click()
    # when they open the overview, then its target table scrolls rather than squeezes
    phone.wait_for_url("**/overview/")
    assert_scrolls_rather_than_squeezes(phone, phone.get_by_test_id("targets"), target.name)
    shot("09-overview-phone", phone)
    # and so does the work item's, reached from the overview
    phone.get_by_test_id("targets").get_by_role("link", name=str(target.work_item.number)).click()
    phone.wait_for_url(re.compile(rf"/items/{target.work_item_id}/(\?as_of=[\d-]+)?$"))  # the date goes along
    assert_scrolls_rather_than_squeezes(phone, phone.get_by_test_id("targets"), target.name)
    # and the list of reports, reached through the folded menu
    phone.get_by_role("button", name="展开菜单").click()
    phone.get_by_role("navigation", name="主导航").get_by_role("link", name="进展报告", exact=True).click()
    phone.wait_for_url("**/reports/")
    assert_scrolls_rather_than_squeezes(phone, phone.locator("table").first, target.work_item.title)
    context.close()
