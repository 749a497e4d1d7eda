"""Who owes which report when (tasks.obligations): generated as rows from the plan's rules."""

import datetime as dt

import pytest

from tasks.choices import AssignmentRole, Cadence, DeadlineKind
from tasks.models import Obligation
from tasks.obligations import SyncResult, obligations_sync
from tests import factories

pytestmark = pytest.mark.django_db


def owed(unit, item=None) -> dict[str, dt.date]:
    rows = Obligation.objects.filter(unit=unit)
    if item is not None:
        rows = rows.filter(work_item=item)
    return dict(rows.order_by("due_date", "period").values_list("period", "due_date"))


@pytest.fixture
def item():
    return factories.WorkItemFactory(number=9, section__plan__year=2024)


def test_lead_and_responsible_units_owe_every_month_due_on_the_5th_of_the_next(item):
    # given a lead and a responsible unit on an item of a monthly plan
    lead = factories.AssignmentFactory(work_item=item, role=AssignmentRole.LEAD).unit
    resp = factories.AssignmentFactory(work_item=item, role=AssignmentRole.RESPONSIBLE).unit
    # then each owes January to December, each due on the 5th of the month after
    for unit in (lead, resp):
        months = owed(unit)
        assert list(months) == [f"2024-{m:02d}" for m in range(1, 13)]
        assert months["2024-06"] == dt.date(2024, 7, 5)
        assert months["2024-12"] == dt.date(2025, 1, 5)


def test_a_cooperating_unit_owes_nothing_unless_its_item_says_so(item):
    # given a cooperating unit
    coop = factories.AssignmentFactory(work_item=item, role=AssignmentRole.COOPERATING).unit
    # then it owes no routine progress
    assert owed(coop) == {}
    # when an administrator marks the item "cooperating units report too"
    item.cooperating_units_report = True
    item.save()
    obligations_sync(plan=item.plan)
    # then it owes every month like the others
    assert len(owed(coop)) == 12


def test_quarterly_cadence_from_a_start_month_with_another_due_day(item):
    # given a unit on the item, then the plan turned quarterly from April, due on the 10th
    unit = factories.AssignmentFactory(work_item=item).unit
    plan = item.plan
    plan.report_cadence, plan.start_month, plan.report_due_day = Cadence.QUARTERLY, 4, 10
    plan.save()
    result = obligations_sync(plan=plan)
    # then the unit owes Q2 to Q4, each due on the 10th of the month after the quarter
    assert owed(unit) == {
        "2024-Q2": dt.date(2024, 7, 10),
        "2024-Q3": dt.date(2024, 10, 10),
        "2024-Q4": dt.date(2025, 1, 10),
    }
    # and the twelve months went: 3 created, 12 deleted
    assert (result.created, result.deleted) == (3, 12)


def test_summaries_are_owed_by_every_unit_on_the_item_by_their_deadlines(item):
    # given item 3's shape: a lead, a responsible and a cooperating unit, and two summary deadlines
    units = [factories.AssignmentFactory(work_item=item, role=role).unit for role in AssignmentRole.values]
    factories.DeadlineFactory(
        work_item=item, kind=DeadlineKind.HALF_YEAR_SUMMARY, period="2024-H1", due_date=dt.date(2024, 6, 30)
    )
    factories.DeadlineFactory(
        work_item=item, kind=DeadlineKind.ANNUAL_SUMMARY, period="２０２４-Ｙ", due_date=dt.date(2024, 12, 31)
    )
    # then every unit owes both summaries, under their canonical keys
    for unit in units:
        months = owed(unit)
        assert months["2024-H1"] == dt.date(2024, 6, 30)
        assert months["2024-Y"] == dt.date(2024, 12, 31)
    # and only the cooperating one has no monthly ones
    assert sorted(owed(units[2])) == ["2024-H1", "2024-Y"]


def test_sync_is_idempotent_and_follows_a_unit_leaving_the_item(item):
    a = factories.AssignmentFactory(work_item=item)
    b = factories.AssignmentFactory(work_item=item)
    # when synced again, nothing changes
    assert obligations_sync(plan=item.plan) == SyncResult(0, 0, 0)
    # when a unit leaves the item
    a.delete()
    obligations_sync(plan=item.plan)
    # then its obligations go, the other unit's stay
    assert owed(a.unit) == {}
    assert len(owed(b.unit)) == 12


def test_a_deadline_moved_moves_its_obligations(item):
    unit = factories.AssignmentFactory(work_item=item).unit
    deadline = factories.DeadlineFactory(work_item=item, period="2024-H1", due_date=dt.date(2024, 6, 30))
    deadline.due_date = dt.date(2024, 7, 10)
    deadline.save()
    result = obligations_sync(plan=item.plan)
    assert owed(unit)["2024-H1"] == dt.date(2024, 7, 10)
    assert result.updated == 1


def test_the_2024_plan_owes_what_the_document_says(seeded):
    # item 3: every unit owes the two summaries
    item3_units = Obligation.objects.filter(work_item__number=3, period="2024-H1").count()
    assert item3_units == factories.UnitFactory._meta.model.objects.count()
    # items 4-26: the city bureaus cooperate and owe nothing, except on item 9 (rural roads)
    cities = Obligation.objects.filter(unit__kind="city_bureau", work_item__number__gte=4)
    assert set(cities.values_list("work_item__number", flat=True)) == {9}
