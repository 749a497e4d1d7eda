"""Where each obligation stands on a date (reports.obligations), the obligations API, and my work
offering every open obligation: the current month, the previous one until it is due, missed months."""

import datetime as dt
import re

import pytest
import time_machine
from django.utils import timezone

from reports.choices import ObligationState, ReportStatus
from reports.models import ProgressReport
from reports.obligations import obligations_as_of
from tasks.models import Obligation
from tasks.obligations import obligations_sync
from tests import factories
from units.choices import Role


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def state_on(day: dt.date, *, unit, item, period: str = "2024-06") -> str:
    row = obligations_as_of(day).get(unit=unit, work_item=item, period=period)
    return row.state


def dated(report, *, submitted: dt.date | None = None, approved: dt.date | None = None):
    """Move a report's submission and approval to the dates a test is about."""
    ProgressReport.objects.filter(pk=report.pk).update(
        submitted_at=at(submitted) if submitted else None, approved_at=at(approved) if approved else None
    )
    return report


# -- states at their edges


@pytest.mark.parametrize("day", range(1, 6))
def test_the_june_report_is_owed_and_not_overdue_from_1_to_5_july(world, day):
    assert state_on(dt.date(2024, 7, day), unit=world.resp, item=world.item) == ObligationState.DUE_SOON


def test_the_june_report_is_overdue_on_6_july(world):
    assert state_on(dt.date(2024, 7, 6), unit=world.resp, item=world.item) == ObligationState.OVERDUE


def test_mid_june_the_june_report_is_not_yet_due_and_july_is_not_yet_owed(world):
    assert state_on(dt.date(2024, 6, 15), unit=world.resp, item=world.item) == ObligationState.NOT_DUE
    owed = obligations_as_of(dt.date(2024, 6, 15)).filter(unit=world.resp, work_item=world.item)
    assert not owed.filter(period="2024-07").exists()


def test_a_draft_is_no_submission(world, make_report):
    make_report(period="2024-06")
    assert state_on(dt.date(2024, 7, 6), unit=world.resp, item=world.item) == ObligationState.OVERDUE


@pytest.mark.parametrize(
    ("status", "submitted", "approved", "as_of", "state"),
    [
        (ReportStatus.SUBMITTED, dt.date(2024, 7, 5), None, dt.date(2024, 7, 6), ObligationState.SUBMITTED),
        (ReportStatus.SUBMITTED, dt.date(2024, 7, 6), None, dt.date(2024, 7, 8), ObligationState.SUBMITTED_LATE),
        # submitted after the as-of date: as of then, nothing was submitted
        (ReportStatus.SUBMITTED, dt.date(2024, 7, 9), None, dt.date(2024, 7, 8), ObligationState.OVERDUE),
        (ReportStatus.APPROVED, dt.date(2024, 7, 2), dt.date(2024, 7, 3), dt.date(2024, 7, 4), ObligationState.APPROVED),
        # approved after the as-of date: still only submitted then
        (ReportStatus.APPROVED, dt.date(2024, 7, 2), dt.date(2024, 7, 9), dt.date(2024, 7, 4), ObligationState.SUBMITTED),
        (ReportStatus.RETURNED, dt.date(2024, 7, 2), None, dt.date(2024, 7, 20), ObligationState.RETURNED),
    ],
)  # fmt: skip
def test_states_follow_the_report(world, make_report, status, submitted, approved, as_of, state):
    report = make_report(period="2024-06", status=status)
    dated(report, submitted=submitted, approved=approved)
    assert state_on(as_of, unit=world.resp, item=world.item) == state


def test_late_is_known_for_every_obligation_past_due(world, make_report):
    dated(make_report(period="2024-05", status=ReportStatus.SUBMITTED), submitted=dt.date(2024, 6, 4))
    dated(make_report(period="2024-06", status=ReportStatus.SUBMITTED), submitted=dt.date(2024, 7, 9))
    rows = obligations_as_of(dt.date(2024, 7, 10)).filter(unit=world.resp, work_item=world.item)
    late = dict(rows.filter(period__in=["2024-04", "2024-05", "2024-06"]).values_list("period", "late"))
    assert late == {"2024-04": True, "2024-05": False, "2024-06": True}


