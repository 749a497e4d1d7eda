"""The summary workbook's writer: xlsxwriter in constant-memory mode (each row goes to disk once the
next begins, so memory stays flat however many rows), every format registered once per combination.
The sheets (exports.sheets) describe their cells with `cell` and add rows with `row_append`.

Text as staff write it never breaks the workbook or runs as a formula (reports.cells.safe_text: control
characters removed, cut at a cell's 32,767 characters, always written as a string); numbers as
numbers, dates as dates in the portal's local time. Print: A4 landscape, one page wide, the header
row repeated, page numbers in the footer; a sheet's columns add up to about PRINT_WIDTH character
widths, so that fitting them to the page keeps 11 pt text at about 9 pt or more. A wrapped row gets
the height its text needs (Excel and LibreOffice do not grow a row written with a file)."""

import datetime as dt
import functools
import threading
import zipfile
import zoneinfo
from decimal import Decimal
from typing import NamedTuple

import xlsxwriter
import xlsxwriter.workbook
from django.conf import settings
from django.utils.functional import Promise

from reports.cells import safe_text
from reports.figures.status import Status

# the dashboard's lights, and the header's green
STATUS_FILL = {
    Status.DONE: "#C6E0F5",
    Status.ON_TRACK: "#C6EFCE",
    Status.BEHIND: "#FFEB9C",
    Status.ALERT: "#FFC7CE",
    Status.NO_DATA: "#EDEDED",
}
HEADER_FILL = "#2F6B4F"
BORDER_COLOR = "#BFBFBF"
PERCENT = "0%"
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd hh:mm"
ZIP_LEVEL = 1
_ZIPPING = threading.Lock()
PRINT_WIDTH = 175
LINE_HEIGHT = 16  # points per line of 11 pt text, CJK included
ROW_MAX = 409  # Excel's tallest row, in points
FOOTER = "&C第 &P 页，共 &N 页"


class Cell(NamedTuple):
    value: object
    format: object


class Sheet:
    """A worksheet being written row by row: its widths and the next row's number."""

    def __init__(self, book: "Book", worksheet, widths: list[int]):
        self.book, self.worksheet, self.widths, self.row = book, worksheet, widths, 2


class Book:
    """The workbook written to `out` (a path or a binary file) when closed."""

    def __init__(self, out):
        self.workbook = xlsxwriter.Workbook(
            out, {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                  "strings_to_urls": False}
        )  # fmt: skip
        self.formats: dict[tuple, object] = {}

    def format(self, *, wrap=False, fmt=None, fill=None, bold=False):
        key = (wrap, fmt, fill, bold)
        if key not in self.formats:
            spec = {"valign": "top", "border": 1, "border_color": BORDER_COLOR}
            if wrap:
                spec["text_wrap"] = True
            if fmt:
                spec["num_format"] = fmt
            if fill:
                spec.update(pattern=1, bg_color=fill)
            if bold:
                spec["bold"] = True
            self.formats[key] = self.workbook.add_format(spec)
        return self.formats[key]

    def close(self) -> None:
        """Zip the sheets into the file, deflating at level 1 instead of zlib's default 6: a quarter
        larger (27 MB instead of 22 MB at 100,000 rows) and 2 s faster, a fifth of the whole export.
        xlsxwriter takes no compression level, so its ZipFile is swapped while it zips (under a lock:
        the runserver's threads may close two workbooks at once)."""
        with _ZIPPING:
            original = xlsxwriter.workbook.ZipFile
            xlsxwriter.workbook.ZipFile = functools.partial(zipfile.ZipFile, compresslevel=ZIP_LEVEL)
            try:
                self.workbook.close()
            finally:
                xlsxwriter.workbook.ZipFile = original


def text_width(text: str) -> int:
    """Character widths of one line: a wide character takes two, others one. Counted from the UTF-8
    length, in C: Chinese characters (three bytes) count two, ASCII (one byte) one."""
    return len(text) + (len(text.encode()) - len(text)) // 2


