"""The status lights at their edges: a target's (against the calendar's pace, 序时进度) and an item's
(targets, obligations, and its units' declarations that their part is done)."""

import datetime as dt
from decimal import Decimal

import pytest

from reports.figures.status import (
    ItemFacts,
    Status,
    expected_pct,
    item_progress,
    item_reasons,
    item_status,
    target_status,
)
from tasks.choices import Comparator
from tasks.models import Target

START = dt.date(2024, 1, 1)
DUE = dt.date(2024, 12, 31)  # 366 days: 1 July is exactly the middle
MID_YEAR = dt.date(2024, 7, 1)


def km(goal="100", comparator=Comparator.GTE, **kw) -> Target:
    return Target(
        name="绿化里程",
        measure_unit="公里",
        comparator=comparator,
        target_value=Decimal(goal),
        due_date=DUE,
        **kw,
    )


def status(target, value, as_of):
    return target_status(target, None if value is None else Decimal(value), start=START, as_of=as_of)


def test_the_expected_pace_is_the_share_of_the_period_elapsed():
    assert expected_pct(start=START, due=DUE, as_of=MID_YEAR) == 50
    assert expected_pct(start=START, due=DUE, as_of=dt.date(2023, 12, 31)) == 0
    assert expected_pct(start=START, due=DUE, as_of=DUE) == 100
    assert expected_pct(start=START, due=DUE, as_of=dt.date(2025, 3, 1)) == 100


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("40", Status.ON_TRACK),  # exactly 80 % of the 50 % pace
        ("39.99", Status.BEHIND),
        ("25", Status.BEHIND),  # exactly 50 % of the pace
        ("24.99", Status.ALERT),
        ("0", Status.ALERT),
        (None, Status.ALERT),  # half the year gone and no figure: counts as nothing done
    ],
)
def test_a_target_is_judged_against_the_pace_exactly_at_its_thresholds(value, expected):
    assert status(km(), value, MID_YEAR).status == expected


def test_a_target_without_figures_has_no_data_until_a_quarter_of_its_period_has_passed():
    assert status(km(), None, dt.date(2024, 3, 1)).status == Status.NO_DATA
    assert status(km(), None, dt.date(2024, 4, 2)).status == Status.ALERT


def test_a_target_met_early_is_done_and_stays_done():
    assert status(km(), "100", dt.date(2024, 2, 1)).status == Status.DONE
    assert status(km(), "120", dt.date(2025, 2, 1)).status == Status.DONE


def test_a_target_past_its_due_date_and_unmet_is_red_however_close():
    assert status(km(), "99", DUE).status == Status.ON_TRACK  # the due date itself still counts
    assert status(km(), "99", DUE + dt.timedelta(days=1)).status == Status.ALERT


def test_a_range_target_is_done_from_its_lower_bound():
    target = Target(
        name="多式联运企业", measure_unit="户", comparator=Comparator.RANGE,
        target_min=Decimal(2), target_max=Decimal(3), due_date=DUE,
    )  # fmt: skip
    assert status(target, "1", MID_YEAR).status == Status.ON_TRACK
    assert status(target, "2", MID_YEAR).status == Status.DONE


def test_a_ceiling_is_kept_not_reached_and_is_done_only_at_its_due_date():
    ceiling = km("10", Comparator.LTE)
    assert status(ceiling, "8", MID_YEAR).status == Status.ON_TRACK
    assert status(ceiling, "11", MID_YEAR).status == Status.ALERT
    assert status(ceiling, "8", DUE).status == Status.DONE


def test_the_status_carries_the_progress_and_the_pace_it_was_judged_by():
    result = status(km(), "30", MID_YEAR)
    assert (result.progress_pct, result.expected_pct, result.light) == (30, 50, "yellow")


# -- items


def test_an_item_with_nothing_due_yet_is_on_track():
    assert item_status(ItemFacts(declarers=2)) == Status.ON_TRACK


def test_an_overdue_report_of_the_lead_unit_makes_an_item_red():
    facts = ItemFacts(overdue=1, overdue_units=1, lead_overdue=True, reporters=27, declarers=27)
    assert item_status(facts) == Status.ALERT


@pytest.mark.parametrize(
    ("overdue_units", "reporters", "status"),
    [
        (1, 27, Status.BEHIND),  # one late unit of 27 (items 1–3): yellow
        (6, 27, Status.BEHIND),  # 22 % of the units: still yellow
        (7, 28, Status.ALERT),  # exactly 25 %: red
        (7, 27, Status.ALERT),  # 26 %: red
        (1, 2, Status.ALERT),  # one of two units: red
    ],
)
def test_overdue_reports_of_other_units_weigh_by_their_share(overdue_units, reporters, status):
    facts = ItemFacts(overdue=overdue_units, overdue_units=overdue_units, reporters=reporters)
    assert item_status(facts) == status


def test_an_items_reasons_say_why_it_is_not_on_track():
    facts = ItemFacts(overdue=2, overdue_units=1, lead_overdue=True, reporters=3, returned=1)
    assert item_reasons(facts) == ["牵头单位逾期未报", "1/3 个填报单位逾期未报", "1 份报告退回待重报"]
    assert item_reasons(ItemFacts(reporters=3)) == []


@pytest.mark.parametrize("facts", [ItemFacts(returned=1), ItemFacts(late_recent=1)])
def test_a_returned_or_recently_late_report_makes_an_item_yellow(facts):
    assert item_status(facts) == Status.BEHIND


def test_an_item_takes_the_worst_of_its_targets():
    assert item_status(ItemFacts(target_statuses=(Status.DONE, Status.BEHIND))) == Status.BEHIND
    assert item_status(ItemFacts(target_statuses=(Status.ON_TRACK, Status.ALERT))) == Status.ALERT
    assert item_status(ItemFacts(target_statuses=(Status.NO_DATA,))) == Status.ON_TRACK


def test_a_qualitative_item_is_done_when_every_lead_and_responsible_unit_declares_it():
    assert item_status(ItemFacts(declarers=3, declared=2)) == Status.ON_TRACK
    assert item_status(ItemFacts(declarers=3, declared=3)) == Status.DONE


def test_an_item_with_targets_is_done_only_when_they_are_all_met_too():
    declared = {"declarers": 1, "declared": 1}
    assert (
        item_status(ItemFacts(target_statuses=(Status.DONE, Status.ON_TRACK), **declared)) == Status.ON_TRACK
    )
    assert item_status(ItemFacts(target_statuses=(Status.DONE, Status.DONE), **declared)) == Status.DONE


def test_an_item_progress_is_its_targets_mean():
    assert item_progress(ItemFacts(), [100, 50, None]) == 50


def test_an_item_without_targets_progresses_with_its_reports():
    # the year's reporting done: 13 of 26 reports submitted, whatever the declarations say so far
    assert item_progress(ItemFacts(declarers=4, declared=1, year_owed=26, reported=13), []) == 50
    assert item_progress(ItemFacts(declarers=2, year_owed=24, reported=24), []) == 100
    assert item_progress(ItemFacts(declarers=2, year_owed=24, reported=0), []) == 0
    # every lead and responsible unit declared its part complete: done, whatever is left to report
    assert item_progress(ItemFacts(declarers=2, declared=2, year_owed=24, reported=20), []) == 100
    assert item_progress(ItemFacts(), []) == 0
