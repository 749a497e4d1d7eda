"""明细 as CSV, for whoever feeds it to another system: UTF-8 with a byte-order mark, so that Excel
opens the Chinese correctly, and every text that Excel would take for a formula (beginning with = + -
@, a tab or a carriage return) preceded by an apostrophe, as OWASP advises against CSV injection."""

import csv
import datetime as dt

from django.utils import timezone

from .selectors import detail_rows
from .sheets import DETAIL_COLUMNS

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


class _Line:
    """csv.writer's file: hands back each line written."""

    def write(self, line: str) -> str:
        return line


def details_csv(*, user, plan, as_of, only):
    """The CSV's lines, streamed: the BOM and the header first, then one line per report."""
    writer = csv.writer(_Line())
    yield BOM + writer.writerow([name for name, _width in DETAIL_COLUMNS])
    for row in detail_rows(user, plan, as_of, only):
        yield writer.writerow([csv_text(v) for v in row])
