"""A summary draft laid out as an official document by GB/T 9704-2012 (党政机关公文格式), in .docx:

- A4; top margin 37 mm, left 28 mm; type area 156 mm × 225 mm (so right 26 mm, bottom 35 mm);
- body 3号 (16 pt) 仿宋_GB2312, 22 lines a page (fixed line pitch 225 mm / 22), first lines
  indented two characters;
- title 2号 (22 pt) 方正小标宋简体, centred; first-level headings (一、) 3号 黑体, second-level
  (（一）) 3号 楷体_GB2312, third-level (1.) 3号 仿宋_GB2312;
- page numbers 4号 (14 pt) 宋体 as "— 1 —" at the foot, odd pages right and even pages left, one
  character in from the edge.

The fonts are named as the standard names them; Word and LibreOffice substitute where a machine
lacks one."""

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .content import NOT_REPORTED, SummaryDraft

FANGSONG, HEITI, KAITI, XIAOBIAOSONG, SONGTI = "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体"
BODY_PT, TITLE_PT, PAGE_NUMBER_PT, TABLE_PT = 16, 22, 14, 12
LINE_PITCH = Mm(225 / 22)  # 22 lines in the 225 mm type area
NUMERALS = "一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (headings rarely pass twenty)."""
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return f"{NUMERALS[tens - 1] if tens > 1 else ''}十{NUMERALS[ones - 1] if ones else ''}"


def _font(run, name: str, size: int, *, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), name)


def _paragraph(document, text: str = "", *, font=FANGSONG, size=BODY_PT, indent=True, align=None, bold=False):
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if align is not None:
        paragraph.alignment = align
    if text:
        _font(paragraph.add_run(text), font, size, bold=bold)
    return paragraph


def _page_setup(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.left_margin = Mm(37), Mm(28)
    section.right_margin, section.bottom_margin = Mm(210 - 28 - 156), Mm(297 - 37 - 225)
    section.footer_distance = Mm(28 - 7)  # the page number sits about 7 mm below the type area
    style = document.styles["Normal"]
    _font_style(style, FANGSONG, BODY_PT)
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)


def _font_style(style, name: str, size: int) -> None:
    style.font.name = name
    style.font.size = Pt(size)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _page_number(footer, align) -> None:
    """— 1 — in 4号 宋体, a character in from the edge on its side."""
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.alignment = align
    side = "right_indent" if align == WD_ALIGN_PARAGRAPH.RIGHT else "left_indent"
    setattr(paragraph.paragraph_format, side, Pt(PAGE_NUMBER_PT))
    _font(paragraph.add_run("— "), SONGTI, PAGE_NUMBER_PT)
    run = paragraph.add_run()
    _font(run, SONGTI, PAGE_NUMBER_PT)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if text.strip() == "PAGE" else "w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)
    _font(paragraph.add_run(" —"), SONGTI, PAGE_NUMBER_PT)


def _table(document, draft: SummaryDraft) -> None:
    headers = ["序号", "指标", "目标", "完成", "占年度目标", "序时进度", "状态"]
    widths = [Mm(12), Mm(46), Mm(24), Mm(24), Mm(18), Mm(16), Mm(16)]
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cells in (table.rows[0].cells,):
        for cell, text in zip(cells, headers, strict=True):
            _cell(cell, text, bold=True)
    for line in draft.targets:
        values = [
            str(line.item_number), line.name, line.goal, line.value_text,
            f"{line.completion_pct}%" if line.completion_pct is not None else "—",
            f"{line.expected_pct:.0f}%", line.status if line.value is not None else NOT_REPORTED,
        ]  # fmt: skip
        for cell, text in zip(table.add_row().cells, values, strict=True):
            _cell(cell, text)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
        row_pr = row._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader") if row._index == 0 else None
        if repeat is not None:
            row_pr.append(repeat)


def _cell(cell, text: str, *, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
    _font(paragraph.add_run(text), FANGSONG, TABLE_PT, bold=bold)


def draft_docx(draft: SummaryDraft, out) -> None:
    """Write the draft to `out` (a path or a binary file)."""
    document = Document()
    _page_setup(document)
    _paragraph(
        document, draft.title, font=XIAOBIAOSONG, size=TITLE_PT, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER
    )
    _paragraph(document, indent=False)
    if draft.recipient:
        _paragraph(document, f"{draft.recipient}：", indent=False)
    _paragraph(document, draft.opening)
    number = 0
    for section in draft.sections:
        number += 1
        _paragraph(document, f"{chinese_number(number)}、{section.title}", font=HEITI)
        for at, item in enumerate(section.items, start=1):
            _paragraph(document, f"（{chinese_number(at)}）{item.title}（第{item.number}项）", font=KAITI)
            for line in item.targets:
                _paragraph(document, line.sentence)
            for n, unit in enumerate(item.units, start=1):
                text = " ".join(unit.done.split()) if unit.reported else f"{NOT_REPORTED}。"
                when = f"（{unit.period}）" if unit.reported else ""
                _paragraph(document, f"{n}. {unit.unit}{when}：{text or '报告未填写工作进展。'}")
    for heading, writer in (
        ("量化指标完成情况", _targets_part),
        ("存在的问题", lambda d, dr: _listed(d, dr.problems, "各单位已通过的报告中未提出问题。")),
        ("下步工作打算", lambda d, dr: _listed(d, dr.next_steps, "各单位已通过的报告中未提出下步计划。")),
    ):
        number += 1
        _paragraph(document, f"{chinese_number(number)}、{heading}", font=HEITI)
        writer(document, draft)
    _paragraph(document, indent=False)
    _paragraph(
        document, draft.issuer, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT
    ).paragraph_format.right_indent = Pt(BODY_PT * 4)
    day = f"{draft.date.year}年{draft.date.month}月{draft.date.day}日"
    _paragraph(
        document, day, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT
    ).paragraph_format.right_indent = Pt(BODY_PT * 4)
    document.save(out)


def _targets_part(document, draft: SummaryDraft) -> None:
    if not draft.targets:
        _paragraph(document, "本单位承担的任务未设量化指标。")
        return
    _paragraph(document, "截至成文日期，各项量化指标完成情况如下表（数据均来自已通过审核的进展报告）。")
    _table(document, draft)


def _listed(document, entries, none: str) -> None:
    if not entries:
        _paragraph(document, none)
    for n, (unit, text) in enumerate(entries, start=1):
        _paragraph(document, f"{n}. {unit}：{' '.join(text.split())}")
