"""催办: a leader or administrator urges a unit about an overdue report. The unit's staff and head
get a notice marked as urged (and its contact address and robot the same); the urge is kept on the
obligation (who, when, note) for leaders to see."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.text import clean_text
from reports.obligations import may_urge_obligation, obligations_as_of
from tasks.models import Obligation
from units.access import may_urge

from . import texts
from .models import NoticeKind, Urge
from .writing import notices_write, to_unit, unit_people

NOTE_MAX = 500


def obligation_state_today(obligation) -> str | None:
    rows = obligations_as_of(timezone.localdate(), Obligation.objects.filter(pk=obligation.pk))
    return rows.values_list("state", flat=True).first()


@transaction.atomic
def urge_create(*, user, obligation, note: str = "") -> Urge:
    if not may_urge(user):
        raise PermissionDenied(_("只有厅领导和系统管理员可以催办。"))
    if note is not None and not isinstance(note, str):
        raise ValidationError({"note": _("附言应为文字。")})
    note = clean_text(note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": _("附言不能超过 %(n)s 字。") % {"n": NOTE_MAX}})
    if not may_urge_obligation(user, obligation_state_today(obligation)):
        raise ValidationError({"obligation": _("只能催办已逾期且尚未报送的报告。")})
    urge = Urge.objects.create(obligation=obligation, by=user, note=note)
    title, body = texts.urge_text(urge)
    unit = obligation.unit
    notices_write(
        to_unit(
            unit,
            unit_people([unit.pk]).get(unit.pk, []),
            kind=NoticeKind.URGED,
            key=f"urge:{urge.pk}",
            title=title,
            body=body,
            link=texts.report_link(obligation),
            urged=True,
            obligation_id=obligation.pk,
        )
    )
    return urge
