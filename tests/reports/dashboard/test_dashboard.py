"""The dashboard (总览) as of a date: item and target statuses from the one status functions, the
obligation counts behind them, who sees which rows, and a query count that does not grow with data."""

import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reports.choices import ObligationState, ReportStatus
from reports.dashboard import dashboard
from reports.figures.status import Status
from tasks.choices import AssignmentRole
from tasks.models import Assignment
from tasks.obligations import obligations_sync
from tests import factories
from tests.helpers import dated


def row_of(board, item):
    return next(r for r in board.items if r.item.pk == item.pk)


def unit_of(board, unit):
    return next(r for r in board.units if r.unit.pk == unit.pk)


# -- items


@pytest.mark.parametrize("where", ["page", "api"])
@time_machine.travel(timezone.make_aware(dt.datetime(2024, 12, 20, 10)), tick=False)
def test_the_province_dashboard_is_kept_until_the_data_changes(world, make_report, client, where):
    def fetch(user):
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            if where == "page":
                text = client.get(reverse("leader-home")).content.decode()
                found = re.search(r'data-status-count="alert"[^>]*>.*?(\d+)', text, re.S)
                submitted = text.count('grid-approved"')
                answer = (int(found.group(1)), submitted, "四平市" in text)
            else:
                data = client.get("/api/v1/dashboard/").json()
                units = {u["name"]: u for u in data["units"]}
                answer = (data["counts"]["alert"], units["综规处"]["submitted"], "四平市" in units)
        return answer, len(queries.captured_queries)

    first, computed = fetch(world.leader)
    # asked again, by another leader or administrator: the same answer, without working it out again
    again, kept = fetch(world.admin)
    assert again == first
    assert kept < computed - 5
    # a report approved meanwhile shows at once
    make_report(unit=world.lead, period="2024-11", status=ReportStatus.APPROVED)
    after, _ = fetch(world.leader)
    assert after != first
    # and so do obligations written in bulk: a unit newly responsible for the item now owes reports
    unit = factories.UnitFactory(code="siping", short_name="四平市", name="四平市交通运输局")
    Assignment.objects.bulk_create(
        [Assignment(work_item=world.item, unit=unit, role=AssignmentRole.RESPONSIBLE)]
    )
    obligations_sync(plan=world.plan)
    grown, _ = fetch(world.leader)
    assert grown[2] and not after[2]


def test_before_anything_is_due_every_item_is_on_track(world):
    board = dashboard(user=world.leader, plan=world.plan, as_of=dt.date(2024, 1, 20))
    assert [r.status for r in board.items] == [Status.ON_TRACK, Status.ON_TRACK]
    assert board.counts[Status.ON_TRACK] == 2


def test_an_unreported_month_past_its_due_date_turns_the_item_red(world):
    # January's progress is due on 5 February
    assert (
        row_of(
            dashboard(user=world.leader, plan=world.plan, as_of=dt.date(2024, 2, 5)), world.other_item
        ).status
        == Status.ON_TRACK
    )
    board = dashboard(user=world.leader, plan=world.plan, as_of=dt.date(2024, 2, 6))
    row = row_of(board, world.other_item)
    assert (row.status, row.facts.overdue, row.owed, row.submitted) == (Status.ALERT, 1, 1, 0)
    assert board.counts[Status.ALERT] == 2


def test_a_report_submitted_late_keeps_its_item_yellow_for_a_month(world, make_report):
    report = make_report(item=world.other_item, period="2024-01", status=ReportStatus.APPROVED)
    dated(report, submitted=dt.date(2024, 2, 9), approved=dt.date(2024, 2, 10))
    assert (
        row_of(
            dashboard(user=world.leader, plan=world.plan, as_of=dt.date(2024, 2, 20)), world.other_item
        ).status
        == Status.BEHIND
    )
    assert (
        row_of(
            dashboard(user=world.leader, plan=world.plan, as_of=dt.date(2024, 3, 4)), world.other_item
        ).status
        == Status.BEHIND
    )
    assert (
        row_of(
            dashboard(user=world.leader, plan=world.plan, as_of=dt.date(2024, 3, 7)), world.other_item
        ).status
        == Status.ALERT
    )  # February now overdue


def test_a_qualitative_item_is_done_once_its_responsible_unit_declares_its_part_complete(world, make_report):
    report = make_report(item=world.other_item, period="2024-05", status=ReportStatus.DRAFT)
    from reports.workflow import services

    services.report_update(
        report=report, user=world.resp_staff, version=report.version, done="全部完成。", completed=True
    )
    services.report_submit(report=report, user=world.resp_staff)
    services.report_approve(report=report, user=world.resp_head)
    dated(report, submitted=dt.date(2024, 6, 3), approved=dt.date(2024, 6, 4))
    before = row_of(
        dashboard(user=world.leader, plan=world.plan, as_of=dt.date(2024, 6, 3)), world.other_item
    )
    after = row_of(dashboard(user=world.leader, plan=world.plan, as_of=dt.date(2024, 6, 4)), world.other_item)
    assert (before.status, before.progress_pct) != (Status.DONE, 100)
    assert (after.status, after.progress_pct, after.facts.declared) == (Status.DONE, 100, 1)


