"""A work-points document (工作要点) as text → a draft plan. Plain Python, no Django: it can be tested
and reused alone. tasks.workpoints.resolve matches the unit names to units and gives plan_load's shape.

What the genre writes, and what is read from it:
- headings: parts `一、总体要求` and sections `（一）优化交通基础设施空间布局` within them; items may stand
  directly under a part, which then is their section. Sections are numbered 1, 2 … in the order they
  hold items.
- items: `1.`, `2．`, `12、`, with leading spaces and full-width digits; numbers must follow on (a line
  beginning "3.5万吨" in the middle of item 7 is text, not item 3). A line that is none of these
  continues the item before it, unless that item has closed with its unit parenthesis.
- the unit parenthesis at an item's end (tasks.workpoints.units), its targets and deadlines
  (tasks.workpoints.targets).
- standing notes such as the one after item 3 (以下各具体工作任务需各市〔州〕交通运输局配合…): the units
  they name cooperate on every later item.

Whatever cannot be read is reported in `problems`, never guessed silently; no text makes it raise."""

import re
import unicodedata
from dataclasses import dataclass, field

from .targets import DeadlineDraft, TargetDraft, find_deadlines, find_targets
from .units import UnitRole, closes_with_units, list_rule, parse_unit_roles, split_unit_parenthesis

CHINESE_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_SPACE = " \t\u3000\u00a0\ufeff"
_PART = re.compile(r"([一二三四五六七八九十]{1,3})[、.．]\s*(\S.{0,40})")
_SECTION = re.compile(r"[（(]([一二三四五六七八九十]{1,3})[）)]\s*(\S.{0,40})")
# an item's number, not a decimal (3.5万吨) that begins a line broken inside an item
_ITEM = re.compile(
    r"([0-9０-９]{1,3})\s*[.．、](?![0-9０-９]+\s*(?:万|亿|%|％|公里|千米|吨|个|条|户|辆|项))\s*(\S.*)"
)
_STANDING = re.compile(
    r"以下.{0,12}?(?:任务|工作)(?:均|还)?(?:需|由|请)(?P<units>[^，。；]+?)(?:配合|协助|共同|具体落实)"
)
TITLE_MAX = 16


@dataclass
class SectionDraft:
    number: int
    title: str
    heading: str  # as written: （二）优化交通基础设施空间布局


@dataclass
class ItemDraft:
    number: int
    section: int
    text: str  # the item's whole text, its unit parenthesis included, as the document writes it
    start: int  # where it begins and ends in the source text (for the preview's highlighting)
    end: int
    title: str = ""
    body: str = ""  # the text without its unit parenthesis: what the plan keeps as the item's text
    units_text: str = ""  # the unit parenthesis's content
    units: list[UnitRole] = field(default_factory=list)
    targets: list[TargetDraft] = field(default_factory=list)
    deadlines: list[DeadlineDraft] = field(default_factory=list)


@dataclass
class StandingNote:
    """Units a note makes cooperate (配合单位) on the items from `from_item` on."""

    text: str
    units_text: str
    from_item: int


@dataclass
class DocumentDraft:
    year: int
    title: str
    sections: list[SectionDraft] = field(default_factory=list)
    items: list[ItemDraft] = field(default_factory=list)
    notes: list[StandingNote] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    first_leads: bool = False  # a rule said 列第一位者为牵头部门，下同: every later list's first unit leads


def numeral(text: str) -> int:
    """一 … 九十九 as a number."""
    if len(text) == 1:
        return CHINESE_NUMERALS.get(text, 0)
    if text.startswith("十"):
        return 10 + CHINESE_NUMERALS.get(text[1:], 0)
    tens, _, ones = text.partition("十")
    return CHINESE_NUMERALS.get(tens, 0) * 10 + CHINESE_NUMERALS.get(ones, 0)


def _lines(text: str):
    """(offset, line without its surrounding spaces) for every line."""
    offset = 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip(_SPACE + "\r\n")
        yield offset + (len(raw) - len(raw.lstrip(_SPACE))), stripped
        offset += len(raw)


