"""The unit parenthesis at a work item's end, in every form the genre writes it:

- a plain list: （厅建设处、吉高集团） — responsible units (责任单位);
- the same with 按职责分工负责 after it;
- labelled: （牵头单位：厅运输处，责任单位：各市〔州〕交通运输局、厅机关各处室）, also 主责/配合/参与/协办,
  部门 or 处室 for 单位, with or without the colon (牵头部门：…, 参与部门 省海事局);
- inline: （厅运输处牵头，省海事局参与）, （厅运输处负责，省海事局配合）, （厅运输处会同省海事局负责）;
- a rule written into it: （厅运输处、省海事局。列第一位者为牵头部门，下同）: the rule is applied (the first
  unit leads, here and, with 下同, in every later item) and is never read as a unit's name;
- full- or half-width brackets and colons (text copied from web pages often has half-width ones), the
  parenthesis itself in （）, (), 〔〕 or 【】, and brackets inside names (各市〔州〕, 各县（市、区）).

The names are read by units.names and matched to units in tasks.workpoints.resolve."""

import re
from dataclasses import dataclass

from units.names import split_outside_brackets, split_unit_names

from ..choices import ROLE_WORDS, AssignmentRole

LEAD, RESPONSIBLE, COOPERATING = AssignmentRole.LEAD, AssignmentRole.RESPONSIBLE, AssignmentRole.COOPERATING
# the words of a label (牵头单位：) and the role each gives
LABEL_WORDS = {
    **ROLE_WORDS, "主办": LEAD, "主责": RESPONSIBLE, "参与": COOPERATING, "协办": COOPERATING, "协助": COOPERATING,
    "协同": COOPERATING,
}  # fmt: skip
_WORDS = "|".join(LABEL_WORDS)
# a label ends with its colon, or a space before the names (牵头部门 厅运输处); 各责任单位配合 is none
_LABEL = re.compile(rf"({_WORDS})(?:(?:单位|部门|处室|科室)(?:\s*[:：]|\s+)|\s*[:：])")
# what else a parenthesis may say, never a unit: 牵头领导：张三, 完成时限：2025年底
_ASIDES = re.compile(
    r"[；;，,]?\s*(?:(?:牵头|责任|分管|联系)?(?:领导|负责人|联系人)|(?:完成)?(?:时间|时限|期限))\s*[:：][^；;，,）)]*"
)
# a name's own role in brackets after it: 厅建设处（牵头）, 省公路局（配合单位）
_OWN_ROLE = re.compile(rf"(?P<name>.+?)[（(](?P<word>{_WORDS})(?:单位|部门|处室|科室)?[）)]")
# a date said in the list (厅建设处，2025年6月底前完成): when, not who
_WHEN = re.compile(r"\d{4}\s*年|\d{1,2}\s*月(?:底|末|\d{1,2}日)|年底|年内|前完成")
# a line of its own that gives an item's units (牵头单位：区发改局), under the item's text
_UNIT_LINE = re.compile(rf"(?:{_WORDS})(?:单位|部门|处室|科室)\s*[:：]\s*\S")
# a clause's last words when it says its units' role inline (A、B牵头), the longest first
_INLINE = [
    ("按职责分工负责", RESPONSIBLE), ("具体负责", RESPONSIBLE), ("负责落实", RESPONSIBLE), ("具体落实", RESPONSIBLE), ("牵头负责", LEAD), ("共同负责", RESPONSIBLE), ("分别负责", RESPONSIBLE),
    ("牵头", LEAD), ("主责", RESPONSIBLE), ("负责", RESPONSIBLE), ("配合", COOPERATING), ("参与", COOPERATING),
    ("协办", COOPERATING), ("协助", COOPERATING), ("协同", COOPERATING), ("落实", RESPONSIBLE),
]  # fmt: skip
_CLAUSES = re.compile(r"[，,；;]")
# a rule about the list: its first unit leads; and 下同, the rule holds for the items after it too
FIRST_LEADS = re.compile(r"(?:列|排)?(?:第一位|首位|第一个)[^，,。；;]{0,8}?(?:为|是)牵头")
_RULE = re.compile(r"[。；;，,]?\s*[^。；;，,]*(?:牵头|下同|不再列出|同上)[^。；;]*$")
# a parenthesis holds units when it names one: an office, a bureau, a group, a centre …
_UNITISH = re.compile(r"(处|局|厅|室|科|队|集团|公司|中心|所|院|站|委|办|会|街道|单位|部门|政府)")
OPEN, CLOSE = "（(", "）)"
# the closing bracket of a unit parenthesis and the openings that match it
_PAIRS = {"）": "（(", ")": "（(", "〕": "〔", "】": "【"}