def test_a_later_report_that_says_not_complete_withdraws_the_declaration(world, make_report):
    # given the responsible unit declared its part complete in May, then said in June it is not
    from reports.workflow import services

    for period, completed, day in (("2024-05", True, 4), ("2024-06", False, 5)):
        report = make_report(item=world.other_item, period=period, status=ReportStatus.DRAFT)
        services.report_update(
            report=report, user=world.resp_staff, version=report.version, done="进展。", completed=completed
        )
        services.report_submit(report=report, user=world.resp_staff)
        services.report_approve(report=report, user=world.resp_head)
        dated(report, submitted=dt.date(2024, 7, day - 1), approved=dt.date(2024, 7, day))
    # when a leader looks between the two approvals and after the second
    between = row_of(
        dashboard(user=world.leader, plan=world.plan, as_of=dt.date(2024, 7, 4)), world.other_item
    )
    after = row_of(dashboard(user=world.leader, plan=world.plan, as_of=dt.date(2024, 7, 5)), world.other_item)
    # then the declaration counts only while it is the unit's latest approved word
    assert between.facts.declared == 1
    assert (after.facts.declared, after.status == Status.DONE) == (0, False)
    assert after.progress_pct < 100


def test_the_target_rows_carry_the_actual_the_progress_and_the_pace(world, make_report):
    for unit, km in ((world.resp, "900"), (world.lead, "644")):
        report = make_report(unit=unit, period="2024-06", status=ReportStatus.APPROVED, values={world.km: km})
        dated(report, submitted=dt.date(2024, 7, 3), approved=dt.date(2024, 7, 4))
    board = dashboard(user=world.leader, plan=world.plan, as_of=dt.date(2024, 7, 4))
    row = next(t for t in board.targets if t.target.pk == world.km.pk)
    assert row.actual.value == Decimal("1544")
    assert row.status.progress_pct == 50  # 1544 of 3087
    assert round(row.status.expected_pct) == 51  # 4 July: 186 of 366 days
    assert row.status.status == Status.ON_TRACK


def test_looking_back_shows_the_state_on_that_date(world, make_report):
    report = make_report(item=world.other_item, period="2024-01", status=ReportStatus.APPROVED)
    dated(report, submitted=dt.date(2024, 2, 1), approved=dt.date(2024, 2, 2))
    jan = dashboard(user=world.leader, plan=world.plan, as_of=dt.date(2024, 1, 31))
    feb = dashboard(user=world.leader, plan=world.plan, as_of=dt.date(2024, 2, 2))
    due = dashboard(user=world.leader, plan=world.plan, as_of=dt.date(2024, 2, 5))
    # filed on 1 February, due on the 5th: ahead of its date (提前报送) until then, 已报 from then on
    figures = [(unit_of(b, world.resp).submitted, unit_of(b, world.resp).ahead) for b in (jan, feb, due)]
    assert figures == [(0, 0), (0, 1), (1, 0)]
    assert [r.pk for r in jan.latest] == [] and [r.pk for r in feb.latest] == [report.pk]


# -- units, grid, deadlines


def test_a_units_on_time_rate_and_first_time_approval_rate(world, make_report):
    on_time = make_report(item=world.other_item, period="2024-01", status=ReportStatus.APPROVED)
    dated(on_time, submitted=dt.date(2024, 2, 5), approved=dt.date(2024, 2, 6))
    late = make_report(item=world.other_item, period="2024-02", status=ReportStatus.RETURNED)
    from reports.workflow import services

    services.report_submit(report=late, user=world.resp_staff)
    services.report_approve(report=late, user=world.resp_head)
    dated(late, submitted=dt.date(2024, 3, 8), approved=dt.date(2024, 3, 9))
    board = dashboard(user=world.leader, plan=world.plan, as_of=dt.date(2024, 3, 31))
    row = unit_of(board, world.resp)
    # owed by 31 March: item 3 and item 9 for January and February
    assert (row.owed, row.submitted, row.on_time, row.late, row.overdue) == (4, 2, 1, 1, 2)
    assert (row.on_time_rate, row.approved, row.first_time_rate) == (25, 2, 50)


def test_the_grid_shows_the_last_ended_period_with_the_missing_units_first(world, make_report):
    dated(
        make_report(unit=world.lead, period="2024-06", status=ReportStatus.SUBMITTED),
        submitted=dt.date(2024, 7, 2),
    )
    board = dashboard(user=world.leader, plan=world.plan, as_of=dt.date(2024, 7, 8))
    assert board.grid.period.key == "2024-06"
    names = [name for _, name, _, _ in board.grid.rows]
    assert names[-1] == world.lead.short_name
    cells = dict((name, c) for _, name, c, _ in board.grid.rows)
    assert cells[world.resp.short_name][world.other_item.pk] == ObligationState.OVERDUE


