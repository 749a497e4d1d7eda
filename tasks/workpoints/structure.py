"""A document's numbered lines, and which level of numbering holds its tasks. Plain Python.

The genre numbers four levels, from the top: 一、 (a part), （一） (a section), 1. or 1、 (an item) and
（1） (a point within an item). Which of them are the tasks differs: the 2024 document's tasks are its
`1.` items under `（一）` sections; other plans make each `（一）` a task, or each `（1）`, or each `一、`.
The tasks are the deepest level whose paragraphs carry unit parentheses (责任单位：…), as the genre
gives the units of each task; the levels above are headings, the levels below are text of a task."""

import re
import unicodedata
from dataclasses import dataclass

from .units import is_unit_line, unit_parenthesis

RANKS = ("part", "section", "item", "point")
_CHINESE = r"[一二三四五六七八九十]{1,3}"
_DIGITS = r"[0-9０-９]{1,3}"
MARKERS = {
    "part": re.compile(rf"({_CHINESE})\s*[、.．]\s*(\S.*)"),
    "section": re.compile(rf"[（(]\s*({_CHINESE})\s*[）)]\s*(\S.*)"),
    # an item's number, not a decimal (3.5万吨, 3.5小时) that begins a line broken inside an item; a
    # year or a month may follow it (3.2024年底前……, 1.6月底前……)
    "item": re.compile(
        rf"({_DIGITS})\s*(?:[.．](?!(?![0-9０-９]{{4}}年|[0-9０-９]{{1,2}}月)[0-9０-９])|、)\s*(\S.*)"
    ),
    "point": re.compile(rf"[（(]\s*({_DIGITS})\s*[）)]\s*(\S.*)"),
}
CHINESE_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_SPACE = " \t\u3000\u00a0\ufeff"


@dataclass
class Line:
    offset: int  # where the line's text begins in the document
    text: str  # without surrounding spaces
    kind: str = ""  # one of RANKS when the line begins with a number, else ""
    number: int = 0
    rest: str = ""  # the text after the number

    @property
    def label(self) -> str:
        """The number as written: 一、 （三） 12. （2）"""
        return self.text[: len(self.text) - len(self.rest)].strip()

    @property
    def rank(self) -> int:
        return RANKS.index(self.kind) if self.kind else len(RANKS)


def numeral(text: str) -> int:
    """一 … 九十九, or digits (full- or half-width), as a number."""
    if text[:1].isdigit():
        return int(unicodedata.normalize("NFKC", text))
    if len(text) == 1:
        return CHINESE_NUMERALS.get(text, 0)
    if text.startswith("十"):
        return 10 + CHINESE_NUMERALS.get(text[1:], 0)
    tens, _, ones = text.partition("十")
    return CHINESE_NUMERALS.get(tens, 0) * 10 + CHINESE_NUMERALS.get(ones, 0)


def document_lines(text: str) -> list[Line]:
    """Every line that is not blank, each with its number where it begins with one."""
    lines, offset = [], 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip(_SPACE + "\r\n")
        if stripped:
            line = Line(offset=offset + len(raw) - len(raw.lstrip(_SPACE)), text=stripped)
            for kind, pattern in MARKERS.items():
                if match := pattern.fullmatch(stripped):
                    line.kind, line.number, line.rest = kind, numeral(match[1]), match[2]
                    break
            lines.append(line)
        offset += len(raw)
    return lines


def task_kind(lines: list[Line]) -> str:
    """The level that holds the tasks: the deepest whose paragraphs mostly end with a unit
    parenthesis (more than half of them, and at least half as many as the level with most). A
    paragraph runs to the next number of its level or above, points within it included: where an
    item's points (1)(2) are its text, the item's units close its last point. In a document that
    names no unit: its `1.` items, else its deepest numbered level; "" when nothing is numbered."""
    own: list[tuple[str, str]] = []  # (kind, the text up to the next number of any level)
    for line in lines:
        if line.kind:
            own.append((line.kind, line.rest))
        elif own:
            # a unit line reads as a parenthesis (the genre writes both)
            more = f"（{line.text}）" if is_unit_line(line.text) else line.text
            own[-1] = (own[-1][0], own[-1][1] + more)
    ends = [bool(unit_parenthesis(text)) for _kind, text in own]
    paragraphs = dict.fromkeys(RANKS, 0)
    carrying = dict.fromkeys(RANKS, 0)
    open_: list[str] = []  # the kinds of the paragraphs still open, outermost first

    def close(kind: str, last: int) -> None:
        paragraphs[kind] += 1
        carrying[kind] += ends[last]

    for at, (kind, _text) in enumerate(own):
        while open_ and RANKS.index(open_[-1]) >= RANKS.index(kind):
            close(open_.pop(), at - 1)
        open_.append(kind)
    while open_:
        close(open_.pop(), len(own) - 1)
    most = max(carrying.values())
    if most:
        chosen = [k for k in RANKS if carrying[k] * 2 > paragraphs[k] and carrying[k] * 2 >= most]
        return chosen[-1] if chosen else max(RANKS, key=lambda k: (carrying[k], RANKS.index(k)))
    present = [kind for kind in RANKS if paragraphs[kind]]
    if "item" in present:
        return "item"
    return present[-1] if present else ""
