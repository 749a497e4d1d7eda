"""The report form in a real browser: messages next to the field, and two people editing one draft."""

import pytest

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
    # when staff choose a status nothing has
    page.get_by_label("本期状态").select_option("approved")
    page.get_by_text("没有符合条件的工作任务。").wait_for()
    # then the list changed in place (same page) and the address keeps the filter
    assert page.evaluate("window.__marker") == 1
    assert "status=approved" in page.url
