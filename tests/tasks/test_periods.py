"""Report periods: months, half years and whole years; their labels, ends and default due dates."""

import datetime as dt

import pytest

from tasks.choices import Cadence, PeriodKind
from tasks.periods import PeriodError, month_period, parse_period, routine_period, routine_periods
from tests import factories


@pytest.mark.parametrize(
    ("key", "kind", "start", "end", "label"),
    [
        ("2024-01", PeriodKind.MONTHLY, dt.date(2024, 1, 1), dt.date(2024, 1, 31), "2024年1月"),
        ("2024-02", PeriodKind.MONTHLY, dt.date(2024, 2, 1), dt.date(2024, 2, 29), "2024年2月"),  # leap year
        ("2023-02", PeriodKind.MONTHLY, dt.date(2023, 2, 1), dt.date(2023, 2, 28), "2023年2月"),
        ("2024-12", PeriodKind.MONTHLY, dt.date(2024, 12, 1), dt.date(2024, 12, 31), "2024年12月"),
        ("2024-H1", PeriodKind.HALF_YEAR_SUMMARY, dt.date(2024, 1, 1), dt.date(2024, 6, 30), "2024年上半年"),
        ("2024-H2", PeriodKind.HALF_YEAR_SUMMARY, dt.date(2024, 7, 1), dt.date(2024, 12, 31), "2024年下半年"),
        ("2024-Y", PeriodKind.ANNUAL_SUMMARY, dt.date(2024, 1, 1), dt.date(2024, 12, 31), "2024年度"),
        (" 2024-06 ", PeriodKind.MONTHLY, dt.date(2024, 6, 1), dt.date(2024, 6, 30), "2024年6月"),
    ],
)
def test_parse_period(key, kind, start, end, label):
    period = parse_period(key)
    assert (period.key, period.kind, period.start, period.end, period.label) == (
        key.strip(),
        kind,
        start,
        end,
        label,
    )


@pytest.mark.parametrize(
    "key",
    [
        "",
        None,
        "2024",
        "2024-6",
        "2024-00",
        "2024-13",
        "2024-h1",
        "2024-H3",
        "2024-Q0",
        "2024-Q5",
        "24-06",
        "2024-06-01",
    ],
)
def test_malformed_periods_are_refused_in_chinese(key):
    with pytest.raises(
        PeriodError,
        match="报送期格式应为 2024-06（月度）、2024-Q2（季度）、2024-H1（半年）或 2024-Y（年度）。",
    ):
        parse_period(key)


@pytest.mark.parametrize(
    ("key", "due"),
    [
        ("2024-06", dt.date(2024, 7, 5)),
        ("2024-12", dt.date(2025, 1, 5)),  # December's report is due in the next year
        ("2024-01", dt.date(2024, 2, 5)),
        ("2024-Q2", dt.date(2024, 7, 5)),  # a quarter: the month after its last
        ("2024-Q4", dt.date(2025, 1, 5)),
        ("2024-H1", dt.date(2024, 6, 30)),  # summaries without a plan deadline: the period's end
        ("2024-Y", dt.date(2024, 12, 31)),
    ],
)
def test_default_due_dates(key, due):
    assert parse_period(key).due_date() == due


def test_due_day_is_kept_within_every_month():
    # given a due day beyond the shortest month, then January's report is due on February's last day
    assert parse_period("2024-01").due_date(31) == dt.date(2024, 2, 29)
    assert parse_period("2023-01").due_date(31) == dt.date(2023, 2, 28)
    assert parse_period("2024-03").due_date(31) == dt.date(2024, 4, 30)
    assert parse_period("2024-04").due_date(31) == dt.date(2024, 5, 31)


def test_month_period_of_a_day():
    assert month_period(dt.date(2024, 3, 17)).key == "2024-03"


def test_quarters():
    q = parse_period("２０２４-ｑ3".upper())
    assert (q.key, q.start, q.end, q.label) == (
        "2024-Q3",
        dt.date(2024, 7, 1),
        dt.date(2024, 9, 30),
        "2024年第3季度",
    )
    assert q.report_title == "2024年第3季度进展"
    with pytest.raises(PeriodError):
        parse_period("2024-Q5")


def test_routine_periods_follow_the_cadence_from_the_start_month():
    assert [p.key for p in routine_periods(2024)] == [f"2024-{m:02d}" for m in range(1, 13)]
    assert [p.key for p in routine_periods(2024, Cadence.MONTHLY, 10)] == ["2024-10", "2024-11", "2024-12"]
    assert [p.key for p in routine_periods(2024, Cadence.QUARTERLY)] == [
        "2024-Q1",
        "2024-Q2",
        "2024-Q3",
        "2024-Q4",
    ]
    # a start in May: the quarter holding May, then the rest
    assert [p.key for p in routine_periods(2024, Cadence.QUARTERLY, 5)] == ["2024-Q2", "2024-Q3", "2024-Q4"]
    assert routine_period(dt.date(2024, 8, 9), Cadence.QUARTERLY).key == "2024-Q3"


@pytest.mark.parametrize(
    ("period", "title", "kind_label"),
    [
        ("2024-06", "2024年6月进展", "月度进展"),
        ("2024-H1", "2024年上半年工作总结", "半年工作总结"),
        ("2024-Y", "2024年度工作总结", "年度工作总结"),
    ],
)
def test_report_titles(period, title, kind_label):
    report = factories.ProgressReportFactory.build(period=period)
    assert str(report.title) == title
    assert str(report.kind_label) == kind_label


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("２０２４-06", "2024-06"),  # full-width digits
        ("٢٠٢٤-٠٦", "2024-06"),  # Arabic-Indic digits
        ("۲۰۲۴-06", "2024-06"),  # Persian digits
        ("２０２４－０６", "2024-06"),  # full-width hyphen too
        ("2024-Ｈ1", "2024-H1"),  # full-width letter
        ("２０２４-Ｈ２", "2024-H2"),
        ("2024-Ｙ", "2024-Y"),
        ("\u30002024-06\u3000", "2024-06"),  # ideographic spaces around it
    ],
)
def test_a_period_typed_in_other_digits_gets_the_canonical_key(typed, key):
    # when a period is typed with other digits or full-width letters, then it is the same period
    period = parse_period(typed)
    assert period.key == key
    assert period == parse_period(key)


@pytest.mark.parametrize("key", ["2024-ｈ1", "2024-H٣", "2024-١٣", "2024-٠٠", "２０２４-6"])
def test_other_digits_do_not_make_a_malformed_period_valid(key):
    with pytest.raises(PeriodError, match="报送期格式应为"):
        parse_period(key)


@pytest.mark.parametrize("key", ["0000-06", "9999-12", "1999-12", "2100-01", "٠٠٠٠-06", "1999-Y"])
def test_a_year_outside_2000_to_2099_is_refused_in_chinese(key):
    with pytest.raises(PeriodError, match=r"^报送期的年份须在 2000 至 2099 年之间。$"):
        parse_period(key)


@pytest.mark.parametrize("key", ["2000-01", "2099-12"])
def test_the_first_and_last_years_are_accepted(key):
    assert parse_period(key).key == key
