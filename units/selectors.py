"""Reads about units and people."""

from django.utils.translation import gettext as _

from .models import Unit
from .names import GROUP_NAMES, split_unit_names


class UnknownUnitNames(ValueError):
    """Some names in a document's unit list match no unit."""

    def __init__(self, names: list[str]):
        self.names = names
        super().__init__(
            _("以下单位名称无法识别：%(names)s。请在单位管理中添加该单位或其别名。")
            % {"names": "、".join(names)}
        )


def unit_index(units) -> dict[str, Unit]:
    """Every name a unit goes by (name, short name, aliases) → the unit; the first unit wins."""
    index: dict[str, Unit] = {}
    for unit in units:
        for name in unit.names:
            index.setdefault(name, unit)
    return index


def unit_matches(name: str, *, units: list[Unit], index: dict[str, Unit]) -> list[Unit] | None:
    """The units one name in a list stands for: a group name's members (各市〔州〕交通运输局 = the nine
    city bureaus, 厅机关各处室 = every department office, 厅直各单位 = every affiliated agency), or the
    unit of that name; None when it names none."""
    if name in GROUP_NAMES:
        return [u for u in units if u.kind == GROUP_NAMES[name]]
    return [index[name]] if name in index else None


def unit_resolve_names(text: str, *, units=None) -> list[Unit]:
    """Resolve a document's unit list to units, group names expanded. Order follows the text; a unit
    named twice appears once. Raises UnknownUnitNames."""
    units = list(Unit.objects.all()) if units is None else list(units)
    index = unit_index(units)
    resolved, unknown = [], []
    for name in split_unit_names(text):
        matches = unit_matches(name, units=units, index=index)
        if matches is None:
            unknown.append(name)
            continue
        resolved.extend(u for u in matches if u not in resolved)
    if unknown:
        raise UnknownUnitNames(unknown)
    return resolved