# a note that gives the units of every later item: 以下各具体工作任务需各市〔州〕交通运输局配合或具体落实;
# 以下各项工作均需各县、区人民政府落实，不再列出
STANDING = re.compile(
    r"以下.{0,12}?(?:任务|工作)(?:均|还)?(?:需|由|请)(?P<units>[^，。；,;]+?)"
    r"(?P<verb>配合|协助|共同|具体落实|落实|负责|牵头)"
)
NOTE_ROLES = {"配合": COOPERATING, "协助": COOPERATING, "共同": COOPERATING, "具体落实": COOPERATING,
              "落实": RESPONSIBLE, "负责": RESPONSIBLE, "牵头": LEAD}  # fmt: skip
_NOTE_START = re.compile(r"[。；;，,]?\s*以下.{0,12}?(?:任务|工作)")


@dataclass
class UnitRole:
    name: str  # one name as written, or a group name (各市〔州〕交通运输局)
    role: str  # AssignmentRole
    from_note: bool = False  # from a standing note, not from the item's own parenthesis


@dataclass(frozen=True)
class ListRule:
    """What a rule inside a unit parenthesis says: the first unit leads; for later items too."""

    first_leads: bool = False
    onwards: bool = False
    note: str = ""  # a standing note written into the parenthesis (以下各项工作均需…落实，不再列出)


def balanced(text: str) -> bool:
    """Whether every round bracket is closed; a list mark 1）2） closes none."""
    depth = 0
    for at, char in enumerate(text):
        if char in OPEN:
            depth += 1
        elif char in CLOSE:
            if depth == 0 and at and text[at - 1].isdigit():
                continue
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def split_unit_parenthesis(text: str) -> tuple[str, str, str]:
    """(the item's text without its unit parenthesis, the parenthesis's content, what is wrong or "").
    The parenthesis closes the item, or stands before its last sentence when it says roles (……
    （牵头单位：厅运输处）。各地要结合实际抓好落实。)."""
    if not balanced(text):
        return text, "", "括号不配对，请检查“（”与“）”是否成对。"
    body, content, trouble = _at_end(text)
    if content or trouble:
        return body, content, trouble
    stripped = text.rstrip("。.；; \u3000")
    cut = max(stripped.rfind("。"), stripped.rfind("；"))
    if cut > 0:
        head, content, trouble = _at_end(stripped[:cut])
        if content and not trouble and says_roles(content):
            return head + text[cut:], content, ""
    return text, "", ""


def unit_parenthesis(text: str) -> str:
    """The content of the text's unit parenthesis, or ""."""
    return split_unit_parenthesis(text)[1]


def says_roles(content: str) -> bool:
    """Whether a parenthesis labels its units' roles (责任单位：…) or says them inline (A牵头)."""
    if _LABEL.search(content):
        return True
    clauses = split_outside_brackets(content, _CLAUSES)
    return any(clause.strip(" 。.").endswith(tuple(e for e, _r in _INLINE)) for clause in clauses)


def role_parentheses(body: str) -> tuple[str, list[str]]:
    """Parentheses inside an item's text that say their units' roles (a task in two halves, each with
    its units: ……〔市生态环境局牵头，A、B参与〕按省的要求……), taken out of the text; plain brackets
    (省公安厅（交警总队）, （详见附件）) stay text."""
    found: list[tuple[int, int, str]] = []
    depth, start = 0, 0
    for at, char in enumerate(body):
        if char in "（(〔【":
            if depth == 0:
                start = at
            depth += 1
        elif char in "）)〕】" and depth:
            depth -= 1
            content = body[start + 1 : at].strip()
            if depth == 0 and _UNITISH.search(content) and says_roles(list_rule(content)[0]):
                found.append((start, at + 1, content))
    for start, end, _content in reversed(found):
        body = body[:start] + body[end:]
    return body, [content for _s, _e, content in found]


def _at_end(text: str) -> tuple[str, str, str]:
    stripped = text.rstrip("。.；; \u3000")
    if not stripped or stripped[-1] not in _PAIRS:
        return text, "", ""
    opening, closing = _PAIRS[stripped[-1]], stripped[-1]
    closings = "）)" if closing in "）)" else closing
    depth = 0
    for at in range(len(stripped) - 1, -1, -1):
        char = stripped[at]
        if char in closings:
            depth += 1
        elif char in opening:
            depth -= 1
            if depth == 0:
                content = stripped[at + 1 : -1].strip()
                if not _UNITISH.search(content):
                    return text, "", ""
                return stripped[:at].rstrip(), content, ""
    return text, "", "括号不配对，请检查括号是否成对。"


def is_unit_line(line: str) -> bool:
    """Whether a line of its own names an item's units by a label (牵头单位：区发改局)."""
    return bool(_UNIT_LINE.match(line))


