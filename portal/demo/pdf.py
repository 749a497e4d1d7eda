"""A small, real PDF written in code, for the demo's summary files and evidence: one A4 page of Chinese
text in Adobe's STSong-Light (宋体), a font PDF readers provide themselves, so nothing is embedded and
each file is about a kilobyte. Latin letters and digits (CIDs 1–95 of Adobe-GB1) are half as wide as
the Chinese characters."""

import textwrap

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 64
CHARS_PER_LINE = 32  # CJK characters at 14 pt between the margins
TITLE_CHARS_PER_LINE = 25  # at 18 pt


def _hex(text: str) -> str:
    # UniGB-UCS2-H: each character as its two-byte UCS-2 code
    return text.encode("utf-16-be").hex().upper()


def _content(title: str, lines: list[str]) -> bytes:
    ops = ["BT", "/F1 18 Tf", f"{MARGIN} {PAGE_HEIGHT - 90} Td"]
    for line in textwrap.wrap(title, TITLE_CHARS_PER_LINE):
        ops += [f"<{_hex(line)}> Tj", "0 -28 Td"]
    ops += ["/F1 14 Tf", "0 -16 Td"]
    for line in lines:
        ops += [f"<{_hex(line)}> Tj", "0 -24 Td"]
    ops.append("ET")
    return "\n".join(ops).encode("ascii")


def pdf_document(title: str, paragraphs: list[str]) -> bytes:
    """A one-page PDF with `title` and `paragraphs` (wrapped to the page; characters outside the Basic
    Multilingual Plane are left out)."""
    lines = []
    for paragraph in paragraphs:
        text = "".join(c for c in paragraph if ord(c) < 0x10000)
        lines += textwrap.wrap(text, CHARS_PER_LINE) or [""]
    stream = _content(title, lines[:28])
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
        "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".encode("ascii"),
        f"<< /Length {len(stream)} >>\nstream\n".encode("ascii") + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
        b"/FontDescriptor 7 0 R /DW 1000 /W [1 95 500] >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode("ascii") + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    out += b"".join(f"{offset:010d} 00000 n \n".encode("ascii") for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode("ascii")
    return bytes(out)
