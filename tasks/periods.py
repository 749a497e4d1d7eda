"""Report periods: a month (2024-06), a quarter (2024-Q2), a half year (2024-H1, 2024-H2) or a whole
year (2024-Y).

Months or quarters carry routine progress (the plan's cadence says which); item 3's carbon summaries
use 2024-H1 and 2024-Y. A period is
part of the plan's calendar, so it lives with the plan; reports refer to one by its key.
"""

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from .choices import ROUTINE_KINDS, Cadence, PeriodKind

# `\d` is any Unicode decimal digit (٢٠٢٤ as well as 2024); the numbers, not the text, make the key.
_PATTERN = re.compile(r"(?P<year>\d{4})-(?:(?P<month>\d{2})|Q(?P<quarter>\d)|H(?P<half>\d)|(?P<annual>Y))")
YEARS = range(2000, 2100)


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    key: str
    kind: str
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        year = self.start.year
        if self.kind == PeriodKind.MONTHLY:
            return f"{year}年{self.start.month}月"
        if self.kind == PeriodKind.QUARTERLY:
            return f"{year}年第{(self.start.month + 2) // 3}季度"
        if self.kind == PeriodKind.HALF_YEAR_SUMMARY:
            return f"{year}年{'上' if self.start.month == 1 else '下'}半年"
        return f"{year}年度"

    @property
    def report_title(self) -> str:
        """What a report for this period is called: 2024年6月进展, 2024年上半年工作总结, 2024年度工作总结."""
        suffix = _("进展") if self.is_routine else _("工作总结")
        return f"{self.label}{suffix}"

    @property
    def is_routine(self) -> bool:
        """Routine progress (a month or a quarter), not a summary."""
        return self.kind in ROUTINE_KINDS

    def due_date(self, due_day: int | None = None) -> dt.date:
        """When a report for this period is due, unless a plan deadline says otherwise: routine
        progress by the `due_day`-th (the plan's; by default REPORT_MONTHLY_DUE_DAY) of the month after
        the period, summaries at the period's end. A day past the month's end is its last day."""
        if not self.is_routine:
            return self.end
        nxt = self.end + dt.timedelta(days=1)
        day = due_day or settings.REPORT_MONTHLY_DUE_DAY
        return nxt.replace(day=min(day, calendar.monthrange(nxt.year, nxt.month)[1]))


def parse_period(key: str) -> Period:
    """Read a period as a person may type it and return it with its canonical key.

    Digits may be of any script (full-width ２０２４, Arabic-Indic ٢٠٢٤) and H and Y full-width (Ｈ, Ｙ):
    NFKC folds the full-width forms, int() reads the rest. The key is built from the numbers
    (2024-06, 2024-H1, 2024-Y), so that a period has one key however it was typed: what is stored
    under a key (a unit's report) cannot be stored twice under two spellings of it."""
    text = unicodedata.normalize("NFKC", key or "").strip()
    match = _PATTERN.fullmatch(text)
    month = int(match["month"]) if match and match["month"] else None
    quarter = int(match["quarter"]) if match and match["quarter"] else None
    half = int(match["half"]) if match and match["half"] else None
    if (
        not match
        or month not in (None, *range(1, 13))
        or quarter not in (None, 1, 2, 3, 4)
        or half not in (None, 1, 2)
    ):
        raise PeriodError(
            _("报送期格式应为 2024-06（月度）、2024-Q2（季度）、2024-H1（半年）或 2024-Y（年度）。")
        )
    year = int(match["year"])
    if year not in YEARS:
        raise PeriodError(
            _("报送期的年份须在 %(first)s 至 %(last)s 年之间。") % {"first": YEARS[0], "last": YEARS[-1]}
        )
    if month is not None:
        last = calendar.monthrange(year, month)[1]
        return Period(
            f"{year:04d}-{month:02d}", PeriodKind.MONTHLY, dt.date(year, month, 1), dt.date(year, month, last)
        )
    if quarter is not None:
        first = 3 * quarter - 2
        last_day = calendar.monthrange(year, first + 2)[1]
        return Period(
            f"{year:04d}-Q{quarter}",
            PeriodKind.QUARTERLY,
            dt.date(year, first, 1),
            dt.date(year, first + 2, last_day),
        )
    if half is not None:
        start = dt.date(year, 1 if half == 1 else 7, 1)
        end = dt.date(year, 6, 30) if half == 1 else dt.date(year, 12, 31)
        return Period(f"{year:04d}-H{half}", PeriodKind.HALF_YEAR_SUMMARY, start, end)
    return Period(f"{year:04d}-Y", PeriodKind.ANNUAL_SUMMARY, dt.date(year, 1, 1), dt.date(year, 12, 31))


def month_period(day: dt.date) -> Period:
    return parse_period(f"{day:%Y-%m}")


def routine_period(day: dt.date, cadence: str = Cadence.MONTHLY) -> Period:
    """The routine period (month or quarter, by the cadence) that contains `day`."""
    if cadence == Cadence.QUARTERLY:
        return parse_period(f"{day.year}-Q{(day.month + 2) // 3}")
    return month_period(day)


def routine_periods(year: int, cadence: str = Cadence.MONTHLY, start_month: int = 1) -> list[Period]:
    """A plan year's routine periods, from the one holding `start_month` to December."""
    periods = []
    for month in range(start_month, 13):
        period = routine_period(dt.date(year, month, 1), cadence)
        if period not in periods:
            periods.append(period)
    return periods
