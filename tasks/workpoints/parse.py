"""A work-points document (工作要点) as text → a draft plan. Plain Python, no Django: it can be tested
and reused alone. tasks.workpoints.resolve matches the unit names to units and gives plan_load's shape.

What the genre writes, and what is read from it:
- the header: title, issuing body, document number (tasks.workpoints.header);
- numbered paragraphs at four levels (一、 （一） 1. （1）, tasks.workpoints.structure): the deepest level
  that carries unit parentheses holds the tasks, the levels above are headings, those below are text
  of a task. Numbers must follow on (a line beginning "3.5万吨" in the middle of item 7 is text, not
  item 3) or start again at 1 under a new heading; items are numbered 1, 2 … through the document.
  A heading's first sentence is its section's title; sections are numbered in the order they hold
  items. A line that is none of these continues the item before it, unless that item has closed
  with its unit parenthesis.
- the unit parenthesis of an item (tasks.workpoints.units); where an item has none, the one on its
  heading; its targets and deadlines (tasks.workpoints.targets).
- standing notes such as the one after item 3 (以下各具体工作任务需各市〔州〕交通运输局配合…), on a line
  of their own or inside a unit parenthesis (以下各项工作均需…落实，不再列出): the units they name take
  the role the note says (配合 → cooperating, 落实/负责 → responsible) on every later item.

An item whose units cannot be read is kept with a `warning` for the administrator; the document is
refused (`problems`) only when no item at all is found. No text makes it raise."""

import re
from dataclasses import dataclass, field

from units.names import split_unit_names

from ..choices import strongest
from .header import read_header
from .structure import RANKS, Line, document_lines, task_kind
from .targets import DeadlineDraft, TargetDraft, find_deadlines, find_targets, plan_years
from .units import (
    FIRST_LEADS,
    NOTE_ROLES,
    STANDING,
    UnitRole,
    balanced,
    closes_with_units,
    is_unit_line,
    list_rule,
    parse_unit_roles,
    role_parentheses,
    split_unit_parenthesis,
    unit_parenthesis,
)

TITLE_MAX = 16
HEADING_MAX = 40
NO_UNITS = "没有找到承担单位（任务末尾括号中的单位）"


@dataclass
class SectionDraft:
    number: int
    title: str
    heading: str  # as written: （二）优化交通基础设施空间布局
    units_text: str = ""  # a unit parenthesis on the heading: the units of its items that name none


@dataclass
class ItemDraft:
    number: int
    section: int
    text: str  # the item's whole text, its unit parenthesis included, as the document writes it
    start: int  # where it begins and ends in the source text (for the preview's highlighting)
    end: int
    label: str = ""  # its number as the document writes it: 3. （三） 一、
    written: int = 0  # that number's value
    title: str = ""
    body: str = ""  # the text without its unit parenthesis: what the plan keeps as the item's text
    units_text: str = ""  # the unit parenthesis's content
    units: list[UnitRole] = field(default_factory=list)
    targets: list[TargetDraft] = field(default_factory=list)
    deadlines: list[DeadlineDraft] = field(default_factory=list)
    unit_lines: list[str] = field(default_factory=list)  # 牵头单位：… written on lines of their own
    warning: str = ""  # what the administrator should look at: no unit found, brackets unpaired
    inherited: str = ""  # the heading whose units it took, having none of its own
    slip: str = ""  # where its number does not follow on from the item before


@dataclass
class StandingNote:
    """Units a note gives a role on the items from `from_item` on: cooperating (需…配合), or
    responsible (均需…落实，不再列出)."""

    text: str
    units_text: str
    from_item: int
    role: str = "cooperating"

    @classmethod
    def of(cls, text: str, from_item: int) -> "StandingNote | None":
        if match := STANDING.search(text):
            return cls(text=text, units_text=match["units"].strip(), from_item=from_item,
                       role=NOTE_ROLES[match["verb"]])  # fmt: skip
        return None


