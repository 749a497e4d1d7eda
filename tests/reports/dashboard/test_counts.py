"""One basis for every count a leader reads: 应报 (due by the as-of date), and 已报, 按时, 逾期报送 and
逾期未报 only of those, so that a part never exceeds its whole; reports filed before they were due
are counted apart (提前报送). Every number on the overview and the unit ranking is a link, and the list
it opens has as many rows as the number says. Expected values are counted here from the rows the
test wrote, not from the dashboard's functions."""

import datetime as dt
import re
from html import unescape

import pytest

from reports.choices import ReportStatus
from reports.dashboard import dashboard
from reports.models import ProgressReport
from tasks.models import Obligation
from tests.helpers import at, dated

DATES = [dt.date(2024, 2, 4), dt.date(2024, 2, 29), dt.date(2024, 3, 10), dt.date(2024, 6, 30)]


@pytest.fixture
def history(world, make_report):
    """January on time (长春, item 3), January late (长春, item 9), February filed early (综规处,
    item 3, due 5 March), and 吉林市 never reporting."""
    on_time = make_report(period="2024-01", status=ReportStatus.APPROVED)
    dated(on_time, submitted=dt.date(2024, 2, 1), approved=dt.date(2024, 2, 2))
    late = make_report(item=world.other_item, period="2024-01", status=ReportStatus.SUBMITTED)
    dated(late, submitted=dt.date(2024, 2, 9))
    early = make_report(unit=world.lead, period="2024-02", status=ReportStatus.SUBMITTED)
    dated(early, submitted=dt.date(2024, 2, 20))
    return world


def expected(as_of: dt.date, **filters) -> dict[str, int]:
    """Counted from the rows: obligations whose period has begun, their reports' submission dates."""
    cutoff = at(as_of + dt.timedelta(days=1), hour=0)
    owed = reported = on_time = ahead = 0
    for o in Obligation.objects.filter(period_start__lte=as_of, **filters):
        report = ProgressReport.objects.filter(
            work_item=o.work_item_id, unit=o.unit_id, period=o.period
        ).first()
        submitted = report is not None and report.submitted_at is not None and report.submitted_at < cutoff
        due = o.due_date <= as_of
        owed += due
        reported += due and submitted
        on_time += due and submitted and report.submitted_at < at(o.due_date + dt.timedelta(days=1), 0)
        ahead += submitted and not due
    return {"owed": owed, "submitted": reported, "on_time": on_time, "ahead": ahead}


@pytest.mark.parametrize("as_of", DATES)
def test_a_part_never_exceeds_its_whole(history, as_of):
    board = dashboard(user=history.leader, plan=history.plan, as_of=as_of)
    for row in board.items:
        figures = expected(as_of, work_item=row.item)
        assert (row.owed, row.submitted, row.ahead) == (
            figures["owed"],
            figures["submitted"],
            figures["ahead"],
        )
        assert row.submitted + row.facts.overdue <= row.owed
    for row in board.units:
        figures = expected(as_of, unit=row.unit)
        assert (row.owed, row.submitted, row.on_time, row.ahead) == (
            figures["owed"], figures["submitted"], figures["on_time"], figures["ahead"],
        )  # fmt: skip
        assert row.on_time + row.late == row.submitted <= row.owed
        assert row.submitted + row.overdue <= row.owed


def test_a_report_filed_before_its_due_date_is_counted_apart(history):
    board = dashboard(user=history.leader, plan=history.plan, as_of=dt.date(2024, 2, 29))
    lead = next(r for r in board.units if r.unit == history.lead)
    # 综规处 owes January (filed nothing) and has filed February early
    assert (lead.owed, lead.submitted, lead.ahead, lead.overdue) == (1, 0, 1, 1)


LINK = re.compile(r'<a[^>]*href="(/obligations/\?[^"]+)"[^>]*data-count="(\w+)"[^>]*>(\d+)</a>')


def rows_behind(client, href: str) -> int:
    page = client.get(unescape(href)).content.decode()
    return int(re.search(r'data-testid="row-total">共 (\d+) 份', page).group(1))


@pytest.mark.parametrize("page", ["/overview/", "/units/"])
@pytest.mark.parametrize("as_of", [dt.date(2024, 2, 29), dt.date(2024, 6, 30)])
def test_every_number_clicked_lists_as_many_rows_as_it_says(history, client, page, as_of):
    client.force_login(history.leader)
    html = client.get(page, {"year": 2024, "as_of": as_of.isoformat()}).content.decode()
    links = LINK.findall(html)
    kinds = {kind for _href, kind, _n in links}
    assert {"owed", "submitted"} <= kinds
    for href, kind, number in links:
        assert rows_behind(client, href) == int(number), (kind, href)


@pytest.mark.parametrize("kept", [True, False], ids=["tally", "live"])
@pytest.mark.parametrize("limit", [1, 2, 4, 50])
def test_the_overdue_list_is_the_first_overdue_obligations_by_unit_and_due_date(history, limit, kept):
    # given the history, and the tally kept for 30 June (the overview reads it) or for no day
    from reports.dashboard.obligations import overdue_list
    from reports.dashboard.pairs import PairSource
    from reports.obligations import obligations_as_of
    from reports.tally.services import tally_rebuild

    as_of = dt.date(2024, 6, 30)
    tally_rebuild(plan=history.plan, day=as_of if kept else as_of - dt.timedelta(days=1))
    owed = Obligation.objects.filter(plan=history.plan)
    source = PairSource(user=history.leader, plan=history.plan, obligations=owed, as_of=as_of)
    # when the overview lists the first `limit` overdue reports
    shown = overdue_list(obligations_as_of(as_of, owed), by_unit=source.overdue_by_unit, limit=limit)
    assert source.kept is kept
    # then they are the first by unit, due date and item, counted from the rows
    overdue = [
        o
        for o in owed.filter(period_start__lte=as_of, due_date__lt=as_of).select_related("unit", "work_item")
        if not ProgressReport.objects.filter(
            work_item=o.work_item,
            unit=o.unit,
            period=o.period,
            submitted_at__lt=at(as_of + dt.timedelta(days=1), hour=0),
        ).exists()
    ]
    overdue.sort(key=lambda o: (o.unit.sort_order, o.unit_id, o.due_date, o.work_item.number))
    assert len(overdue) > 4
    assert [o.pk for o in shown] == [o.pk for o in overdue[:limit]]
