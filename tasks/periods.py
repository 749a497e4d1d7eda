"""Report periods: a month (2024-06), a half year (2024-H1, 2024-H2) or a whole year (2024-Y).

Monthly periods carry routine progress; item 3's carbon summaries use 2024-H1 and 2024-Y. A period is
part of the plan's calendar, so it lives with the plan; reports refer to one by its key.
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import PeriodKind

_PATTERN = re.compile(r"^(?P<year>\d{4})-(?:(?P<month>0[1-9]|1[0-2])|(?P<half>H[12])|(?P<annual>Y))$")


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
        if self.kind == PeriodKind.HALF_YEAR_SUMMARY:
            return f"{year}年{'上' if self.start.month == 1 else '下'}半年"
        return f"{year}年度"

    @property
    def report_title(self) -> str:
        """What a report for this period is called: 2024年6月进展, 2024年上半年工作总结, 2024年度工作总结."""
        suffix = _("进展") if self.kind == PeriodKind.MONTHLY else _("工作总结")
        return f"{self.label}{suffix}"

    @property
    def default_due_date(self) -> dt.date:
        """When a report for this period is due, unless a plan deadline says otherwise: monthly
        reports by the REPORT_MONTHLY_DUE_DAY of the next month, summaries at the period's end."""
        if self.kind != PeriodKind.MONTHLY:
            return self.end
        nxt = self.end + dt.timedelta(days=1)
        return nxt.replace(day=min(settings.REPORT_MONTHLY_DUE_DAY, 28))


def parse_period(key: str) -> Period:
    match = _PATTERN.match((key or "").strip())
    if not match:
        raise PeriodError(_("报送期格式应为 2024-06（月度）、2024-H1（半年）或 2024-Y（年度）。"))
    year = int(match["year"])
    if match["month"]:
        month = int(match["month"])
        last = calendar.monthrange(year, month)[1]
        return Period(match.group(0), PeriodKind.MONTHLY, dt.date(year, month, 1), dt.date(year, month, last))
    if match["half"]:
        first = match["half"] == "H1"
        start = dt.date(year, 1 if first else 7, 1)
        end = dt.date(year, 6, 30) if first else dt.date(year, 12, 31)
        return Period(match.group(0), PeriodKind.HALF_YEAR_SUMMARY, start, end)
    return Period(match.group(0), PeriodKind.ANNUAL_SUMMARY, dt.date(year, 1, 1), dt.date(year, 12, 31))


def month_period(day: dt.date) -> Period:
    return parse_period(f"{day:%Y-%m}")


def current_period(plan_year: int, today: dt.date | None = None) -> Period:
    """The month a unit reports on now: this month, or the plan year's last month once it is over."""
    today = today or timezone.localdate()
    if today.year > plan_year:
        return parse_period(f"{plan_year}-12")
    if today.year < plan_year:
        return parse_period(f"{plan_year}-01")
    return parse_period(f"{today:%Y-%m}")