def lines_needed(text, width: float) -> int:
    """How many lines `text` wraps to in a column `width` characters wide."""
    room = int(max(width - 1.5, 1))
    text = str(text)
    if 2 * len(text) <= room and "\n" not in text:  # short: one line whatever its characters
        return 1
    if "\n" not in text:
        return max(1, -(-text_width(text) // room))
    return sum(max(1, -(-text_width(line) // room)) for line in text.split("\n"))


def cell(sheet: Sheet, value, *, wrap=False, fmt=None, fill=None, bold=False) -> Cell:
    """`value` as it will be written: text always as text, numbers as numbers, dates as dates (the
    portal's local time, to the second, without a zone: Excel has none)."""
    if isinstance(value, Promise):  # a translated label
        value = str(value)
    if type(value) is str:
        value = safe_text(value)
    elif isinstance(value, dt.datetime):
        value = (value.astimezone(_local_zone()) if value.tzinfo else value).replace(
            tzinfo=None, microsecond=0
        )
        fmt = fmt or DATETIME
    elif isinstance(value, dt.date):
        fmt = fmt or DATE
    elif isinstance(value, Decimal):
        value = float(value) if value != value.to_integral() else int(value)
    return Cell(value, sheet.book.format(wrap=wrap, fmt=fmt, fill=fill, bold=bold))


@functools.cache
def _local_zone():
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def sheet_start(book: Book, title: str, *, heading: str, columns: list[tuple[str, int]]) -> Sheet:
    """A sheet with its column widths, a title row, a frozen header row with autofilter, and print
    set-up (A4 landscape, fit to width, header repeated, page numbers in the footer)."""
    ws = book.workbook.add_worksheet(title)
    for n, (_name, width) in enumerate(columns):
        ws.set_column(n, n, width)
    ws.freeze_panes(2, 0)
    ws.repeat_rows(1)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.set_header("", {"margin": 0.2})
    ws.set_footer(FOOTER, {"margin": 0.3})
    ws.center_horizontally()
    ws.write_string(0, 0, safe_text(heading), book.workbook.add_format({"bold": True, "font_size": 14}))
    header = book.workbook.add_format(
        {"bold": True, "font_color": "#FFFFFF", "pattern": 1, "bg_color": HEADER_FILL, "text_wrap": True,
         "valign": "top", "border": 1, "border_color": BORDER_COLOR}
    )  # fmt: skip
    ws.set_row(1, max(lines_needed(name, width) for name, width in columns) * LINE_HEIGHT)
    for n, (name, _width) in enumerate(columns):
        ws.write_string(1, n, name, header)
    return Sheet(book, ws, [width for _name, width in columns])


def row_append(sheet: Sheet, cells: list[Cell], *, wrapped=()) -> None:
    """Write a row of cells, tall enough for the texts of the `wrapped` columns (by index)."""
    ws, row = sheet.worksheet, sheet.row
    lines = max(
        (lines_needed(c.value, sheet.widths[n]) for n, c in enumerate(cells) if n in wrapped and c.value),
        default=1,
    )
    if lines > 1:
        ws.set_row(row, min(lines * LINE_HEIGHT, ROW_MAX))
    for n, (value, format_) in enumerate(cells):
        kind = type(value)
        if kind is str and value:
            ws.write_string(row, n, value, format_)
        elif value is None or value == "":
            ws.write_blank(row, n, None, format_)
        elif isinstance(value, bool):
            ws.write_boolean(row, n, value, format_)
        elif isinstance(value, int | float):
            ws.write_number(row, n, value, format_)
        elif isinstance(value, dt.date):
            ws.write_datetime(row, n, value, format_)
        else:
            ws.write_string(row, n, str(value), format_)
    # the row before went to disk when this one began; xlsxwriter would keep its height for ever
    # (memory growing with the rows), though nothing reads it again
    ws.row_info.pop(row - 1, None)
    ws.row_sizes.pop(row - 1, None)
    sheet.row += 1


def finish_filter(sheet: Sheet, columns: int, rows: int) -> None:
    """The autofilter over the header and every row written (known only at the end)."""
    sheet.worksheet.autofilter(1, 0, max(rows + 1, 1), columns - 1)