def test_deadlines_ahead_include_one_due_today_and_name_the_units_yet_to_submit(world, make_report):
    dated(
        make_report(unit=world.lead, period="2024-H1", status=ReportStatus.SUBMITTED),
        submitted=dt.date(2024, 6, 28),
    )
    board = dashboard(user=world.leader, plan=world.plan, as_of=dt.date(2024, 6, 30))
    h1 = next(d for d in board.deadlines if d.period.key == "2024-H1")
    assert (h1.days_left, h1.owed, h1.submitted) == (0, 3, 1)
    assert [name for _, name in h1.pending_units] == [world.resp.short_name, world.coop.short_name]


# -- who sees what


def test_a_unit_sees_its_own_items_and_rows_only(world):
    board = dashboard(user=world.coop_staff, plan=world.plan, as_of=dt.date(2024, 7, 8))
    assert [r.item.pk for r in board.items] == [world.item.pk]
    assert [r.unit.pk for r in board.units] == [world.coop.pk]
    assert {o.unit_id for o in board.overdue} == {world.coop.pk}


def test_the_lead_units_head_sees_the_responsible_units_rows_too(world):
    board = dashboard(user=world.lead_head, plan=world.plan, as_of=dt.date(2024, 7, 8))
    assert {r.unit.pk for r in board.units} == {world.lead.pk, world.resp.pk}


# -- the page


def test_the_page_lists_every_item_by_section_with_its_light(world, client):
    client.force_login(world.leader)
    page = client.get(reverse("leader-home"), {"as_of": "2024-02-06"}).content.decode()
    assert 'data-item="3" data-status="alert"' in page and 'data-item="9" data-status="alert"' in page
    assert world.section_green.title in page and world.section_build.title in page
    assert "截至 2024年2月6日" in page


def test_a_status_count_leads_to_the_items_behind_it(world, client, make_report):
    report = make_report(item=world.other_item, period="2024-01", status=ReportStatus.APPROVED)
    dated(report, submitted=dt.date(2024, 2, 1), approved=dt.date(2024, 2, 2))
    client.force_login(world.leader)
    page = client.get(reverse("leader-home"), {"as_of": "2024-02-06", "status": "alert"}).content.decode()
    assert 'data-item="3"' in page and 'data-item="9"' not in page


def test_a_bad_date_is_named_next_to_the_picker_and_today_is_shown(world, client):
    client.force_login(world.leader)
    response = client.get(reverse("leader-home"), {"as_of": "2024-13-01"})
    assert response.status_code == 200
    assert "截至日期：2024-13-01 不是有效的日期：月份应为 1–12。" in response.content.decode()


def test_the_overdue_count_leads_to_the_overdue_obligations(world, client):
    client.force_login(world.leader)
    page = client.get(
        reverse("obligation-list"), {"as_of": "2024-02-06", "state": "overdue"}
    ).content.decode()
    assert page.count("data-obligation=") == 4  # January: item 3 from its 3 units, item 9 from 长春


# -- units' pages


def test_the_ranking_sorts_by_the_chosen_figure(world, client, make_report):
    report = make_report(unit=world.lead, period="2024-01", status=ReportStatus.APPROVED)
    dated(report, submitted=dt.date(2024, 2, 1), approved=dt.date(2024, 2, 2))
    client.force_login(world.leader)
    page = client.get(
        reverse("unit-ranking"), {"as_of": "2024-02-10", "sort": "on_time_rate"}
    ).content.decode()
    order = [code for code in ("zonggui", "changchun", "jilin") if f'data-unit="{code}"' in page]
    assert order == ["zonggui", "changchun", "jilin"]
    assert page.index('data-unit="zonggui"') < page.index('data-unit="changchun"')
    page = client.get(reverse("unit-ranking"), {"as_of": "2024-02-10", "sort": "overdue"}).content.decode()
    assert page.index('data-unit="changchun"') < page.index('data-unit="zonggui"')  # 2 overdue against 0


def test_a_unit_sees_its_own_page_and_not_another_units(world, client):
    client.force_login(world.coop_staff)
    assert client.get(reverse("unit-detail", args=[world.coop.code])).status_code == 200
    assert client.get(reverse("unit-detail", args=[world.resp.code])).status_code == 404
    ranking = client.get(reverse("unit-ranking")).content.decode()
    assert 'data-unit="jilin"' in ranking and 'data-unit="changchun"' not in ranking


def test_a_units_page_shows_its_items_and_overdue_reports(world, client):
    client.force_login(world.leader)
    page = client.get(
        reverse("unit-detail", args=[world.resp.code]), {"as_of": "2024-02-06"}
    ).content.decode()
    assert "碳达峰碳中和工作" in page and "公路两侧造林绿化" in page
    assert page.count("2024年1月进展") == 2  # overdue on both items
