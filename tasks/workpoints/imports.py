"""Creating or updating a year's plan from its document, in one transaction through plan_load.

Unknown unit names are settled first, each as the administrator chose: mapped to an existing unit
(the name becomes one of its aliases, so next year's document is read without asking) or created as
a new unit. An update keeps what the document does not say: the items' titles (editorial, set by
the administrator), targets and report deadlines the administrator added, and targets' reporters."""

import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from units.models import Unit

from ..models import Deadline, Plan, Target
from ..services import plan_load
from .parse import DocumentDraft
from .resolve import plan_data, resolve_units


@dataclass
class UnitChoice:
    """What to do with an unknown name: map it to `unit`, or create a unit of `kind`."""

    unit: Unit | None = None
    kind: str = ""


def _settle_units(unknown: dict[str, list[int]], choices: dict[str, UnitChoice]) -> None:
    missing = [name for name in unknown if name not in choices]
    if missing:
        raise ValidationError({"units": f"请为以下单位名称选择对应单位或新建：{'、'.join(missing)}。"})
    for name, choice in choices.items():
        if choice.unit is not None:
            unit = Unit.objects.select_for_update().get(pk=choice.unit.pk)
            if name not in unit.names:
                unit.aliases = [*unit.aliases, name]
                unit.save(update_fields=["aliases"])
        elif choice.kind:
            if Unit.objects.filter(name=name).exists():
                raise ValidationError({"units": f"单位“{name}”已存在。"})
            Unit.objects.create(
                code=f"u-{uuid.uuid4().hex[:10]}", name=name, short_name=name[:50], kind=choice.kind
            )
        else:
            raise ValidationError({"units": f"请为“{name}”选择对应单位或新建。"})


def merged_data(draft: DocumentDraft, plan: Plan | None) -> dict:
    """plan_load's data for the draft; over an existing plan, with what the document does not say kept."""
    if plan is None:
        return plan_data(draft)
    titles = dict(plan.work_items.values_list("number", "title"))
    data = plan_data(draft, titles=titles)
    items = {raw["number"]: raw for raw in data["items"]}
    for target in (
        Target.objects.filter(work_item__plan=plan).select_related("work_item").order_by("sort_order")
    ):
        raw = items.get(target.work_item.number)
        if raw is not None and target.name not in {t["name"] for t in raw["targets"]}:
            raw["targets"].append(
                {"name": target.name, "measure_unit": target.measure_unit, "comparator": target.comparator,
                 "target_value": target.target_value, "target_min": target.target_min,
                 "target_max": target.target_max, "due_date": target.due_date.isoformat()}
            )  # fmt: skip
    for deadline in Deadline.objects.filter(work_item__plan=plan).select_related("work_item"):
        raw = items.get(deadline.work_item.number)
        if raw is not None and deadline.period not in {d["period"] for d in raw["deadlines"]}:
            raw["deadlines"].append(
                {"name": deadline.name, "kind": deadline.kind, "period": deadline.period,
                 "due_date": deadline.due_date.isoformat(), "recipient": deadline.recipient}
            )  # fmt: skip
    return data


@transaction.atomic
def plan_import(
    *, draft: DocumentDraft, source_text: str, choices: dict[str, UnitChoice] | None = None
) -> Plan:
    """Create the draft's year, or update it; all or nothing."""
    if draft.problems:
        raise ValidationError({"document": draft.problems})
    if not draft.items:
        raise ValidationError({"document": ["没有找到编号的工作任务。"]})
    _settle_units(resolve_units(draft).unknown, choices or {})
    plan = Plan.objects.filter(year=draft.year).first()
    return plan_load(data=merged_data(draft, plan), source_text=source_text)