def closes_with_units(text: str) -> bool:
    """Whether an item's text has reached its unit parenthesis (what follows is not the item's); a
    bracket that names no unit (（2024年修订）) leaves the item open."""
    return text.rstrip("。.；; ").endswith(tuple(_PAIRS)) and bool(_at_end(text)[1] or _at_end(text)[2])


def list_rule(content: str) -> tuple[str, ListRule]:
    """The parenthesis without a rule written at its end (列第一位者为牵头部门，下同; 以下各项工作均需…
    落实，不再列出), and the rule."""
    content, note = content or "", ""
    if (start := _NOTE_START.search(content)) and STANDING.search(content, start.start()):
        content, note = content[: start.start()], content[start.start() :].strip(" 。；;，,")
    match = _RULE.search(content.rstrip(" 。；;，,"))
    if not match or not re.search(r"第一|首位|下同|不再列出|同上", match[0]):
        return (content.rstrip(" 。；;，,"), ListRule(note=note)) if note else (content, ListRule())
    rule = match[0]
    return content[: match.start()].rstrip(" 。；;，,"), ListRule(
        first_leads=bool(FIRST_LEADS.search(rule)), onwards="下同" in rule, note=note
    )


def normalized_units_text(content: str, roles: list[UnitRole] | None = None) -> str:
    """The parenthesis as plan_load reads it: 部门 labels as 单位 labels, half-width colons kept. Where
    a rule from an earlier item changed the roles (下同), the roles written out with labels."""
    head = list_rule(content)[0]  # a rule after the list is kept as written
    text = _LABEL.sub(lambda m: f"{m[1]}单位：", head) + content[len(head) :]
    if roles is not None:
        own = [r for r in roles if not r.from_note]
        if [(r.name, r.role) for r in parse_unit_roles(text)] != [(r.name, r.role) for r in own]:
            return labelled(own)
    return text


def labelled(roles: list[UnitRole]) -> str:
    """牵头单位：A；责任单位：B、C；配合单位：D."""
    words = {LEAD: "牵头", RESPONSIBLE: "责任", COOPERATING: "配合"}
    parts = []
    for role, word in words.items():
        names = [r.name for r in roles if r.role == role]
        if names:
            parts.append(f"{word}单位：{'、'.join(names)}")
    return "；".join(parts)


def parse_unit_roles(content: str, *, first_leads: bool = False) -> list[UnitRole]:
    """Each name in the parenthesis with its role. A list without labels or inline role words names
    responsible units; with `first_leads` (or a rule in the parenthesis saying so) its first leads."""
    content, rule = list_rule(content or "")
    content = re.sub(r"[（(]\s*[）)]", "", _ASIDES.sub("", content))
    if _LABEL.search(content):
        parts = _LABEL.split(content)
        roles = [UnitRole(name, RESPONSIBLE) for name in split_unit_names(parts[0])]
        for at in range(1, len(parts), 2):
            roles += [UnitRole(name, LABEL_WORDS[parts[at]]) for name in split_unit_names(parts[at + 1])]
    else:
        roles = [r for clause in split_outside_brackets(content, _CLAUSES) for r in _inline(clause)]
    roles = [_own_role(r) for r in roles if not _WHEN.search(r.name)]
    if (first_leads or rule.first_leads) and roles and not any(r.role == LEAD for r in roles):
        roles[0] = UnitRole(roles[0].name, LEAD)
    return roles


def _own_role(role: UnitRole) -> UnitRole:
    if match := _OWN_ROLE.fullmatch(role.name):
        return UnitRole(match["name"], LABEL_WORDS[match["word"]], role.from_note)
    return role


def _ending(name: str) -> tuple[str, str | None]:
    """A name without the inline role word it ends with (厅运输处牵头 → 厅运输处, lead)."""
    for ending, said in _INLINE:
        if name.endswith(ending) and len(name) > len(ending):
            return name[: -len(ending)], said
    return name, None


def _inline(clause: str) -> list[UnitRole]:
    """A、B牵头 / A牵头、B配合 / 由A负责 / A会同B负责 / a plain list: a role word holds for the names
    before it, back to the previous one."""
    clause = clause.strip(" \u3000。.").removeprefix("由")
    clause, role = _ending(clause)
    role = role or RESPONSIBLE
    if "会同" in clause:
        first, _, others = clause.partition("会同")
        return [UnitRole(name, LEAD) for name in split_unit_names(first)] + [
            UnitRole(name, role) for name in split_unit_names(others)
        ]
    roles = []
    for name in reversed(split_unit_names(clause)):
        name, said = _ending(name)
        role = said or role
        roles.append(UnitRole(name, role))
    return roles[::-1]