def parse_document(text: str, *, year: int) -> DocumentDraft:
    """The draft plan of `text` for `year`."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    draft = DocumentDraft(year=year, title=_title(text))
    part: tuple[int, str] | None = None  # the part heading we are in, if items stand under it
    section: SectionDraft | None = None
    pending_section: tuple[str, str] | None = None
    current: ItemDraft | None = None
    for offset, line in _lines(text):
        if not line:
            continue
        if match := _ITEM.fullmatch(line):
            number = int(unicodedata.normalize("NFKC", match[1]))
            expected = draft.items[-1].number + 1 if draft.items else None
            # items are numbered from 1: "0.0" or "00." begins no item
            if number >= 1 and (expected is None or number == expected):
                if pending_section is not None or section is None:
                    section = _open_section(draft, pending_section, part)
                    pending_section = None
                current = ItemDraft(number=number, section=section.number, text=match[2], start=offset,
                                    end=offset + len(line))  # fmt: skip
                draft.items.append(current)
                continue
        if (match := _SECTION.fullmatch(line)) and not line.endswith(("。", "）", ")")):
            pending_section, current = (match[0], match[2].strip()), None
            continue
        if (match := _PART.fullmatch(line)) and not line.endswith("。"):
            part, pending_section, current, section = (numeral(match[1]), match[0]), None, None, None
            continue
        if note := _STANDING.search(line):
            draft.notes.append(
                StandingNote(text=line, units_text=note["units"].strip(), from_item=_next(draft))
            )
            current = None
            continue
        if current is not None and not closes_with_units(current.text):
            current.text += line  # a line broken inside the item (pasted from a web page or PDF)
            current.end = offset + len(line)
    if not draft.items:
        draft.problems.append("没有找到编号的工作任务（如“1.”“2．”“12、”开头的段落）。")
    for item in draft.items:
        _read_item(item, draft)
    return draft


def _open_section(draft: DocumentDraft, pending, part) -> SectionDraft:
    """The section the next items belong to: the `（一）` heading just read, else the part they stand
    directly under, else (a document without headings) one section of all its items."""
    if pending:
        heading, title = pending
    elif part:
        heading, title = part[1], _PART.fullmatch(part[1])[2].strip()
    else:
        heading, title = "", ""
    section = SectionDraft(number=len(draft.sections) + 1, title=title or "工作任务", heading=heading)
    draft.sections.append(section)
    return section


def _next(draft: DocumentDraft) -> int:
    return draft.items[-1].number + 1 if draft.items else 1


def _title(text: str) -> str:
    """The document's title: its first lines up to the first paragraph or heading."""
    parts = []
    for _offset, line in _lines(text):
        if not line:
            if parts and parts[-1].endswith("要点"):
                break
            continue
        if len(line) > 40 or _PART.fullmatch(line) or _ITEM.fullmatch(line) or "。" in line:
            break
        parts.append(line)
    return "".join(parts)[:200]


def _read_item(item: ItemDraft, draft: DocumentDraft) -> None:
    body, units_text, trouble = split_unit_parenthesis(item.text)
    where = f"第 {item.number} 项"
    if trouble:
        draft.problems.append(f"{where}：{trouble}")
    item.body, item.units_text = body, units_text
    rule = list_rule(units_text)[1]
    draft.first_leads |= rule.onwards and rule.first_leads
    item.units = _roles(units_text, where, draft) if not trouble else []
    for note in draft.notes:
        if item.number >= note.from_item:
            item.units.append(UnitRole(name=note.units_text, role="cooperating", from_note=True))
    item.title = short_title(body)
    item.targets = find_targets(body, year=draft.year)
    item.deadlines = find_deadlines(body, year=draft.year)


def _roles(units_text: str, where: str, draft: DocumentDraft) -> list[UnitRole]:
    roles = parse_unit_roles(units_text, first_leads=draft.first_leads)
    if not roles:
        draft.problems.append(f"{where}：没有找到承担单位（任务末尾括号中的单位）。")
    return roles


def short_title(body: str) -> str:
    """The item's first phrase when it reads as a heading (短语，不超过 TITLE_MAX 字), otherwise the
    first phrase cut at a natural place, with an ellipsis."""
    first = re.split(r"[。；;，,：:]", body, maxsplit=1)[0].strip()
    if len(first) <= TITLE_MAX:
        return first
    cut = first[:TITLE_MAX]
    for mark in ("、", "和", "与", "及", "的"):
        at = cut.rfind(mark)
        if at >= 8:
            cut = cut[:at]
            break
    return cut + "…"
