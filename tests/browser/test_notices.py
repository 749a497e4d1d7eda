"""The bell in a real browser: the head returns a report, the staff member sees the bell's count,
opens the notice, lands on the report, and the count is gone."""

import pytest

from reports.choices import ReportStatus
from reports.models import ProgressReport
from reports.workflow import services
from tests.browser.test_report_cycle import plan_with_unit  # noqa: F401 (a fixture)
from units.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submitted_report(item):
    staff = User.objects.get(username="staff-changchun")
    report = services.report_create(user=staff, work_item=item, unit=staff.unit, period="2024-11")
    services.report_update(report=report, user=staff, version=report.version, done="完成绿化 300 公里。")
    services.report_submit(report=report, user=staff)
    return report


def test_the_bell_shows_a_returned_report_and_reading_it_clears_the_count(page, login, shot, plan_with_unit):  # noqa: F811
    item, _target = plan_with_unit
    report = submitted_report(item)

    # the head returns it with a comment
    login("head-changchun")
    page.get_by_test_id("bell").click()
    page.wait_for_url("**/notifications/")
    page.get_by_role("link", name="【待审核】长春市 · 9号任务 · 2024年11月").click()
    page.wait_for_url(f"**/reports/{report.pk}/")
    page.get_by_label("审核意见").fill("请补充分路段明细。")
    page.get_by_role("button", name="退回修改").click()
    page.get_by_test_id("return-comment").wait_for()

    # the staff member sees one unread notice on the bell
    login("staff-changchun")
    assert page.get_by_test_id("bell-count").inner_text() == "1"
    page.get_by_test_id("bell").click()
    page.wait_for_url("**/notifications/")
    notice = page.get_by_test_id("notices")
    assert "请补充分路段明细。" in notice.inner_text()
    shot("notices-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.get_by_test_id("bell-phone-count").inner_text() == "1"  # beside the menu button
    shot("notices-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    # opening it leads to the report, and the bell's count is gone
    page.get_by_role("link", name="【已退回】长春市 · 9号任务 · 2024年11月").click()
    page.wait_for_url(f"**/reports/{report.pk}/")
    assert page.get_by_test_id("bell-count").count() == 0
    assert ProgressReport.objects.get().status == ReportStatus.RETURNED
