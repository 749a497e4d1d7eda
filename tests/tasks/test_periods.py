"""Report periods: months, half years and whole years; their labels, ends and default due dates."""

import datetime as dt

import pytest

from tasks.choices import PeriodKind
from tasks.periods import PeriodError, current_period, month_period, parse_period
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
        "2024-Q1",
        "24-06",
        "2024-06-01",
    ],
)
def test_malformed_periods_are_refused_in_chinese(key):
    with pytest.raises(
        PeriodError, match="报送期格式应为 2024-06（月度）、2024-H1（半年）或 2024-Y（年度）。"
    ):
        parse_period(key)


@pytest.mark.parametrize(
    ("key", "due"),
    [
        ("2024-06", dt.date(2024, 7, 5)),
        ("2024-12", dt.date(2025, 1, 5)),  # December's report is due in the next year
        ("2024-01", dt.date(2024, 2, 5)),
        ("2024-H1", dt.date(2024, 6, 30)),  # summaries without a plan deadline: the period's end
        ("2024-Y", dt.date(2024, 12, 31)),
    ],
)
def test_default_due_dates(key, due):
    assert parse_period(key).default_due_date == due


def test_monthly_due_day_is_kept_within_every_month(settings):
    # given a due day beyond the shortest month
    settings.REPORT_MONTHLY_DUE_DAY = 31
    # then January's report is still due on a real date in February
    assert parse_period("2024-01").default_due_date == dt.date(2024, 2, 28)


def test_month_period_of_a_day():
    assert month_period(dt.date(2024, 3, 17)).key == "2024-03"


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2024, 6, 15), "2024-06"),
        (dt.date(2026, 11, 24), "2024-12"),  # after the plan year: its last month
        (dt.date(2023, 12, 1), "2024-01"),  # before it: its first month
    ],
)
def test_current_period_stays_within_the_plan_year(today, expected):
    assert current_period(2024, today).key == expected


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
