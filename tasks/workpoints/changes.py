"""What importing a document over a year's plan would change, in words for the preview, and the
reports it would make each unit owe or no longer owe."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from units.models import Unit
from units.selectors import UnknownUnitNames

from ..models import Obligation, Plan
from ..services import plan_load
from .imports import merged_data

SIGNS = {"gte": "≥", "lte": "≤", "eq": "="}


def plan_changes(draft, plan: Plan) -> list[str]:
    data = merged_data(draft, plan)
    items = {i.number: i for i in plan.work_items.prefetch_related("targets", "deadlines")}
    changes = []
    if data["title"] != plan.title:
        changes.append(f"标题改为“{data['title']}”")
    sections = dict(plan.sections.values_list("number", "title"))
    for section in data["sections"]:
        if sections.get(section["number"]) != section["title"]:
            changes.append(
                f"板块 {section['number']}：{sections.get(section['number'], '（新增）')} → {section['title']}"
            )
    for raw in data["items"]:
        item = items.pop(raw["number"], None)
        if item is None:
            changes.append(f"新增第 {raw['number']} 项任务：{raw['title']}")
            continue
        where = f"第 {raw['number']} 项"
        if item.text != raw["text"]:
            changes.append(f"{where}：任务原文有修改")
        if item.units_text != raw["units"]:
            changes.append(f"{where}：承担单位 {item.units_text} → {raw['units']}")
        targets = {t.name: t for t in item.targets.all()}
        for target in raw["targets"]:
            old = targets.get(target["name"])
            if old is None:
                changes.append(f"{where}：新增指标“{target['name']}”")
            elif _goal(old) != _goal_of(target):
                changes.append(f"{where}：指标“{target['name']}”目标 {_goal(old)} → {_goal_of(target)}")
        deadlines = {d.period: d for d in item.deadlines.all()}
        for deadline in raw["deadlines"]:
            old = deadlines.get(deadline["period"])
            if old is None:
                changes.append(f"{where}：新增报送节点“{deadline['name']}”")
            elif old.due_date.isoformat() != deadline["due_date"]:
                changes.append(f"{where}：“{deadline['name']}”截止 {old.due_date} → {deadline['due_date']}")
    changes += [f"删除第 {n} 项任务：{item.title}" for n, item in sorted(items.items())]
    return changes


def _goal(target) -> str:
    return _goal_of(
        {"comparator": target.comparator, "target_value": target.target_value, "target_min": target.target_min,
         "target_max": target.target_max, "measure_unit": target.measure_unit, "due_date": target.due_date.isoformat()}
    )  # fmt: skip


def _goal_of(raw: dict) -> str:
    def n(value):
        return "" if value is None else f"{Decimal(str(value)).normalize():f}"

    if raw["comparator"] == "range":
        figure = f"{n(raw['target_min'])}–{n(raw['target_max'])}"
    else:
        figure = f"{SIGNS.get(raw['comparator'], '')}{n(raw['target_value'])}"
    return f"{figure}{raw['measure_unit']}（{raw['due_date']}）"


@dataclass
class UnitDuties:
    """The reports an import adds to or removes from one unit's duties."""

    unit: Unit
    added: list = field(default_factory=list)  # (item number, period, due date)
    removed: list = field(default_factory=list)
    overdue_at_once: int = 0  # added reports already past their due date on the day of the import


def duty_changes(draft, plan: Plan, *, today: dt.date | None = None) -> list[UnitDuties] | None:
    """Per unit, the obligations importing `draft` over `plan` would add and remove, worked out by
    loading it in a transaction that is rolled back. None while unknown unit names are unsettled."""
    today = today or timezone.localdate()

    def duties():
        rows = Obligation.objects.filter(plan=plan).values_list(
            "unit_id", "work_item__number", "period", "due_date"
        )
        return {(unit, number, period): due for unit, number, period, due in rows}

    before = duties()
    try:
        with transaction.atomic():
            plan_load(data=merged_data(draft, plan), source_text=plan.source_text, reports_from=today)
            after = duties()
            transaction.set_rollback(True)
    except (ValidationError, UnknownUnitNames):
        return None
    changes: dict[int, UnitDuties] = {}
    units = Unit.objects.in_bulk({key[0] for key in before.keys() ^ after.keys()})
    for key in sorted(after.keys() - before.keys(), key=lambda k: (k[1], after[k])):
        row = changes.setdefault(key[0], UnitDuties(unit=units[key[0]]))
        row.added.append((key[1], key[2], after[key]))
        row.overdue_at_once += after[key] < today
    for key in sorted(before.keys() - after.keys(), key=lambda k: (k[1], before[k])):
        changes.setdefault(key[0], UnitDuties(unit=units[key[0]])).removed.append(
            (key[1], key[2], before[key])
        )
    return sorted(changes.values(), key=lambda row: (row.unit.sort_order, row.unit.pk))
