"""Who does what on a plan's items: the unit parenthesis of each item (牵头单位, 责任单位, 配合单位) and
the plan's rules read into {unit id: role} per item, the strongest role winning. The parenthesis is
read by the importer's grammar (tasks.workpoints.units), its names by units.names."""

from units.names import split_unit_names
from units.selectors import UnknownUnitNames, unit_index, unit_matches

from .choices import strongest
from .workpoints.units import UnitRole, parse_unit_roles


def plan_assignments(data: dict, units) -> dict[int, dict[int, str]]:
    """Every item's {unit id: role}, from its unit parenthesis and the plan's rules. All unknown
    names are reported at once, with the item they stand in."""
    units = list(units)
    index = unit_index(units)
    result: dict[int, dict[int, str]] = {}
    unknown: list[str] = []

    def add(number, found, role):
        roles = result.setdefault(number, {})
        for unit in found:
            roles[unit.pk] = strongest(role, roles.get(unit.pk))

    for item in data["items"]:
        result.setdefault(item["number"], {})
        for entry in known_groups(parse_unit_roles(item.get("units", "")), units=units, index=index):
            found = unit_matches(entry.name, units=units, index=index)
            if found is None:
                unknown.append(f"{entry.name}（第{item['number']}项）")
            else:
                add(item["number"], found, entry.role)
    for rule in data.get("rules", []):
        rule_units = []
        for name in split_unit_names(rule["units"]):
            found = unit_matches(name, units=units, index=index)
            if found is None:
                unknown.append(name)
            else:
                rule_units += found
        for number in range(rule["from_item"], rule["to_item"] + 1):
            if number in result:
                add(number, rule_units, rule["role"])
    if unknown:
        raise UnknownUnitNames(unknown)
    return result


def known_groups(entries: list[UnitRole], *, units, index) -> list[UnitRole]:
    """Names a 、 split that the roster knows as one (a unit named or aliased 长春、吉林两市交通运输局)
    joined again; every other name as it was read."""
    joined: list[UnitRole] = []
    for entry in entries:
        last = joined[-1] if joined else None
        if (
            last is not None and last.role == entry.role and last.from_note == entry.from_note
            and unit_matches(last.name, units=units, index=index) is None
            and unit_matches(f"{last.name}、{entry.name}", units=units, index=index) is not None
        ):  # fmt: skip
            joined[-1] = UnitRole(f"{last.name}、{entry.name}", entry.role, entry.from_note)
        else:
            joined.append(entry)
    return joined
