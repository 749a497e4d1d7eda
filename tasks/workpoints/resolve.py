"""A parsed document (tasks.workpoints.parse) against the portal's units: each name matched by name,
short name or alias, group names (各市〔州〕交通运输局, 厅机关各处室, 厅直各单位) expanded to their members,
unknown names kept on their items without a unit and listed. Then the draft in the shape plan_load
consumes, and in the JSON `import_plan --format json` prints."""

from dataclasses import dataclass, field

from units.models import Unit
from units.names import GROUP_NAMES
from units.selectors import unit_index, unit_matches

from ..assignments import known_groups
from ..choices import ROLE_SHORT, strongest
from .parse import DocumentDraft, ItemDraft
from .units import normalized_units_text


@dataclass
class ResolvedUnit:
    name: str  # as written (a group's member: the member's short name)
    role: str
    unit: Unit | None
    group: str = ""  # the group name it was expanded from

    @property
    def role_short(self) -> str:
        return ROLE_SHORT[self.role]


@dataclass
class Resolution:
    items: dict[int, list[ResolvedUnit]] = field(default_factory=dict)
    unknown: dict[str, list[int]] = field(default_factory=dict)  # name → the items it stands in


def resolve_units(draft: DocumentDraft, units=None) -> Resolution:
    units = list(Unit.objects.all()) if units is None else list(units)
    index = unit_index(units)
    resolution = Resolution()
    for item in draft.items:
        rows: list[ResolvedUnit] = []
        for entry in known_groups(item.units, units=units, index=index):
            found = unit_matches(entry.name, units=units, index=index)
            if found is None:
                rows.append(ResolvedUnit(entry.name, entry.role, None))
                resolution.unknown.setdefault(entry.name, []).append(item.number)
            elif entry.name in GROUP_NAMES:
                rows += [ResolvedUnit(u.short_name, entry.role, u, group=entry.name) for u in found]
            else:
                rows.append(ResolvedUnit(entry.name, entry.role, found[0]))
        resolution.items[item.number] = _strongest(rows)
    return resolution


def _strongest(rows: list[ResolvedUnit]) -> list[ResolvedUnit]:
    """A unit named in two roles keeps the strongest (as plan_load does); unknown names stay."""
    kept: dict[object, ResolvedUnit] = {}
    for row in rows:
        key = row.unit.pk if row.unit else f"?{row.name}"
        if key not in kept or strongest(row.role, kept[key].role) != kept[key].role:
            kept[key] = row
    return list(kept.values())


def plan_data(draft: DocumentDraft, *, titles: dict[int, str] | None = None) -> dict:
    """The draft as plan_load's data (fixtures/plan-2024.json's shape). `titles` overrides items'
    titles (an update keeps the plan's own)."""
    titles = titles or {}
    last = draft.items[-1].number if draft.items else 0
    return {
        "year": draft.year,
        "title": draft.title or f"{draft.year}年工作要点",
        "issuer": draft.issuer,
        "doc_number": draft.doc_number,
        "sections": [{"number": s.number, "title": s.title} for s in draft.sections],
        "rules": [
            {
                "role": n.role,
                "units": n.units_text,
                "from_item": n.from_item,
                "to_item": last,
                "source": n.text,
            }
            for n in draft.notes
            if n.from_item <= last
        ],
        "items": [_item_data(item, titles.get(item.number)) for item in draft.items],
    }


def _item_data(item: ItemDraft, title: str | None) -> dict:
    return {
        "number": item.number,
        "section": item.section,
        "title": (title or item.title)[:200],
        "text": item.body,
        "units": normalized_units_text(item.units_text, item.units),
        "targets": [
            {
                "name": t.name, "measure_unit": t.measure_unit, "comparator": t.comparator,
                "target_value": _number(t.target_value), "target_min": _number(t.target_min),
                "target_max": _number(t.target_max), "due_date": t.due_date.isoformat(),
            }
            for t in item.targets
        ],
        "deadlines": [
            {"name": d.name, "kind": d.kind, "period": d.period, "due_date": d.due_date.isoformat(),
             "recipient": d.recipient}
            for d in item.deadlines
        ],
    }  # fmt: skip


def _number(value) -> str | None:
    return None if value is None else f"{value.normalize():f}"


def draft_json(draft: DocumentDraft, resolution: Resolution) -> dict:
    """What `import_plan --format json` prints."""
    data = plan_data(draft)
    return {
        "year": draft.year,
        "title": data["title"],
        "sections": data["sections"],
        "items": [
            {
                "number": raw["number"],
                "section": raw["section"],
                "title": raw["title"],
                "text": raw["text"],
                "units": [
                    {"name": u.name, "role": u.role, "unit_id": u.unit.pk if u.unit else None}
                    for u in resolution.items.get(raw["number"], [])
                ],
                "targets": [{k: v for k, v in t.items() if k != "due_date"} | {"due_date": t["due_date"]}
                            for t in raw["targets"]],
                "deadlines": [{"name": d["name"], "due_date": d["due_date"]} for d in raw["deadlines"]],
            }
            for raw in data["items"]
        ],
        "issuer": draft.issuer,
        "doc_number": draft.doc_number,
        "unknown_units": sorted(resolution.unknown),
        "warnings": draft.warnings,
        "problems": draft.problems,
    }  # fmt: skip
