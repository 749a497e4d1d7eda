"""Writes to plans: loading a year's work points from structured data (who does what: assignments.py).

The data has the shape of fixtures/plan-2024.json: sections, items with their text and their unit
parenthesis exactly as the document writes it, targets, deadlines, and `rules` for sentences that
assign units to a range of items. A parser of next year's document produces the same shape.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from core.db import upsert
from units.models import Unit
from units.selectors import UnknownUnitNames, unit_resolve_names

from .assignments import plan_assignments
from .choices import AssignmentRole, Cadence, Comparator, DeadlineKind, ReporterScope
from .models import Assignment, Deadline, Plan, Section, Target, TargetReporter, WorkItem
from .obligations import obligations_sync
from .periods import PeriodError, parse_period


def _decimal(value, field: str, where: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation as exc:
        raise ValidationError(
            _("%(where)s的%(field)s“%(value)s”不是数字。") % {"where": where, "field": field, "value": value}
        ) from exc


def _date(value, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValidationError(
            _("%(where)s的日期“%(value)s”格式应为 2024-12-31。") % {"where": where, "value": value}
        ) from exc


def _validate(data: dict) -> None:
    if not isinstance(data.get("year"), int) or not data.get("title"):
        raise ValidationError(_("工作要点缺少年度或标题。"))
    section_numbers = [s["number"] for s in data.get("sections", [])]
    if len(set(section_numbers)) != len(section_numbers):
        raise ValidationError(_("板块序号重复。"))
    item_numbers = [i["number"] for i in data.get("items", [])]
    if len(set(item_numbers)) != len(item_numbers):
        raise ValidationError(_("工作任务序号重复。"))
    for item in data.get("items", []):
        if item.get("section") not in section_numbers:
            raise ValidationError(_("第 %(n)s 项任务所属板块不存在。") % {"n": item.get("number")})
        if not (item.get("title") and item.get("text")):
            raise ValidationError(_("第 %(n)s 项任务缺少标题或原文。") % {"n": item.get("number")})


def _target_values(raw: dict, where: str) -> dict:
    comparator = raw.get("comparator")
    if comparator not in Comparator.values:
        raise ValidationError(_("%(where)s的比较方式“%(c)s”无效。") % {"where": where, "c": comparator})
    return {
        "measure_unit": raw["measure_unit"],
        "comparator": comparator,
        "target_value": _decimal(raw.get("target_value"), _("目标值"), where),
        "target_min": _decimal(raw.get("target_min"), _("目标下限"), where),
        "target_max": _decimal(raw.get("target_max"), _("目标上限"), where),
        "due_date": _date(raw["due_date"], where),
    }


def _row(model, lookup: dict, values: dict):
    return upsert(model, lookup, values)[0]


@transaction.atomic
def plan_load(*, data: dict, source_text: str = "", reports_from: dt.date | None = None) -> Plan:
    """Create or update a year's plan from `data`; idempotent, all or nothing.

    Sections and items are matched by number and updated in place, so an item that moves to another
    section keeps its id, its targets, deadlines and reports. What the data no longer has is deleted
    last: assignments, targets and deadlines, then items, then sections. A target or item that reports
    already refer to cannot be deleted: the load fails and names it.

    Over a plan that already exists (a running year), a unit newly named on an item, or a new item's
    units, report from `reports_from` (today by default): no report is owed for a period that had
    ended before, so a change never makes anyone overdue in the past."""
    _validate(data)
    running = Plan.objects.filter(year=data["year"]).exists()
    joining = (reports_from or timezone.localdate()) if running else None
    units = list(Unit.objects.all())
    assignments = plan_assignments(data, units)

    plan = _row(
        Plan,
        {"year": data["year"]},
        {"title": data["title"], "source_text": source_text, **_plan_rules(data), **_plan_header(data)},
    )
    sections = {
        s["number"]: _row(Section, {"plan": plan, "number": s["number"]}, {"title": s["title"]})
        for s in data["sections"]
    }
    for raw in data["items"]:
        number = raw["number"]
        item = _row(
            WorkItem,
            {"plan": plan, "number": number},
            {
                "section": sections[raw["section"]],
                "title": raw["title"],
                "text": raw["text"],
                "units_text": raw.get("units", ""),
                **(
                    {"cooperating_units_report": bool(raw["cooperating_units_report"])}
                    if "cooperating_units_report" in raw
                    else {}
                ),
            },
        )
        _load_assignments(item, assignments[number], reports_from=joining)
        _load_targets(item, raw.get("targets", []), units)
        _load_deadlines(item, raw.get("deadlines", []))

    stale_items = WorkItem.objects.filter(plan=plan).exclude(number__in=[i["number"] for i in data["items"]])
    _delete_unreferenced(
        stale_items.order_by("number"),
        lambda item: _("第 %(n)s 项任务已有进展报告，不能从工作要点中删除。") % {"n": item.number},
    )
    Section.objects.filter(plan=plan).exclude(number__in=sections).delete()
    obligations_sync(plan=plan)
    return plan


def _plan_header(data: dict) -> dict:
    """The issuing body and document number, where the data states them."""
    return {
        key: str(data[key])[:limit] for key, limit in (("issuer", 100), ("doc_number", 50)) if key in data
    }


def _plan_rules(data: dict) -> dict:
    """The plan's reporting rules, where the data states them; a reload without them keeps what an
    administrator set."""
    rules = {}
    cadence = data.get("report_cadence")
    if cadence is not None:
        if cadence not in Cadence.values:
            raise ValidationError(_("报送周期“%(c)s”无效，应为 monthly 或 quarterly。") % {"c": cadence})
        rules["report_cadence"] = cadence
    for key, label, top in (("report_due_day", _("报送截止日"), 31), ("start_month", _("起报月份"), 12)):
        if key in data:
            value = data[key]
            if not isinstance(value, int) or not 1 <= value <= top:
                raise ValidationError(
                    _("%(label)s应为 1 至 %(top)s 之间的整数。") % {"label": label, "top": top}
                )
            rules[key] = value
    return rules


def _load_assignments(item: WorkItem, roles: dict[int, str], *, reports_from: dt.date | None) -> None:
    current = {a.unit_id: a for a in Assignment.objects.filter(work_item=item)}
    for unit_id, role in roles.items():
        if unit_id not in current:
            Assignment.objects.create(work_item=item, unit_id=unit_id, role=role, reports_from=reports_from)
        elif current[unit_id].role != role:
            current[unit_id].role = role
            current[unit_id].save(update_fields=["role"])  # saved, not updated, so the audit trail sees it
    Assignment.objects.filter(work_item=item).exclude(unit_id__in=roles).delete()


def _load_targets(item: WorkItem, targets: list[dict], units) -> None:
    names = []
    for order, raw in enumerate(targets, start=1):
        where = _("第 %(n)s 项任务的指标“%(name)s”") % {"n": item.number, "name": raw["name"]}
        target = _row(
            Target,
            {"work_item": item, "name": raw["name"]},
            {**_target_values(raw, where), "sort_order": order},
        )
        _load_reporters(target, raw.get("reporters"), units, where)
        names.append(raw["name"])
    _delete_unreferenced(
        Target.objects.filter(work_item=item).exclude(name__in=names),
        lambda target: (
            _("第 %(n)s 项任务中已有填报值的指标“%(name)s”不能删除。")
            % {"n": item.number, "name": target.name}
        ),
    )


def _load_reporters(target: Target, reporters: list[dict] | None, units, where: str) -> None:
    """The units that report a figure for the target (填报单位). Without `reporters` in the data, a
    new target gets the item's responsible units (or, without any, its lead unit) as contributions,
    and a target already loaded keeps what an administrator set."""
    if reporters is None:
        if target.reporters.exists():
            return
        assignments = list(target.work_item.assignments.all())
        units_by_role = [a.unit_id for a in assignments if a.role == AssignmentRole.RESPONSIBLE] or [
            a.unit_id for a in assignments if a.role == AssignmentRole.LEAD
        ]
        wanted = {unit_id: (ReporterScope.CONTRIBUTION, "") for unit_id in units_by_role}
    else:
        wanted = {}
        for raw in reporters:
            scope = raw.get("scope", ReporterScope.CONTRIBUTION)
            if scope not in ReporterScope.values:
                raise ValidationError(
                    _("%(where)s的填报口径“%(s)s”无效，应为 contribution 或 total。")
                    % {"where": where, "s": scope}
                )
            try:
                resolved = unit_resolve_names(raw["unit"], units=units)
            except UnknownUnitNames as exc:
                raise ValidationError(
                    _("%(where)s的填报单位无法识别：%(names)s。")
                    % {"where": where, "names": "、".join(exc.names)}
                ) from exc
            for unit in resolved:
                wanted[unit.pk] = (scope, raw.get("why", "")[:200])
    for unit_id, (scope, note) in wanted.items():
        _row(TargetReporter, {"target": target, "unit_id": unit_id}, {"scope": scope, "note": note})
    TargetReporter.objects.filter(target=target).exclude(unit_id__in=wanted).delete()


def _load_deadlines(item: WorkItem, deadlines: list[dict]) -> None:
    periods = []
    for deadline in deadlines:
        where = _("第 %(n)s 项任务的报送节点“%(name)s”") % {"n": item.number, "name": deadline["name"]}
        try:
            period = parse_period(deadline["period"]).key
        except PeriodError as exc:
            raise ValidationError(f"{where}：{exc}") from exc
        _row(
            Deadline,
            {"work_item": item, "period": period},
            {
                "name": deadline["name"],
                "kind": deadline.get("kind", DeadlineKind.OTHER),
                "due_date": _date(deadline["due_date"], where),
                "recipient": deadline.get("recipient", ""),
            },
        )
        periods.append(period)
    Deadline.objects.filter(work_item=item).exclude(period__in=periods).delete()


def _delete_unreferenced(rows, message) -> None:
    """Delete each row; one that other rows protect (reports, reported values) is not deleted, and the
    load fails naming every such row with `message(row)`."""
    refused = []
    for row in rows:
        try:
            row.delete()
        except ProtectedError:
            refused.append(message(row))
    if refused:
        raise ValidationError(refused)
