"""Who does what on a plan's items: the unit parenthesis of each item (牵头单位, 责任单位, 配合单位) and
the plan's rules read into {unit id: role} per item, the strongest role winning."""

import re

from units.selectors import UnknownUnitNames, unit_resolve_names

from .choices import AssignmentRole

ROLE_LABELS = {
    "牵头单位": AssignmentRole.LEAD,
    "责任单位": AssignmentRole.RESPONSIBLE,
    "配合单位": AssignmentRole.COOPERATING,
}
# A unit named in two roles on one item keeps the strongest.
ROLE_RANK = {AssignmentRole.LEAD: 0, AssignmentRole.RESPONSIBLE: 1, AssignmentRole.COOPERATING: 2}
_ROLE_SPLIT = re.compile(r"(牵头单位|责任单位|配合单位)[:：]")


def parse_unit_roles(text: str) -> list[tuple[str, str]]:
    """'牵头单位：厅运输处，责任单位：各市〔州〕交通运输局' → [(lead, '厅运输处'), (responsible, '各市…')].
    A list without labels names responsible units (责任单位)."""
    parts = _ROLE_SPLIT.split(text or "")
    if len(parts) == 1:
        return [(AssignmentRole.RESPONSIBLE, text)]
    return [(ROLE_LABELS[parts[i]], parts[i + 1].strip(" ，,；;")) for i in range(1, len(parts), 2)]


def plan_assignments(data: dict, units) -> dict[int, dict[int, str]]:
    """Every item's {unit id: role}, from its unit parenthesis and the plan's rules. All unknown
    names are reported at once, with the item they stand in."""
    result: dict[int, dict[int, str]] = {}
    unknown: list[str] = []

    def add(number, unit_list, role):
        roles = result.setdefault(number, {})
        for unit in unit_list:
            if unit.pk not in roles or ROLE_RANK[role] < ROLE_RANK[roles[unit.pk]]:
                roles[unit.pk] = role

    for item in data["items"]:
        result.setdefault(item["number"], {})
        for role, names in parse_unit_roles(item.get("units", "")):
            try:
                add(item["number"], unit_resolve_names(names, units=units), role)
            except UnknownUnitNames as exc:
                unknown.extend(f"{name}（第{item['number']}项）" for name in exc.names)
    for rule in data.get("rules", []):
        try:
            rule_units = unit_resolve_names(rule["units"], units=units)
        except UnknownUnitNames as exc:
            unknown.extend(exc.names)
            continue
        for number in range(rule["from_item"], rule["to_item"] + 1):
            if number in result:
                add(number, rule_units, rule["role"])
    if unknown:
        raise UnknownUnitNames(unknown)
    return result
