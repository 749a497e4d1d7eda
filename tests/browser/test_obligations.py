"""A unit reports a month it missed and the current one, from its work page, in a real browser."""

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
def on_8_july_2024():
    # the server's clock (the live server runs in this process); the browser keeps its own
    with time_machine.travel(timezone.make_aware(dt.datetime(2024, 7, 8, 9)), tick=True):
        yield


@pytest.fixture
def unit_on_item_9():
    unit = factories.UnitFactory(code="gonglu-ju", name="吉林省公路管理局", short_name="省公路局")
    item = factories.WorkItemFactory(
        number=9, title="公路两侧造林绿化", section__number=3, section__title="强化交通建设绿色环保"
    )
    factories.AssignmentFactory(work_item=item, unit=unit, role=AssignmentRole.RESPONSIBLE)
    target = factories.TargetFactory(
        work_item=item, name="国省干线公路绿化里程", measure_unit="公里", target_value=Decimal("429")
    )
    factories.TargetReporterFactory(target=target, unit=unit)
    factories.UserFactory(username="staff-gonglu", unit=unit, role=Role.UNIT_STAFF)
    # January to May reported in time
    for month in range(1, 6):
        factories.ProgressReportFactory(
            work_item=item, unit=unit, period=f"2024-{month:02d}", status=ReportStatus.SUBMITTED,
            submitted_at=timezone.make_aware(dt.datetime(2024, month + 1, 2, 9)),
        )  # fmt: skip
    return item, unit


def test_a_unit_reports_a_missed_month_and_the_current_one(
    page, login, nav, shot, on_8_july_2024, unit_on_item_9
):
    _item, unit = unit_on_item_9
    # given on 8 July the June report (due 5 July) was never sent
    login("staff-gonglu")
    page.wait_for_url("**/my-work/")
    card = page.locator("article[data-item='9']")
    june = card.locator("[data-period='2024-06']")
    assert june.get_attribute("data-state") == "overdue"
    assert "已逾期" in june.inner_text()
    assert card.locator("[data-period='2024-07']").get_attribute("data-state") == "not_due"
    assert card.locator("[data-period='2024-05']").count() == 0  # reported in time: no longer shown
    shot("obligations-01-my-work")

    # when the staff report June, late
    june.get_by_role("link", name="填报 2024年6月进展").click()
    page.wait_for_url("**/reports/new/**")
    assert ProgressReport.objects.filter(period="2024-06").count() == 0  # opening the form wrote nothing
    page.get_by_label("工作进展").fill("补报六月：国省干线绿化 120 公里。")
    page.get_by_label("国省干线公路绿化里程（公里）").fill("120")
    page.get_by_role("button", name="提交审核").click()
    page.wait_for_url("**/reports/*/")

    # and start July's, saving a draft
    nav("我的工作")
    card = page.locator("article[data-item='9']")
    assert card.locator("[data-period='2024-06']").count() == 0  # submitted, and no longer the current month
    card.get_by_role("link", name="填报 2024年7月进展").click()
    page.wait_for_url("**/reports/new/**")
    page.get_by_label("工作进展").fill("七月进行中。")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url("**/edit/")

    # then June is submitted late and July is a draft the unit continues from its work page
    june_report = ProgressReport.objects.get(unit=unit, period="2024-06")
    assert june_report.status == ReportStatus.SUBMITTED
    assert june_report.values.get().value == Decimal("120")
    nav("我的工作")
    july = page.locator("article[data-item='9'] [data-period='2024-07']")
    assert july.get_by_role("link", name="继续填报 2024年7月进展").is_visible()
    shot("obligations-02-after")
