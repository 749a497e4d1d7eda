"""A leader reads the demo year on the dashboard in a real browser: the charts are drawn with the data,
a red count leads to the items behind it and on to a red item's page, the page's tables agree with the
API (today and looking back to 30 June), an item's page draws its targets' history, and the page reads
on a phone."""

import pytest
from django.core.management import call_command
from django.db.models import Q

from portal.demo.history import demo_history_create
from tasks.choices import AssignmentRole
from tasks.models import Assignment, Plan
from units.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_year(settings):
    """The demo year as the units on item 9 and the lead units lived it (the demo leaves units without
    active accounts out): item 9's five targets' history, and every other unit's obligations overdue. A slice of what
    seed_demo writes, for the time it takes (the whole year: tests/portal/test_demo_history.py)."""
    settings.DEBUG = True  # seed_demo creates its accounts only in development
    settings.DEMO_PASSWORD = "pass12345"
    call_command("seed_demo", "--no-history", verbosity=0)
    plan = Plan.objects.get(year=2024)
    kept = Assignment.objects.filter(work_item__plan=plan).filter(
        Q(work_item__number=9) | Q(role=AssignmentRole.LEAD)  # the lead units' heads review the others
    )
    User.objects.filter(unit__isnull=False).exclude(unit_id__in=kept.values("unit_id")).update(
        is_active=False
    )
    demo_history_create(plan=plan)
    User.objects.update(is_active=True)


def test_a_leader_reads_the_year_drills_down_and_reads_an_items_history(
    page, login, nav, shot, demo_year, live_server, monkeypatch
):
    # item 9's units on two pages of the grid (the server runs in this process)
    monkeypatch.setattr("reports.dashboard.item.UNITS_PER_PAGE", 8)
    login("leader")
    page.wait_for_url("**/overview/")

    # the charts are drawn (ECharts renders SVG), with the numbers of the tables beside them
    for chart in ("status", "targets"):
        page.locator(f"[data-chart='{chart}'] svg").first.wait_for()
    assert page.locator("[data-testid='items'] tr[data-item]").count() == 26
    shot("dashboard-01-overview")

    # the page's lights and figures are the API's
    api = page.request.get(f"{live_server.url}/api/v1/dashboard/?year=2024").json()
    for item in api["items"]:
        row = page.locator(f"[data-testid='items'] tr[data-item='{item['number']}']")
        assert row.get_attribute("data-status") == item["status"]
    for target in api["targets"]:
        cell = page.get_by_test_id(f"progress-{target['id']}")
        assert cell.inner_text() == (
            f"{target['progress_pct']}%" if target["progress_pct"] is not None else "—"
        )

    # a red count leads to the red items and only those
    red = api["counts"]["alert"]
    assert red > 0, "the demo year should have items in trouble"
    page.locator("[data-status-count='alert']").click()
    page.wait_for_url("**status=alert**")
    rows = page.locator("[data-testid='items'] tr[data-item]")
    assert rows.count() == red
    assert {rows.nth(i).get_attribute("data-status") for i in range(red)} == {"alert"}

    # an item's page draws each target's actual period by period
    rows.first.get_by_role("link").first.click()
    page.wait_for_url("**/items/**")
    assert "严重滞后" in page.get_by_test_id("item-status").inner_text()

    # looking back: the state on 30 June
    nav("总览")
    page.get_by_label("截至日期").fill("2024-06-30")
    page.get_by_role("button", name="查看").click()
    page.wait_for_url("**as_of=2024-06-30**")
    assert "截至 2024年6月30日" in page.get_by_test_id("as-of").inner_text()
    june = page.request.get(f"{live_server.url}/api/v1/dashboard/?year=2024&as_of=2024-06-30").json()
    for item in june["items"]:
        row = page.locator(f"[data-testid='items'] tr[data-item='{item['number']}']")
        assert row.get_attribute("data-status") == item["status"]

    # on a phone
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("[data-chart='targets'] svg").first.wait_for()
    shot("dashboard-02-phone")

    # an item's page draws its targets' history (one seeded year serves both walks: seeding takes 30 s)
    page.set_viewport_size({"width": 1280, "height": 900})
    nav("总览")
    page.locator("[data-testid='items'] tr[data-item='9']").get_by_role("link").first.click()
    page.wait_for_url("**/items/**")
    charts = page.locator("[data-chart-kind='history']")
    assert charts.count() == 5  # item 9's five targets
    charts.first.locator("svg").wait_for()
    # the figures behind the chart, behind a toggle
    page.get_by_text("数据表").first.click()
    assert page.locator("[data-testid^='history-'] tbody tr").first.is_visible()
    shot("dashboard-03-item-9")
    # the obligation grid goes by pages of units, the next page reached from the grid's own link
    grid = page.get_by_test_id("item-obligations")
    first_units = grid.locator("tbody th").all_inner_texts()
    assert len(first_units) == 8
    page.get_by_test_id("obligations-page-info").locator("..").get_by_role("link", name="下一页").click()
    page.wait_for_url("**units_page=2**")
    later_units = grid.locator("tbody th").all_inner_texts()
    assert later_units and not set(later_units) & set(first_units)
    page.set_viewport_size({"width": 390, "height": 844})
    shot("dashboard-03b-item-9-units-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    nav("单位考评")
    page.get_by_role("link", name="逾期未报").click()
    page.wait_for_url("**sort=overdue**")
    shot("dashboard-04-ranking")
