"""A reviewer marks a plausibility flag (数据疑点) explained, with a comment kept in the report's
history. The workflow table says who (the unit's head, the lead unit's head) and from which statuses."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import ReportAction
from ..flag import Flag
from .history import record_step
from .rules import ReportStateError, check


@transaction.atomic
def flag_explain(*, flag: Flag, user, comment: str) -> Flag:
    report = flag.report
    report.refresh_from_db()
    check(user, ReportAction.EXPLAIN, report)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("请填写核实说明。")})
    marked = Flag.objects.filter(pk=flag.pk, explained_at__isnull=True).update(
        explained_by=user, explained_at=timezone.now(), comment=comment
    )
    if not marked:
        raise ReportStateError(_("该疑点已核实过。"))
    note = f"{flag.get_rule_display()}（{flag.target.name}）：{comment}"
    record_step(report, user=user, action=ReportAction.EXPLAIN, comment=note)
    flag.refresh_from_db()
    return flag
