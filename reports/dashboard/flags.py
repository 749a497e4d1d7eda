"""The plausibility flags a reader has still to look at, as of a date: the flags on submitted
reports not yet marked explained by then, and the units that owe a figure and have never sent one
(reports.plausibility). The overview's count is the length of this list, and its link opens it."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from tasks.models import Target
from tasks.obligations import day_end

from ..flag import Flag, FlagRule
from ..plausibility import missing_figures


@dataclass(frozen=True)
class FlagRow:
    rule: str
    rule_label: str
    unit_id: int
    unit: str
    section: int  # the item's section number
    item_number: int
    target: str
    message: str
    report_id: int | None  # None: a figure never sent


def open_flags(*, user, plan, as_of: dt.date, obligations) -> list[FlagRow]:
    """The rows behind the overview's 数据疑点 count. `obligations`: the reader's (restricted)."""
    cutoff = day_end(as_of)
    flags = (
        Flag.objects.restrict(user)
        .filter(report__work_item__plan=plan, report__submitted_at__lt=cutoff)
        .filter(Q(explained_at__isnull=True) | Q(explained_at__gte=cutoff))
        .select_related("report__unit", "report__work_item__section", "target")
        .order_by("report__work_item__number", "report__unit__sort_order", "target__sort_order", "rule")
    )
    rows = [
        FlagRow(f.rule, str(f.get_rule_display()), f.report.unit_id, f.report.unit.short_name,
                f.report.work_item.section.number, f.report.work_item.number, f.target.name, f.message, f.report_id)
        for f in flags
    ]  # fmt: skip
    targets = Target.objects.filter(work_item__plan=plan)
    label = str(FlagRule.NEVER_REPORTED.label)
    rows += [
        FlagRow(FlagRule.NEVER_REPORTED, label, m.unit_id, m.unit_name, m.target.work_item.section.number,
                m.target.work_item.number, m.target.name, m.message, None)
        for m in missing_figures(targets=targets, obligations=obligations, as_of=as_of)
    ]  # fmt: skip
    return rows
