"""Excel cells shared by the fill-in template (reports.fill_in, openpyxl) and the summary workbook
(exports.workbook, xlsxwriter): text made safe, the template's look, the number format of a measure.

Text as staff write it never breaks a workbook or runs as a formula:
- characters a workbook refuses (control characters pasted from Word) are removed;
- longer than a cell holds (32,767 characters, as Excel counts them: UTF-16 units), it is cut, saying so;
- the writers always write text as a string cell, so one beginning with = + - @ is never a formula;
- emoji and any other Unicode are kept."""

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"  # the media type
CELL_MAX = 32_767
CUT = "……（超出单元格长度，已截断）"

HEADER_FILL = PatternFill("solid", fgColor="2F6B4F")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")
THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def safe_text(value: str) -> str:
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    if len(text) > CELL_MAX // 2 and _units(text) > CELL_MAX:
        kept = text.encode("utf-16-le")[: 2 * (CELL_MAX - _units(CUT))]
        text = kept.decode("utf-16-le", errors="ignore") + CUT  # never half an emoji
    return text


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def measure_format(measure_unit: str) -> str | None:
    """A number format that shows the measure (公里, 万株 …); percentages as percent."""
    if not measure_unit or measure_unit == "%":
        return None
    return f'#,##0.##"{measure_unit}"'
