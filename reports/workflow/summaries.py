"""The edited final version of a summary draft goes back as the unit's half-year or annual summary
(item 3's 半年/年度工作总结) in one step: the unit's summary report for the period is opened (or
started) and the file attached; the staff member then submits it as any report."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tasks.choices import PeriodKind
from tasks.models import Obligation

from ..models import ProgressReport
from .attachments import attachment_add
from .services import report_create

KINDS = {"h1": PeriodKind.HALF_YEAR_SUMMARY, "year": PeriodKind.ANNUAL_SUMMARY}


def summary_obligation(*, unit, plan, half: str) -> Obligation | None:
    """The unit's half-year or annual summary owed on the plan (item 3's), if it owes one."""
    return (
        Obligation.objects.filter(unit=unit, plan=plan, kind=KINDS[half])
        .select_related("work_item")
        .order_by("work_item__number")
        .first()
    )


@transaction.atomic
def summary_final_attach(*, user, unit, plan, half: str, upload) -> ProgressReport:
    owed = summary_obligation(unit=unit, plan=plan, half=half)
    if owed is None:
        raise ValidationError({"file": _("本单位在该年度没有需要报送的工作总结。")})
    report = report_create(user=user, work_item=owed.work_item, unit=unit, period=owed.period)
    attachment_add(report=report, user=user, upload=upload)
    return report
