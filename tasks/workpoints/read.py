"""A work-points document as text: pasted text, a .txt file (UTF-8, with or without a byte-order
mark, or GB18030 as Windows tools save Chinese text), or a .docx (python-docx: its paragraphs, then
its tables' cells). Refused with a message: an empty text, a file over DOCUMENT_MAX_BYTES, a .docx
that is not one, a .docx whose parts would unpack to more than DOCUMENT_UNPACKED_MAX_BYTES."""

import io
import zipfile

DOCUMENT_MAX_BYTES = 5 * 1024 * 1024
DOCUMENT_UNPACKED_MAX_BYTES = 50 * 1024 * 1024
TEXT_MAX_CHARS = 500_000


class DocumentRefused(ValueError):
    """The document cannot be read; the message says why, in Chinese."""


def document_text(*, data: bytes | None = None, name: str = "", text: str | None = None) -> str:
    if text is not None:
        if len(text) > TEXT_MAX_CHARS:
            raise DocumentRefused(f"文字超过 {TEXT_MAX_CHARS:,} 字，不像一份工作要点。")
        result = text
    else:
        data = data or b""
        if len(data) > DOCUMENT_MAX_BYTES:
            raise DocumentRefused(
                f"文件大小为 {len(data) / 1024 / 1024:.1f} MB，超过上限 {DOCUMENT_MAX_BYTES // 1024 // 1024} MB。"
            )
        result = _docx_text(data) if name.lower().endswith(".docx") else _plain_text(data)
    if not result.strip():
        raise DocumentRefused("文档内容为空。")
    # one kind of line end (a browser's textarea sends CRLF): the parser's offsets, the preview's
    # highlights and the text kept with the plan then count the same characters
    return result.replace("\r\n", "\n").replace("\r", "\n")


def _plain_text(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        raise DocumentRefused("这是一个压缩包或 Office 文件，不是纯文本；Word 文档请使用 .docx 扩展名上传。")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentRefused("无法识别文本编码，请另存为 UTF-8 编码的 .txt 文件后上传。")


def _docx_text(data: bytes) -> str:
    import docx

    not_docx = "文件不是有效的 Word 文档（.docx），可能已损坏或只是改了扩展名。"
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise DocumentRefused(not_docx) from exc
    if sum(p.file_size for p in parts) > DOCUMENT_UNPACKED_MAX_BYTES or len(parts) > 1000:
        raise DocumentRefused("文件解压后体积异常（可能是压缩炸弹），已拒绝。")
    if "word/document.xml" not in {p.filename for p in parts}:
        raise DocumentRefused(not_docx)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a damaged file
        raise DocumentRefused(not_docx) from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return "\n".join(lines)
