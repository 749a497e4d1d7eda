"""Excel cells and sheets, for the fill-in template (reports.fill_in) and the summary workbook
(exports.summary): text made safe, the portal's look (header, status fills, number formats) and the
print set-up, for openpyxl's write-only worksheets.

Text as staff write it never breaks a workbook or runs as a formula:
- characters openpyxl refuses (control characters pasted from Word) are removed;
- longer than a cell holds (32,767 characters), it is cut, saying so;
- a text beginning with = + - @ is kept as text (a string cell), never a formula;
- emoji and any other Unicode are kept."""

import datetime as dt
from decimal import Decimal

from django.utils.functional import Promise
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from .figures.status import Status

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"  # the media type
CELL_MAX = 32_767
CUT = "……（超出单元格长度，已截断）"

# the dashboard's lights
STATUS_FILL = {
    Status.DONE: PatternFill("solid", fgColor="C6E0F5"),
    Status.ON_TRACK: PatternFill("solid", fgColor="C6EFCE"),
    Status.BEHIND: PatternFill("solid", fgColor="FFEB9C"),
    Status.ALERT: PatternFill("solid", fgColor="FFC7CE"),
    Status.NO_DATA: PatternFill("solid", fgColor="EDEDED"),
}
HEADER_FILL = PatternFill("solid", fgColor="2F6B4F")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
PERCENT = "0%"
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd hh:mm"


def safe_text(value: str) -> str:
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    if len(text) > CELL_MAX:
        text = text[: CELL_MAX - len(CUT)] + CUT
    return text


def cell(sheet, value, *, wrap=False, fmt=None, fill=None, bold=False):
    """A write-only cell holding `value`: text always as text, numbers as numbers, dates as dates
    (the portal's local time, without a zone: Excel has none)."""
    c = WriteOnlyCell(sheet)
    if isinstance(value, Promise):  # a translated label
        value = str(value)
    if isinstance(value, str):
        c.value = safe_text(value)
        c.data_type = "s"  # a string, even when it begins with "=": never a formula
    elif isinstance(value, dt.datetime):
        # to the second: Excel keeps no finer, and nobody reads finer
        c.value = (value if value.tzinfo is None else _local(value)).replace(tzinfo=None, microsecond=0)
        fmt = fmt or DATETIME
    elif isinstance(value, dt.date):
        c.value = value
        fmt = fmt or DATE
    elif isinstance(value, Decimal):
        c.value = float(value) if value != value.to_integral() else int(value)
    else:
        c.value = value
    c._style = _style(sheet.parent, wrap, fmt, fill, bold)
    return c


def _style(workbook, wrap, fmt, fill, bold) -> StyleArray:
    """The style of a cell, registered with the workbook once per combination and copied after: a
    style set attribute by attribute is hashed every time, which costs more than the writing."""
    styles = workbook.__dict__.setdefault("_portal_styles", {})
    key = (wrap, fmt, id(fill) if fill is not None else None, bold)
    if key not in styles:
        styles[key] = _register(workbook, wrap, fmt, fill, bold)
    return StyleArray(styles[key])


def _register(workbook, wrap, fmt, fill, bold) -> StyleArray:
    style = StyleArray()
    style.alignmentId = workbook._alignments.add(WRAP if wrap else TOP)
    style.borderId = workbook._borders.add(BORDER)
    if fill is not None:
        style.fillId = workbook._fills.add(fill)
    if bold:
        style.fontId = workbook._fonts.add(Font(bold=True))
    if fmt:
        style.numFmtId = _number_format_id(workbook, fmt)
    return style


def _number_format_id(workbook, fmt: str) -> int:
    from openpyxl.styles.numbers import BUILTIN_FORMATS_REVERSE

    if fmt in BUILTIN_FORMATS_REVERSE:
        return BUILTIN_FORMATS_REVERSE[fmt]
    return workbook._number_formats.add(fmt) + 164


def _local(moment: dt.datetime) -> dt.datetime:
    from django.utils import timezone

    return timezone.localtime(moment).replace(tzinfo=None)


def measure_format(measure_unit: str) -> str | None:
    """A number format that shows the measure (公里, 万株 …); percentages as percent."""
    if not measure_unit or measure_unit == "%":
        return None
    return f'#,##0.##"{measure_unit}"'


# Print: A4 landscape, one page wide, as many pages long as it takes. A sheet's columns add up to
# about PRINT_WIDTH character widths, so that fitting them to the page keeps 11 pt text at about 9 pt
# or more; wrapped rows get the height their text needs (Excel and LibreOffice do not grow a row
# written with a file), up to Excel's largest row.
PRINT_WIDTH = 175
LINE_HEIGHT = 16  # points per line of 11 pt text, CJK included
ROW_MAX = 409  # Excel's tallest row, in points
FOOTER = "第 &P 页，共 &N 页"


def text_width(text: str) -> int:
    """Character widths of one line: a CJK (wide) character takes two, others one."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def lines_needed(text: str, width: float) -> int:
    """How many lines `text` wraps to in a column `width` characters wide."""
    room = max(width - 1.5, 1)
    return sum(max(1, -(-text_width(line) // int(room))) for line in str(text).split("\n"))


def sheet_start(workbook, title: str, *, heading: str, columns: list[tuple[str, int]]):
    """A write-only sheet with its column widths, a title row, a frozen header row with autofilter,
    and print set-up (A4 landscape, fit to width, header repeated, page numbers in the footer). Rows
    follow with `row_append`, which sets each row's height."""
    sheet = workbook.create_sheet(title)
    for n, (_name, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    last = get_column_letter(len(columns))
    sheet.freeze_panes = "A3"
    sheet.auto_filter.ref = f"A2:{last}2"
    sheet.print_title_rows = "2:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6, header=0.2, footer=0.3)
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = FOOTER
    sheet.evenFooter.center.text = FOOTER
    sheet.__dict__["_portal_widths"] = [width for _name, width in columns]
    sheet.__dict__["_portal_rows"] = 2
    title_cell = WriteOnlyCell(sheet, value=safe_text(heading))
    title_cell.font = TITLE_FONT
    sheet.append([title_cell])
    header = []
    sheet.row_dimensions[2].height = max(lines_needed(name, w) for name, w in columns) * LINE_HEIGHT
    for name, _width in columns:
        c = WriteOnlyCell(sheet, value=name)
        c.font, c.fill, c.alignment, c.border = HEADER_FONT, HEADER_FILL, WRAP, BORDER
        header.append(c)
    sheet.append(header)
    return sheet


def row_append(sheet, cells: list, *, wrapped=()) -> None:
    """Append a row of cells, tall enough for the texts of the `wrapped` columns (by index)."""
    widths = sheet.__dict__["_portal_widths"]
    sheet.__dict__["_portal_rows"] += 1
    lines = max(
        (lines_needed(c.value, widths[n]) for n, c in enumerate(cells) if n in wrapped and c.value),
        default=1,
    )
    if lines > 1:
        sheet.row_dimensions[sheet.__dict__["_portal_rows"]].height = min(lines * LINE_HEIGHT, ROW_MAX)
    sheet.append(cells)


def finish_filter(sheet, columns: int, rows: int) -> None:
    """The autofilter over the header and every row written (known only at the end)."""
    sheet.auto_filter.ref = f"A2:{get_column_letter(columns)}{max(rows + 2, 2)}"
