"""The whole reporting cycle in a real browser: staff submit with evidence, the head returns with a
comment, staff fix and resubmit, the head approves, and the target's actual moves."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from reports.choices import ReportStatus
from reports.models import ProgressReport
from tasks.choices import AssignmentRole
from tests import factories
from units.choices import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def plan_with_unit():
    unit = factories.UnitFactory(code="changchun", name="长春市交通运输局", short_name="长春市")
    item = factories.WorkItemFactory(
        number=9, title="公路两侧造林绿化", section__number=3, section__title="强化交通建设绿色环保"
    )
    factories.AssignmentFactory(work_item=item, unit=unit, role=AssignmentRole.RESPONSIBLE)
    target = factories.TargetFactory(
        work_item=item, name="高速公路绿化单项里程", measure_unit="公里", target_value=Decimal("3087"),
        due_date=dt.date(2024, 12, 31),
    )  # fmt: skip
    factories.TargetReporterFactory(target=target, unit=unit)
    factories.UserFactory(
        username="staff-changchun", unit=unit, role=Role.UNIT_STAFF, last_name="张", first_name="填报"
    )
    factories.UserFactory(
        username="head-changchun", unit=unit, role=Role.UNIT_HEAD, last_name="李", first_name="负责"
    )
    return item, target


# in the plan's year: the pages show it as of today, when the report is approved
@time_machine.travel(timezone.make_aware(dt.datetime(2024, 12, 20, 9)), tick=True)
def test_staff_submit_head_return_resubmit_approve_moves_actual(
    page, login, nav, shot, plan_with_unit, tmp_path
):
    item, target = plan_with_unit
    evidence = tmp_path / "绿化验收单.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    # given the target has no approved figure yet (the head opens the item from the work points)
    login("head-changchun")
    page.wait_for_url("**/review/")
    nav("工作要点")
    page.get_by_role("link", name="9. 公路两侧造林绿化").click()
    page.wait_for_url(f"**/items/{item.pk}/")
    assert page.get_by_test_id(f"actual-{target.pk}").inner_text() == "暂无"

    # when staff log in, they land on their work and open December's report (the year is over: every
    # month is still open to report)
    login("staff-changchun")
    page.wait_for_url("**/my-work/")
    shot("01-my-work")
    card = page.locator("article[data-item='9']")
    card.get_by_role("link", name="填报 2024年12月进展").click()
    page.wait_for_url("**/reports/new/**")

    # and fill it in with a figure and evidence, then submit
    page.get_by_label("工作进展").fill("完成高速公路绿化 1200 公里。")
    page.get_by_label("高速公路绿化单项里程（公里）").fill("1200")
    page.get_by_label("佐证材料").set_input_files(str(evidence))
    shot("02-report-form")
    page.get_by_role("button", name="提交审核").click()
    page.wait_for_url("**/reports/*/")
    assert page.locator("[data-status]").first.inner_text() == "已提交"
    assert "绿化验收单.pdf" in page.content()
    report = ProgressReport.objects.get()

    # then the head finds it in the review queue and returns it with a comment
    login("head-changchun")
    page.wait_for_url("**/review/")
    page.get_by_role("link", name="2024年12月").click()
    page.get_by_label("审核意见").fill("请补充绿化里程的分路段明细。")
    page.get_by_role("button", name="退回修改").click()
    assert page.get_by_test_id("return-comment").is_visible()
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED

    # staff reopen this month's report from their work, see the comment, correct the figure and resubmit
    login("staff-changchun")
    page.wait_for_url("**/my-work/")
    card = page.locator("article[data-item='9']")
    card.get_by_role("link", name="继续填报 2024年12月进展").click()
    page.wait_for_url(f"**/reports/{report.pk}/edit/")
    assert "请补充绿化里程的分路段明细。" in page.get_by_test_id("return-comment").inner_text()
    page.get_by_label("工作进展").fill("完成高速公路绿化 1500 公里，分路段明细见附件。")
    page.get_by_label("高速公路绿化单项里程（公里）").fill("1500")
    page.get_by_role("button", name="提交审核").click()
    page.wait_for_url(f"**/reports/{report.pk}/")

    # the head finds it in the review queue again and approves
    login("head-changchun")
    page.wait_for_url("**/review/")
    page.get_by_role("link", name="2024年12月").click()
    page.wait_for_url(f"**/reports/{report.pk}/")
    page.get_by_role("button", name="审核通过").click()
    assert page.locator("[data-status]").first.inner_text() == "已通过"
    shot("03-report-approved")
    assert page.get_by_test_id("event").count() >= 5  # create, submit, return, save, submit, approve

    # and the item's target actual is now the approved figure (the report's breadcrumb leads there)
    page.get_by_role("navigation", name="breadcrumb").get_by_role("link", name="9. 公路两侧造林绿化").click()
    page.wait_for_url(f"**/items/{item.pk}/")
    assert "1500公里" in page.get_by_test_id(f"actual-{target.pk}").inner_text()
    shot("04-item-actual")


def test_my_work_fits_a_phone_screen(browser, live_server, plan_with_unit):
    # given a staff member on a phone-sized screen
    context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill("staff-changchun")
    page.get_by_label("密码").fill("pass12345")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/my-work/")
    # then the page does not scroll sideways and the report button is reachable
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    assert page.get_by_role("link", name="填报 2024年12月进展").is_visible()
    context.close()
