"""Reads about units and people."""

import re

from django.utils.translation import gettext as _

from .choices import UnitKind
from .models import Unit

# Group names a plan document uses for whole kinds of unit.
GROUPS = {
    "各市〔州〕交通运输局": UnitKind.CITY_BUREAU,
    "各市(州)交通运输局": UnitKind.CITY_BUREAU,
    "各市（州）交通运输局": UnitKind.CITY_BUREAU,
    "厅机关各处室": UnitKind.DEPARTMENT_OFFICE,
    "厅直各单位": UnitKind.AFFILIATED_AGENCY,
}
_SUFFIXES = ("按职责分工负责", "按职责分工", "等单位")
_SEPARATORS = re.compile(r"[、，,；;]")


class UnknownUnitNames(ValueError):
    """Some names in a document's unit list match no unit."""

    def __init__(self, names: list[str]):
        self.names = names
        super().__init__(
            _("以下单位名称无法识别：%(names)s。请在单位管理中添加该单位或其别名。")
            % {"names": "、".join(names)}
        )


def split_unit_names(text: str) -> list[str]:
    """'厅建设处、省公路局、吉高集团按职责分工负责' → ['厅建设处', '省公路局', '吉高集团']."""
    text = (text or "").strip().strip("（）()")
    for suffix in _SUFFIXES:
        text = text.replace(suffix, "")
    return [name.strip() for name in _SEPARATORS.split(text) if name.strip()]


def unit_resolve_names(text: str, *, units=None) -> list[Unit]:
    """Resolve a document's unit list to units, expanding group names (各市〔州〕交通运输局 = the nine
    city bureaus, 厅机关各处室 = every department office, 厅直各单位 = every affiliated agency).
    Order follows the text; a unit named twice appears once. Raises UnknownUnitNames."""
    units = list(Unit.objects.all()) if units is None else list(units)
    by_name = {}
    for unit in units:
        for name in unit.names:
            by_name.setdefault(name, unit)
    resolved, unknown = [], []
    for name in split_unit_names(text):
        if name in GROUPS:
            matches = [u for u in units if u.kind == GROUPS[name]]
        elif name in by_name:
            matches = [by_name[name]]
        else:
            unknown.append(name)
            continue
        resolved.extend(u for u in matches if u not in resolved)
    if unknown:
        raise UnknownUnitNames(unknown)
    return resolved
