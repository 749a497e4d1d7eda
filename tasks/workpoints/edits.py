"""The administrator's corrections from the import preview, applied to the parsed draft: a target's
name, comparator and figures, or dropping it. Field names: t-<item>-<k>-name, -comparator, -value,
-min, -max, -drop (k counts the item's targets from 0). And for an item without units: a unit to
take it, or leaving it out as not a task."""

import unicodedata
from decimal import Decimal, InvalidOperation

from .parse import DocumentDraft
from .units import RESPONSIBLE, UnitRole

COMPARATORS = ("gte", "lte", "eq", "range")


def field(item: int, k: int, name: str) -> str:
    return f"t-{item}-{k}-{name}"


def _decimal(text: str) -> Decimal | None:
    text = "".join(unicodedata.normalize("NFKC", text or "").split()).replace(",", "")
    if not text:
        return None
    value = Decimal(text)
    if not value.is_finite() or value < 0 or abs(value) >= 10**12:
        raise InvalidOperation
    return value.quantize(Decimal("0.01"))


def apply_target_edits(draft: DocumentDraft, data) -> dict[str, str]:
    """Change the draft's targets as the form says; return {field name: error in Chinese}."""
    errors: dict[str, str] = {}
    for item in draft.items:
        kept = []
        for k, target in enumerate(item.targets):
            key = lambda name: field(item.number, k, name)  # noqa: B023, E731
            if key("name") not in data:
                kept.append(target)
                continue
            if data.get(key("drop")):
                continue
            name = (data.get(key("name")) or "").strip()
            if not name:
                errors[key("name")] = "请填写指标名称。"
            comparator = data.get(key("comparator"), target.comparator)
            if comparator not in COMPARATORS:
                errors[key("comparator")] = "比较方式无效。"
            figures = {}
            for part in ("value", "min", "max"):
                try:
                    figures[part] = _decimal(data.get(key(part), ""))
                except (InvalidOperation, ValueError):
                    errors[key(part)] = "请填写不小于 0 的数字。"
            if comparator == "range" and key("min") not in errors and key("max") not in errors:
                if figures["min"] is None or figures["max"] is None or figures["min"] > figures["max"]:
                    errors[key("max")] = "区间须填写下限和上限，且下限不大于上限。"
            elif (
                comparator in ("gte", "lte", "eq") and key("value") not in errors and figures["value"] is None
            ):
                errors[key("value")] = "请填写目标值。"
            target.name, target.comparator = name[:120], comparator
            target.target_value = figures.get("value") if comparator != "range" else None
            target.target_min = figures.get("min") if comparator == "range" else None
            target.target_max = figures.get("max") if comparator == "range" else None
            kept.append(target)
        item.targets = kept
    return {
        key: f"第 {key.split('-')[1]} 项第 {int(key.split('-')[2]) + 1} 个指标：{message}"
        for key, message in errors.items()
    }


def item_field(item: int) -> str:
    return f"item-{item}"


def apply_item_choices(draft: DocumentDraft, data, units: dict[int, object]) -> dict[str, str]:
    """What the administrator chose for each item without units (field item-<n>): "" keeps it
    without units (assigned later on the plan), "skip" leaves it out (a preamble such as 1.目标 is not
    a task), a unit's id makes that unit responsible. Returns {field name: error in Chinese}."""
    errors: dict[str, str] = {}
    kept = []
    for item in draft.items:
        choice = (data.get(item_field(item.number)) or "").strip()
        if choice == "skip":
            continue
        if choice.isdecimal() and int(choice) in units:
            unit = units[int(choice)]
            item.units = [UnitRole(name=unit.name, role=RESPONSIBLE), *item.units]
            item.units_text, item.warning = f"责任单位：{unit.name}", ""
        elif choice:
            errors[item_field(item.number)] = f"第 {item.number} 项：所选单位不存在，请重新选择。"
        kept.append(item)
    draft.items = kept
    numbers = {}
    for section in draft.sections:
        if any(item.section == section.number for item in kept):
            numbers[section.number] = len(numbers) + 1
    draft.sections = [s for s in draft.sections if s.number in numbers]
    for section in draft.sections:
        section.number = numbers[section.number]
    for item in kept:
        item.section = numbers[item.section]
    return errors
