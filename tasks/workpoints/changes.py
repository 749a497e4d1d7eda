"""What importing a document over a year's plan would change, in words for the preview."""

from decimal import Decimal

from ..models import Plan
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