def test_item_3_summaries_for_every_unit_on_the_item(world):
    rows = obligations_as_of(dt.date(2024, 7, 1)).filter(work_item=world.item, period="2024-H1")
    assert set(rows.values_list("unit_id", flat=True)) == {world.lead.pk, world.resp.pk, world.coop.pk}
    assert set(rows.values_list("state", flat=True)) == {ObligationState.OVERDUE}


def test_counts_by_state_are_one_query(world, make_report, django_assert_num_queries):
    dated(make_report(period="2024-05", status=ReportStatus.SUBMITTED), submitted=dt.date(2024, 6, 3))
    from django.db.models import Count

    with django_assert_num_queries(1):
        counts = dict(
            obligations_as_of(dt.date(2024, 7, 6))
            .filter(unit=world.resp)
            .values_list("state")
            .annotate(n=Count("id"))
            .order_by()
        )
    # item 3 and item 9: January to June each (12), minus May on item 3 submitted; plus item 3's H1
    assert counts == {ObligationState.OVERDUE: 12, ObligationState.SUBMITTED: 1, ObligationState.NOT_DUE: 3}


# -- the API


def test_api_contract_and_restriction(world, make_report, api_as):
    report = make_report(period="2024-06", status=ReportStatus.SUBMITTED)
    dated(report, submitted=dt.date(2024, 7, 3))
    client = api_as(world.resp_staff)
    rows = client.get("/api/v1/obligations/?year=2024&as_of=2024-07-06&period=2024-06").json()["results"]
    # then the unit's people see their own unit's only, in the contract's shape
    assert [(r["unit"], r["work_item"]) for r in rows] == [
        (world.resp.pk, world.item.pk),
        (world.resp.pk, world.other_item.pk),
    ]
    june = rows[0]
    assert june == {
        "id": Obligation.objects.get(unit=world.resp, work_item=world.item, period="2024-06").pk,
        "unit": world.resp.pk, "work_item": world.item.pk, "period": "2024-06", "due_date": "2024-07-05",
        "state": "submitted", "report": report.pk,
    }  # fmt: skip


def test_api_filters_by_state_unit_item_and_period_typed_any_way(world, api_as):
    client = api_as(world.leader)
    url = "/api/v1/obligations/?as_of=2024-07-06&state=overdue&work_item={}&unit={}&period=２０２４-06"
    [row] = client.get(url.format(world.item.pk, world.coop.pk)).json()["results"]
    assert (row["unit"], row["period"], row["state"]) == (world.coop.pk, "2024-06", "overdue")


def test_api_hides_a_units_draft_from_leaders_but_not_from_the_unit(world, make_report, api_as):
    draft = make_report(period="2024-06")
    url = (
        f"/api/v1/obligations/?as_of=2024-07-01&unit={world.resp.pk}&work_item={world.item.pk}&period=2024-06"
    )
    assert api_as(world.resp_staff).get(url).json()["results"][0]["report"] == draft.pk
    assert api_as(world.leader).get(url).json()["results"][0]["report"] is None
    assert api_as(world.admin).get(url).json()["results"][0]["report"] == draft.pk


def test_api_refuses_a_bad_date_or_state_in_chinese(world, api_as):
    client = api_as(world.leader)
    response = client.get("/api/v1/obligations/?as_of=2024-13-01")
    assert response.status_code == 400
    assert "不是有效的日期" in response.content.decode()
    response = client.get("/api/v1/obligations/?state=tardy")
    assert response.status_code == 400
    assert "不是有效的状态" in response.content.decode()


