"""Reading an uploaded fill-in template: the file is checked as a container before openpyxl opens it,
then its two sheets are read into rows, each cell's trouble noted next to it.

Refused as a whole (TemplateRefused, nothing read further): a file over TEMPLATE_UPLOAD_MAX_BYTES; a
file that is not a real .xlsx (another format renamed, a damaged archive); a legacy .xls; a
password-protected (encrypted) workbook; a macro-enabled one; an archive whose parts would unpack to
more than TEMPLATE_UNCOMPRESSED_MAX_BYTES (a zip bomb: the sizes the archive declares are checked
before anything is unpacked, and Python's zipfile never unpacks more than declared); a workbook that
is not the portal's template or whose sheets were reshaped. XML is parsed through defusedxml
(openpyxl uses it when installed), so entity bombs are refused too."""

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field

import olefile
from django.conf import settings
from django.core import signing
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from ..validation import OLE_MAGIC
from .template import (
    FIRST_ROW,
    META_SHEET,
    PROGRESS_COLUMNS,
    PROGRESS_SHEET,
    SALT,
    TARGET_COLUMNS,
    TARGET_SHEET,
)

MAX_PARTS = 500
MAX_ROWS = 5000


class TemplateRefused(Exception):
    """The uploaded file as a whole cannot be taken; the message says why, in Chinese."""


@dataclass
class FilledTarget:
    row: int
    number: int | None
    name: str
    value: str | None
    explanation: str
    errors: list[str] = field(default_factory=list)


@dataclass
class FilledRow:
    row: int
    number: int | None
    done: str
    problems: str
    next_steps: str
    completed: str
    errors: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.done or self.problems or self.next_steps or self.completed)


@dataclass
class Filled:
    identity: dict
    progress: list[FilledRow]
    figures: list[FilledTarget]


def where(sheet: str, column: str, row: int) -> str:
    """How a cell is named in a message: “指标”表 G7."""
    return _("“%(sheet)s”表 %(cell)s") % {"sheet": sheet, "cell": f"{column}{row}"}


def open_template(upload):
    """The uploaded file as a read-only openpyxl workbook, or TemplateRefused."""
    limit = settings.TEMPLATE_UPLOAD_MAX_BYTES
    size = upload.size
    if size > limit:
        raise TemplateRefused(
            _("文件大小为 %(size)s，超过填报模板的上限 %(limit)s。")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )
    upload.seek(0)
    data = upload.read()
    if data.startswith(OLE_MAGIC):
        raise TemplateRefused(_encrypted_or_legacy(data))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise TemplateRefused(_not_xlsx()) from exc
    names = {p.filename for p in parts}
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise TemplateRefused(_not_xlsx())
    if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > settings.TEMPLATE_UNCOMPRESSED_MAX_BYTES:
        raise TemplateRefused(_("文件解压后体积异常（可能是压缩炸弹），已拒绝。请上传本门户下载的填报模板。"))
    content_types = archive.read("[Content_Types].xml")
    if any(n.lower().endswith("vbaproject.bin") for n in names) or b"macroEnabled" in content_types:
        raise TemplateRefused(_("文件含有宏（.xlsm），出于安全考虑不予接受。请另存为不含宏的 .xlsx 后上传。"))
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged or foreign workbook
        raise TemplateRefused(_not_xlsx()) from exc


def _not_xlsx() -> str:
    return _("文件不是有效的 Excel 工作簿（.xlsx），可能已损坏或只是改了扩展名。请上传本门户下载的填报模板。")


def _encrypted_or_legacy(data: bytes) -> str:
    """An OLE compound file is either a password-protected Office file or a legacy .xls."""
    try:
        with olefile.OleFileIO(data) as ole:
            encrypted = ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage")
    except (OSError, ValueError, IndexError):  # olefile refuses a broken body in several ways
        return _not_xlsx()
    if encrypted:
        return _("文件设置了打开密码（已加密），门户无法读取。请取消密码后重新上传。")
    return _("这是旧版 Excel 文件（.xls）。请使用本门户下载的 .xlsx 填报模板。")