@dataclass
class DocumentDraft:
    year: int
    title: str
    issuer: str = ""
    doc_number: str = ""
    last_year: int = 0  # a plan for several years (2021—2025年, 三年行动): its last year
    task_level: str = ""  # which numbering holds the tasks: structure.RANKS
    sections: list[SectionDraft] = field(default_factory=list)
    items: list[ItemDraft] = field(default_factory=list)
    notes: list[StandingNote] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # nothing can be imported: what was found instead
    first_leads: bool = False  # a rule said 列第一位者为牵头部门，下同: every later list's first unit leads

    @property
    def warnings(self) -> list[str]:
        return [
            f"第 {i.number} 项（原文 {i.label}）：{text}"
            for i in self.items
            for text in (i.slip, i.warning)
            if text
        ]


def parse_document(text: str, *, year: int) -> DocumentDraft:
    """The draft plan of `text` for `year`."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    lines = document_lines(text)
    kind = task_kind(lines)
    first = next((at for at, line in enumerate(lines) if line.kind), len(lines))
    header = read_header([line.text for line in lines], first_numbered=first)
    draft = DocumentDraft(year=year, title=header.title, issuer=header.issuer, doc_number=header.doc_number,
                          task_level=kind, last_year=plan_years(header.title, year))  # fmt: skip
    rank = RANKS.index(kind) if kind else -1
    headings: dict[str, int] = {}  # the last number of each heading level
    pending: Line | None = None  # the heading just read: the next item opens its section
    section: SectionDraft | None = None
    current: ItemDraft | None = None
    for line in lines:
        if line.kind == kind and (slip := _follows(line, draft, pending)) is not None:
            if pending is not None or section is None:
                section, pending = _open_section(draft, pending), None
            number = draft.items[-1].number + 1 if draft.items else line.number
            current = ItemDraft(number=number, section=section.number, text=line.rest, start=line.offset,
                                end=line.offset + len(line.text), label=line.label, written=line.number,
                                slip=slip)  # fmt: skip
            draft.items.append(current)
        elif line.kind and line.rank < rank and line.number in (1, headings.get(line.kind, 0) + 1):
            # a heading: numbered on from the last of its level, or from 1 again
            if pending is not None and unit_parenthesis(pending.rest) and rank - pending.rank == 1:
                current = _heading_as_item(draft, pending)  # a heading with its own units and no items
            headings[line.kind] = line.number
            pending, current = line, None
        elif note := StandingNote.of(line.text, _next(draft)):
            draft.notes.append(note)
            current = None
        elif FIRST_LEADS.search(line.text) and (current is None or len(line.text) < 40):
            draft.first_leads = True  # 各项任务中列第一位的为牵头单位: said once for the whole plan
        elif current is not None and is_unit_line(line.text) and balanced(current.text):
            current.unit_lines.append(line.text)
            current.end = line.offset + len(line.text)
        elif current is not None and not closes_with_units(current.text) and not current.unit_lines:
            current.text += line.text  # a line broken inside the item (pasted from a web page or PDF)
            current.end = line.offset + len(line.text)
    if pending is not None and unit_parenthesis(pending.rest) and rank - pending.rank == 1:
        _heading_as_item(draft, pending)
    if not draft.items:
        draft.problems.append(_nothing_found(lines, draft))
    for item in draft.items:
        _read_item(item, draft)
    return draft


def _follows(line: Line, draft: DocumentDraft, pending: Line | None) -> str | None:
    """Whether a numbered line begins the next item: "" when its number follows the last item's or
    starts again at 1 under a new heading; a note for the administrator when the document slipped (a
    number left out or said twice) after an item that closed with its units; None when the line is
    text. Items are numbered from 1: "0.0" or "00." begins none."""
    if line.number < 1:
        return None
    if not draft.items:
        return ""
    last = draft.items[-1]
    if line.number == last.written + 1 or (line.number == 1 and pending is not None):
        return ""
    closed = closes_with_units(last.text) or bool(last.unit_lines)
    if closed and line.number == last.written:
        return f"原文编号 {line.label} 与上一项重复，请核对。"
    if closed and last.written + 1 < line.number <= last.written + 5:
        return f"原文编号从 {last.label} 跳到 {line.label}，请核对是否漏了任务。"
    return None


def _heading_as_item(draft: DocumentDraft, heading: Line) -> ItemDraft:
    """A heading that carries its own units and has no items under it is a task of its own."""
    section = _open_section(draft, heading)
    number = draft.items[-1].number + 1 if draft.items else 1
    item = ItemDraft(number=number, section=section.number, text=heading.rest, start=heading.offset,
                     end=heading.offset + len(heading.text), label=heading.label, written=0)  # fmt: skip
    draft.items.append(item)
    return item


def _open_section(draft: DocumentDraft, heading: Line | None) -> SectionDraft:
    """The section the next items belong to: the heading just read, else (a document without
    headings) one section of all its items."""
    title, units_text = ("", "") if heading is None else _heading_title(heading.rest)
    section = SectionDraft(number=len(draft.sections) + 1, title=title or "工作任务",
                           heading=heading.text if heading else "", units_text=units_text)  # fmt: skip
    draft.sections.append(section)
    return section


def _heading_title(rest: str) -> tuple[str, str]:
    """A heading's title, its first sentence (（一）加快绿色转型。以……为重点 → 加快绿色转型), and the
    content of a unit parenthesis it carries."""
    body, units_text, _trouble = split_unit_parenthesis(rest)
    title = re.split(r"[。；;：:！!？?]", body, maxsplit=1)[0].strip()
    if len(title) > HEADING_MAX:
        title = title[: HEADING_MAX - 1] + "…"
    return title, units_text


def _next(draft: DocumentDraft) -> int:
    return draft.items[-1].number + 1 if draft.items else 1


def _nothing_found(lines: list[Line], draft: DocumentDraft) -> str:
    """Why nothing can be imported, and what was read instead."""
    found = [f"{len(lines)} 段文字"]
    if draft.title:
        found.append(f"标题“{draft.title}”")
    headings = [line.label for line in lines if line.kind][:5]
    if headings:
        found.append(f"编号 {'、'.join(headings)}")
    return (
        "没有找到编号的工作任务（如“1.”“（一）”“一、”“（1）”开头的段落）。读到："
        + "，".join(found) + "。"
    )  # fmt: skip


def _once(roles: list[UnitRole]) -> list[UnitRole]:
    """Each name once, in the strongest role it was given."""
    kept: dict[str, UnitRole] = {}
    for role in roles:
        held = kept.get(role.name)
        kept[role.name] = UnitRole(role.name, strongest(role.role, held.role if held else None))
    return list(kept.values())


def _apply_rule(content: str, item: ItemDraft, draft: DocumentDraft) -> None:
    """A rule written into a unit parenthesis: 下同 carries 列第一位者为牵头 on; a standing note gives
    the later items its units."""
    rule = list_rule(content)[1]
    draft.first_leads |= rule.onwards and rule.first_leads
    if rule.note and (note := StandingNote.of(rule.note, item.number + 1)):
        draft.notes.append(note)


def _read_item(item: ItemDraft, draft: DocumentDraft) -> None:
    body, units_text, trouble = split_unit_parenthesis(item.text)
    if not units_text and not trouble and item.unit_lines:
        units_text = "；".join(item.unit_lines)
    item.body, item.units_text = body, units_text
    item.warning = trouble
    _apply_rule(units_text, item, draft)
    item.units = parse_unit_roles(units_text, first_leads=draft.first_leads) if not trouble else []
    if not trouble:  # a task in halves gives each half's units in the text: they are the task's too
        body, more = role_parentheses(body)
        for content in more:
            _apply_rule(content, item, draft)
            item.units += parse_unit_roles(content)
        item.body, item.units = body, _once(item.units)
    section = draft.sections[item.section - 1]
    if not item.units and not trouble and section.units_text:
        item.units_text, item.inherited = section.units_text, section.heading
        item.units = parse_unit_roles(section.units_text, first_leads=draft.first_leads)
    for note in draft.notes:
        if item.number >= note.from_item:
            item.units += [
                UnitRole(name, note.role, from_note=True) for name in split_unit_names(note.units_text)
            ]
    # a note's cooperating units alone leave the item without anyone responsible for it
    if not trouble and all(u.from_note and u.role == "cooperating" for u in item.units):
        item.warning = NO_UNITS
    item.title = short_title(body)
    item.targets = find_targets(body, year=draft.year, last_year=draft.last_year)
    item.deadlines = find_deadlines(body, year=draft.year)


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
