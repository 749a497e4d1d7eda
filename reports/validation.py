"""Rules a report's content must meet, with messages in Chinese keyed by the field they belong to.

Field keys: `period`, `value_<target id>`, `explanation_<target id>`, `attachments`, `done`.
"""

import os
import re
from dataclasses import dataclass
from decimal import Decimal

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from tasks.periods import PeriodError, parse_period

# Evidence types, judged by the file's content (its magic bytes), not only by its name.
ALLOWED_TYPES = {
    "application/pdf": ("pdf",),
    "application/msword": ("doc",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("docx",),
    "application/vnd.ms-excel": ("xls",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("xlsx",),
    "image/jpeg": ("jpg", "jpeg"),
    "image/png": ("png",),
    "image/gif": ("gif",),
    "image/webp": ("webp",),
}
# The header of an OLE compound file, the container of legacy .doc and .xls files.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ALLOWED_EXTENSIONS = sorted({ext for exts in ALLOWED_TYPES.values() for ext in exts})
# An evidence file keeps its original name for display and download, shortened to what the column
# holds and to the 255 bytes most file systems allow when the user saves the download.
NAME_MAX_CHARS = 200
NAME_MAX_BYTES = 255


@dataclass
class ValueInput:
    """One target value as a unit enters it."""

    target: object
    value: Decimal
    explanation: str = ""


def field_key(prefix: str, target) -> str:
    return f"{prefix}_{target.pk}"


def validate_period(*, period: str, work_item, today=None) -> None:
    today = today or timezone.localdate()
    try:
        parsed = parse_period(period)
    except PeriodError as exc:
        raise ValidationError({"period": str(exc)}) from exc
    if parsed.start > today:
        raise ValidationError(
            {"period": _("报送期 %(period)s 尚未开始，不能提前报送。") % {"period": parsed.label}}
        )
    if parsed.start.year != work_item.plan.year:
        raise ValidationError({"period": _("报送期须在 %(year)s 年度内。") % {"year": work_item.plan.year}})


# How long a report's texts and a reviewer's comment may be: pages several times the longest report
# the demo year holds, well short of what would make a report's page heavy to open.
TEXT_MAX = 10_000  # 工作进展, 存在问题, 下步计划
COMMENT_MAX = 2_000  # 审核意见, 退回意见, 更正原因, 核实说明
EXPLANATION_MAX = 1_000  # a figure's explanation


def too_long(text: str, limit: int) -> str | None:
    if len(text or "") > limit:
        return _("不能超过 %(n)s 字（现有 %(m)s 字）。") % {"n": limit, "m": len(text)}
    return None


def validate_texts(**texts) -> None:
    """A report's texts within TEXT_MAX, each refused next to its field."""
    errors = {name: message for name, text in texts.items() if (message := too_long(text, TEXT_MAX))}
    if errors:
        raise ValidationError(errors)


def validate_comment(comment: str) -> None:
    if message := too_long(comment, COMMENT_MAX):
        raise ValidationError({"comment": message})


def validate_values(values: list[ValueInput], *, previous: dict[int, Decimal]) -> None:
    """Negative values, percentages over 100, and a cumulative value below the unit's previous one
    without an explanation are refused."""
    errors: dict[str, list[str]] = {}
    for item in values:
        target, value = item.target, item.value
        key = field_key("value", target)
        if value < 0:
            errors.setdefault(key, []).append(_("数值不能为负数。"))
        elif target.is_rate and value > 100:
            errors.setdefault(key, []).append(_("百分比不能超过 100。"))
        if message := too_long(item.explanation, EXPLANATION_MAX):
            errors.setdefault(field_key("explanation", target), []).append(message)
        floor = previous.get(target.pk)
        if floor is not None and value < floor and not item.explanation.strip():
            errors.setdefault(field_key("explanation", target), []).append(
                _("累计值低于本单位上期已报的 %(floor)s%(unit)s，如确需调减，请说明原因。")
                % {"floor": f"{floor.normalize():f}", "unit": target.measure_unit}
            )
    if errors:
        raise ValidationError(errors)


def file_extension(name: str) -> str:
    """The extension of a file name, lower-cased, without the dot: "pdf" for 总结.PDF, "" for none."""
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def invalid_name_message(raw: str) -> str:
    shown = "".join(c for c in raw or "" if c.isprintable())[:100]
    return _("文件名无效：“%(name)s”。请将文件改为有意义的名称后重新上传。") % {"name": shown}


def attachment_name(raw: str | None) -> str:
    """The name an evidence file is shown and downloaded under: its original name without folders,
    shortened if need be to NAME_MAX_CHARS characters and NAME_MAX_BYTES bytes of UTF-8, its
    extension kept. A name that is nothing once the folders are gone, `.` or `..` is refused."""
    name = re.split(r"[/\\]", raw or "")[-1]
    name = "".join(c for c in name if c.isprintable()).strip()
    if name in ("", ".", ".."):
        raise ValidationError({"attachments": invalid_name_message(raw or "")})
    stem, ext = os.path.splitext(name)
    if len(ext) > 16:  # a dot inside a long name, not an extension
        stem, ext = name, ""
    stem = stem[: NAME_MAX_CHARS - len(ext)]
    stem = stem.encode()[: NAME_MAX_BYTES - len(ext.encode())].decode(errors="ignore")
    return stem + ext


def validate_upload(upload) -> str:
    """Check an uploaded file's size and real type; return its content type."""
    limit = settings.REPORT_ATTACHMENT_MAX_BYTES
    name = upload.name or ""
    if upload.size > limit:
        raise ValidationError(
            {
                "attachments": _("文件“%(name)s”大小为 %(size)s，超过上限 %(limit)s。")
                % {"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            }
        )
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    ext = file_extension(name)
    mime = kind.mime if kind else None
    if mime == "application/zip" and ext in ("docx", "xlsx"):
        # an Office file whose parts filetype could not see from the head: look inside the archive
        mime = _office_mime(upload, ext)
    if head.startswith(OLE_MAGIC) and ext in ("doc", "xls"):
        # a legacy Office file: filetype tells Word from Excel by first-sector layouts that many writers
        # (LibreOffice among them) do not use, so it misses or mislabels genuine files; the container is
        # checked, and the extension says which of the two it is
        mime = "application/msword" if ext == "doc" else "application/vnd.ms-excel"
    if mime not in ALLOWED_TYPES or ext not in ALLOWED_TYPES[mime]:
        raise ValidationError(
            {
                "attachments": _(
                    "文件“%(name)s”的类型不符合要求：只接受 PDF、Word、Excel 和图片（%(exts)s），且扩展名须与内容一致。"
                )
                % {"name": name, "exts": "、".join(ALLOWED_EXTENSIONS)}
            }
        )
    return mime


def _office_mime(upload, ext: str) -> str | None:
    import zipfile

    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    finally:
        upload.seek(0)
    if ext == "docx" and "word/document.xml" in names:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    if ext == "xlsx" and "xl/workbook.xml" in names:
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return None