def read_template(workbook) -> Filled:
    """The template's identity and its rows, or TemplateRefused if it is not the portal's template."""
    not_ours = _("这不是本门户下载的填报模板，或模板信息已被改动。请重新下载模板后填写。")
    if META_SHEET not in workbook.sheetnames:
        raise TemplateRefused(not_ours)
    token = workbook[META_SHEET]["A1"].value
    try:
        identity = signing.loads(str(token or ""), salt=SALT)
    except signing.BadSignature as exc:
        raise TemplateRefused(not_ours) from exc
    for name, columns in ((PROGRESS_SHEET, PROGRESS_COLUMNS), (TARGET_SHEET, TARGET_COLUMNS)):
        if name not in workbook.sheetnames:
            raise TemplateRefused(_("模板缺少“%(sheet)s”表，请勿删除或重命名工作表。") % {"sheet": name})
        header = next(workbook[name].iter_rows(min_row=2, max_row=2, values_only=True), ())
        if [str(v or "") for v in header[: len(columns)]] != [c for c, _w in columns]:
            raise TemplateRefused(_("“%(sheet)s”表的表头被改动，请勿增删或移动列。") % {"sheet": name})
    return Filled(
        identity=identity,
        progress=list(_progress_rows(workbook[PROGRESS_SHEET])),
        figures=list(_target_rows(workbook[TARGET_SHEET])),
    )


def _rows(sheet, width: int):
    for n, cells in enumerate(sheet.iter_rows(min_row=FIRST_ROW, max_col=width), start=FIRST_ROW):
        if n >= FIRST_ROW + MAX_ROWS:
            raise TemplateRefused(
                _("“%(sheet)s”表超过 %(n)s 行，不是本门户的填报模板。")
                % {"sheet": sheet.title, "n": MAX_ROWS}
            )
        cells = list(cells) + [None] * (width - len(cells))
        if all(c is None or c.value in (None, "") for c in cells):
            continue
        yield n, cells


def _progress_rows(sheet):
    for n, cells in _rows(sheet, len(PROGRESS_COLUMNS)):
        errors: list[str] = []
        number = _number(sheet.title, cells[0], "A", n, errors)
        texts = [
            _text(sheet.title, cells[i], letter, n, errors) for i, letter in ((5, "F"), (6, "G"), (7, "H"))
        ]
        completed = _text(sheet.title, cells[8], "I", n, errors)
        yield FilledRow(n, number, *texts, completed=completed, errors=errors)


def _target_rows(sheet):
    for n, cells in _rows(sheet, len(TARGET_COLUMNS)):
        errors: list[str] = []
        number = _number(sheet.title, cells[0], "A", n, errors)
        name = _text(sheet.title, cells[1], "B", n, errors)
        value = _figure(sheet.title, cells[6], "G", n, errors)
        explanation = _text(sheet.title, cells[7], "H", n, errors)
        yield FilledTarget(n, number, name, value, explanation, errors=errors)


def _formula(cell) -> bool:
    return cell is not None and (
        cell.data_type == "f"
        or not isinstance(cell.value, str | int | float | bool | dt.datetime | type(None))
    )


def _text(sheet, cell, column, row, errors) -> str:
    if cell is None or cell.value is None:
        return ""
    if _formula(cell):
        errors.append(_("%(cell)s：请直接填写内容，不要使用公式。") % {"cell": where(sheet, column, row)})
        return ""
    value = cell.value
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _number(sheet, cell, column, row, errors) -> int | None:
    text = _text(sheet, cell, column, row, errors)
    if text.isdecimal():
        return int(text)
    errors.append(
        _("%(cell)s：任务编号缺失或被改动，请勿修改灰色单元格。") % {"cell": where(sheet, column, row)}
    )
    return None


def _figure(sheet, cell, column, row, errors) -> str | None:
    """A figure as the report form's field takes it: a number cell as its decimal text (a float such
    as 0.30000000000000004 that Excel shows as 0.3 read as 0.3), a text cell as typed."""
    if cell is None or cell.value in (None, ""):
        return None
    if _formula(cell):
        errors.append(_("%(cell)s：请直接填写数值，不要使用公式。") % {"cell": where(sheet, column, row)})
        return None
    value = cell.value
    if isinstance(value, bool) or isinstance(value, dt.datetime):
        return str(value)  # refused by the field as not a number
    if isinstance(value, float):
        return repr(round(value, 6))
    return str(value)
