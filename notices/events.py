"""Who hears of a report's workflow step:
- submitted → the unit's heads, who review it;
- returned → the unit's staff, with the comment;
- approved → the unit's staff;
- corrected by an administrator → the whole unit (its people, its contact address and its robot).
Written in the step's transaction (a refused step leaves no notice), keyed by the event."""

from contextlib import contextmanager
from contextvars import ContextVar

from reports.choices import ReportAction
from units.choices import Role

from . import texts
from .models import NoticeKind
from .writing import notices_write, to_people, to_unit, unit_people

KINDS = {
    ReportAction.SUBMIT: NoticeKind.SUBMITTED,
    ReportAction.RETURN: NoticeKind.RETURNED,
    ReportAction.APPROVE: NoticeKind.APPROVED,
    ReportAction.CORRECT: NoticeKind.CORRECTED,
}
AUDIENCE = {
    ReportAction.SUBMIT: (Role.UNIT_HEAD,),
    ReportAction.RETURN: (Role.UNIT_STAFF,),
    ReportAction.APPROVE: (Role.UNIT_STAFF,),
}


_quiet = ContextVar("notices_quiet", default=False)


@contextmanager
def quiet():
    """Steps taken inside tell no one: the invented demo history, which is not news to anybody."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def report_event_notify(event, **kwargs) -> list:
    """Tell whom a report's step concerns (connected to reports.workflow.signals.report_step_taken)."""
    kind = KINDS.get(event.action)
    if kind is None or _quiet.get():
        return []
    report = event.report
    title, body = texts.event_text(event)
    notice = {
        "kind": kind,
        "key": f"event:{event.pk}",
        "title": title,
        "body": body,
        "link": f"/reports/{report.pk}/",
        "report_id": report.pk,
    }
    people = [u for u in unit_people([report.unit_id]).get(report.unit_id, []) if u.pk != event.actor_id]
    if event.action == ReportAction.CORRECT:
        drafts = to_unit(report.unit, people, **notice)
    else:
        drafts = to_people([u for u in people if u.role in AUDIENCE[event.action]], **notice)
    return notices_write(drafts)
