"""The unit parenthesis at a work item's end, in every form the genre writes it:

- a plain list: （厅建设处、吉高集团） — responsible units (责任单位);
- the same with 按职责分工负责 after it;
- labelled: （牵头单位：厅运输处，责任单位：各市〔州〕交通运输局、厅机关各处室）, also 配合单位, and 部门 for
  单位 (牵头部门：…);
- full- or half-width brackets and colons (text copied from web pages often has half-width ones), and
  〔〕 or () inside names (各市〔州〕, 各市(州)).

The names are read by units.names and matched to units in tasks.workpoints.resolve."""

import re
from dataclasses import dataclass

from units.names import split_unit_names

from ..choices import ROLE_WORDS, AssignmentRole

_LABEL = re.compile(rf"({'|'.join(ROLE_WORDS)})(?:单位|部门)\s*[:：]")
# a parenthesis holds units when it names one: an office, a bureau, a group, a centre …
_UNITISH = re.compile(r"(处|局|厅|室|集团|公司|中心|所|院|站|委|办|单位|部门|政府)")
OPEN, CLOSE = "（(", "）)"


@dataclass
class UnitRole:
    name: str  # one name as written, or a group name (各市〔州〕交通运输局)
    role: str  # AssignmentRole
    from_note: bool = False  # from a standing note, not from the item's own parenthesis


def balanced(text: str) -> bool:
    depth = 0
    for char in text:
        if char in OPEN:
            depth += 1
        elif char in CLOSE:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def split_unit_parenthesis(text: str) -> tuple[str, str, str]:
    """(the item's text without its unit parenthesis, the parenthesis's content, what is wrong or "")."""
    if not balanced(text):
        return text, "", "括号不配对，请检查“（”与“）”是否成对。"
    stripped = text.rstrip("。.；; \u3000")
    if not stripped.endswith(tuple(CLOSE)):
        return text, "", ""
    depth = 0
    for at in range(len(stripped) - 1, -1, -1):
        char = stripped[at]
        if char in CLOSE:
            depth += 1
        elif char in OPEN:
            depth -= 1
            if depth == 0:
                content = stripped[at + 1 : -1].strip()
                if not _UNITISH.search(content):
                    return text, "", ""
                return stripped[:at].rstrip(), content, ""
    return text, "", "括号不配对，请检查“（”与“）”是否成对。"  # not reached: balanced above


def normalized_units_text(content: str) -> str:
    """The parenthesis as plan_load reads it: 部门 labels as 单位 labels, half-width colons kept."""
    return _LABEL.sub(lambda m: f"{m[1]}单位：", content)


def parse_unit_roles(content: str) -> list[UnitRole]:
    """Each name in the parenthesis with its role; a list without labels names responsible units."""
    parts = _LABEL.split(content or "")
    roles = [UnitRole(name, AssignmentRole.RESPONSIBLE) for name in split_unit_names(parts[0])]
    for at in range(1, len(parts), 2):
        roles += [UnitRole(name, ROLE_WORDS[parts[at]]) for name in split_unit_names(parts[at + 1])]
    return roles
