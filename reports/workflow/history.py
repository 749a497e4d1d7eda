"""A report's history: each step kept with the report as it stood afterwards, and announced."""

from ..choices import ReportAction
from ..models import Attachment, ProgressReport, ReportEvent, TargetValue
from ..tally.services import tally_refresh
from ..validation import validate_comment
from .signals import report_step_taken

# the steps that change what the dashboard counts (a submission, a review, a correction of an approved
# report); a draft's saves, comments and files change none of it
COUNTED_STEPS = (ReportAction.SUBMIT, ReportAction.APPROVE, ReportAction.RETURN, ReportAction.CORRECT)


def report_snapshot(report: ProgressReport) -> dict:
    """The report's content as it stands, for its history."""
    values = TargetValue.objects.filter(report=report).select_related("target").order_by("target__sort_order")
    return {
        "status": report.status,
        "done": report.done,
        "problems": report.problems,
        "next_steps": report.next_steps,
        "completed": report.completed,
        "values": [
            {
                "target": v.target_id,
                "name": v.target.name,
                "unit": v.target.measure_unit,
                "value": f"{v.value.normalize():f}",
                "explanation": v.explanation,
            }
            for v in values
        ],
        "attachments": list(Attachment.objects.filter(report=report).values_list("name", flat=True)),
    }


def record_step(report: ProgressReport, *, user, action: str, comment: str = "") -> ReportEvent:
    """Keep the step in the report's history, and announce it (workflow.signals; the notices app tells
    whom it concerns)."""
    validate_comment(comment)  # every step's comment, reason or note: refused whole, in its transaction
    report.refresh_from_db()
    event = ReportEvent.objects.create(
        report=report,
        action=action,
        actor=user,
        comment=comment,
        version=report.version,
        snapshot=report_snapshot(report),
    )
    if action in COUNTED_STEPS:
        tally_refresh(work_item_id=report.work_item_id, unit_id=report.unit_id)
    report_step_taken.send(sender=ReportEvent, event=event)
    return event
