"""How a plan document writes a list of units: names parted by 、，,；;/ and ended by phrases such as
按职责分工负责 or 等单位, the whole sometimes still in its brackets. The one reading of a
unit list for the plan importer (tasks.workpoints) and for plans loaded from data (tasks.services)."""

import re

from .choices import UnitKind

# Group names a plan document uses for whole kinds of unit, and the kind each stands for.
GROUP_NAMES = {
    "各市〔州〕交通运输局": UnitKind.CITY_BUREAU,
    "各市(州)交通运输局": UnitKind.CITY_BUREAU,
    "各市（州）交通运输局": UnitKind.CITY_BUREAU,
    "厅机关各处室": UnitKind.DEPARTMENT_OFFICE,
    "厅直各单位": UnitKind.AFFILIATED_AGENCY,
}
_SEPARATORS = re.compile(r"[、，,；;/]")
_SUFFIXES = ("按职责分工负责", "按职责分工", "分别负责", "负责", "等单位", "等部门")
_TRIM = " \u3000。."
_ENDINGS = re.compile("(?:" + "|".join(_SUFFIXES) + r"|等(?:相关|有关|其他)?(?:单位|部门)?)(?=[、，,；;/]|$)")
# the head of a group name that a 、 parts from its body: 各县、区人民政府 is every county's and district's
_GROUP_HEAD = re.compile(r"各[市县区州乡镇旗]{1,2}")


_OPENING, _CLOSING = "（(〔【[", "）)〕】]"


def split_outside_brackets(text: str, separators: re.Pattern) -> list[str]:
    """`text` split at the separators that stand outside any bracket: 各县（市、区）交通运输局 stays whole."""
    parts, depth, start = [], 0, 0
    for at, char in enumerate(text):
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING:
            depth = max(depth - 1, 0)
        elif depth == 0 and separators.fullmatch(char):
            parts.append(text[start:at])
            start = at + 1
    parts.append(text[start:])
    return parts


def _depth(text: str) -> int:
    """Openings less closings of round brackets."""
    return sum(text.count(c) for c in "（(") - sum(text.count(c) for c in "）)")


def _unwrapped(text: str) -> str:
    """The list without the parenthesis around it, whole or a half left over; a bracket that closes
    a name's own (各县、区人民政府(管委会)) stays."""
    if text[:1] in "（(" and text[-1:] in "）)" and _depth(text) == 0:
        depth = 0
        for at, char in enumerate(text):
            depth += (char in "（(") - (char in "）)")
            if depth == 0:
                return text[1:-1] if at == len(text) - 1 else text
    if text[:1] in "（(" and _depth(text) > 0:
        text = text[1:]
    if text[-1:] in "）)" and _depth(text) < 0:
        text = text[:-1]
    return text


def split_unit_names(text: str) -> list[str]:
    """'厅建设处、省公路局、吉高集团按职责分工负责' → ['厅建设处', '省公路局', '吉高集团']; a name with a
    list in brackets (各县（市、区）交通运输局) is one name."""
    text = _unwrapped((text or "").strip())
    # 按职责分工负责 … 等单位 end a name or the list, never inside a name (厅建设处负责人)
    text = _ENDINGS.sub("、", text)
    names: list[str] = []
    for name in (n.strip(_TRIM) for n in split_outside_brackets(text, _SEPARATORS)):
        if names and _GROUP_HEAD.fullmatch(names[-1]) and name and not name.startswith("各"):
            names[-1] += "、" + name  # 各县、区人民政府: one group, its head said apart
        elif name:
            names.append(name)
    return names