@pytest.mark.parametrize("size", [2, 20])
def test_api_runs_the_same_queries_at_any_size(world, api_as, django_assert_num_queries, size):
    for n in range(size):
        factories.AssignmentFactory(work_item=world.other_item, unit__code=f"u{size}-{n}")
    client = api_as(world.resp_staff)
    client.get("/api/v1/obligations/")  # the session and user are loaded once
    # session, user, count, page
    with django_assert_num_queries(4):
        assert client.get("/api/v1/obligations/?as_of=2024-12-31&limit=500").status_code == 200
    leader = api_as(world.leader)
    leader.get("/api/v1/obligations/")
    with django_assert_num_queries(4):
        rows = leader.get("/api/v1/obligations/?as_of=2024-12-31&limit=1000").json()["results"]
    assert len(rows) > size * 12


# -- my work


def my_work_obligations(client) -> dict[int, list[tuple[str, str]]]:
    html = client.get("/my-work/").content.decode()
    result = {}
    for number, body in re.findall(r'data-item="(\d+)"(.*?)</article>', html, re.S):
        result[int(number)] = re.findall(r'data-period="([^"]+)" data-state="([^"]+)"', body)
    return result


def test_my_work_on_3_july_offers_june_july_a_missed_may_and_the_summaries(world, make_report, client):
    # given 长春 reported April in time and never May
    dated(
        make_report(period="2024-04", status=ReportStatus.APPROVED),
        submitted=dt.date(2024, 5, 2),
        approved=dt.date(2024, 5, 3),
    )
    for month in ("01", "02", "03"):
        dated(
            make_report(period=f"2024-{month}", status=ReportStatus.SUBMITTED),
            submitted=dt.date(2024, int(month) + 1, 1),
        )
    client.force_login(world.resp_staff)
    # when its staff open my work on 3 July 2024
    with time_machine.travel(at(dt.date(2024, 7, 3)), tick=False):
        shown = my_work_obligations(client)
    # then item 3 offers the missed May (overdue), June (not yet due), July (current), and both summaries
    assert shown[3] == [
        ("2024-05", "overdue"), ("2024-H1", "overdue"), ("2024-06", "due_soon"), ("2024-07", "not_due"),
        ("2024-Y", "not_due"),
    ]  # fmt: skip
    # and item 9, with nothing reported, every month up to July
    assert [p for p, _s in shown[9]] == [f"2024-{m:02d}" for m in range(1, 8)]


def test_my_work_buttons_open_a_form_without_creating_a_draft(world, client):
    client.force_login(world.resp_staff)
    with time_machine.travel(at(dt.date(2024, 7, 3)), tick=False):
        html = client.get("/my-work/").content.decode()
        link = re.search(rf'href="(/reports/new/\?work_item={world.item.pk}&amp;period=2024-05)"', html)
        assert link, "a missed month has a button"
        response = client.get(link.group(1).replace("&amp;", "&"))
    assert response.status_code == 200
    assert "2024年5月进展" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_a_cooperating_unit_without_the_flag_is_told_it_owes_nothing(world, client):
    world.item.cooperating_units_report = False
    world.item.save()
    obligations_sync(plan=world.plan)
    client.force_login(world.coop_staff)
    with time_machine.travel(at(dt.date(2024, 7, 3)), tick=False):
        shown = my_work_obligations(client)
        html = client.get("/my-work/").content.decode()
    # then only item 3's summaries are owed, and the page says why there is no monthly report
    assert [p for p, _s in shown[3]] == ["2024-H1", "2024-Y"]
    world.other_item.assignments.create(unit=world.coop, role="cooperating")
    with time_machine.travel(at(dt.date(2024, 7, 3)), tick=False):
        html = client.get("/my-work/").content.decode()
    assert "本单位为配合单位，本项无需报送进展。" in html


def test_my_work_filters_by_state(world, client):
    factories.UserFactory(username="x", unit=world.lead, role=Role.UNIT_STAFF)
    client.force_login(world.resp_staff)
    with time_machine.travel(at(dt.date(2024, 7, 3)), tick=False):
        html = client.get("/my-work/?state=overdue").content.decode()
    assert set(re.findall(r'data-item="(\d+)"', html)) == {"3", "9"}
