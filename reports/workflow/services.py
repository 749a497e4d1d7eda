"""Writes to progress reports. Every change goes through here: the views and the API call these
functions, which check the step against the workflow table (rules.check: who may act, from which
status), validate, write in one transaction and record the step in the report's history."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tasks.models import Obligation
from tasks.periods import parse_period

from ..choices import ReportAction
from ..models import Attachment, ProgressReport, ReportEvent, TargetValue
from ..plausibility import flags_refresh
from ..selectors import previous_values, reported_targets
from ..validation import (
    ValueInput,
    field_key,
    validate_period,
    validate_texts,
    validate_values,
)
from .attachments import attach, attachment_add, attachment_remove, check_room
from .history import record_step, report_snapshot
from .rules import STEPS, ReportStateError, check, check_who, may_start

# attachment_add, attachment_remove and report_snapshot are the services' too: callers keep one module
__all__ = ["ReportConflict", "ReportStateError", "attachment_add", "attachment_remove", "report_snapshot"]


class ReportConflict(Exception):
    """Someone else saved the report since the user opened it. `current` is the report as saved."""

    status_code = 409

    def __init__(self, current: ProgressReport):
        super().__init__(
            _("该报告已被他人修改（当前为第 %(v)s 版），请核对后再保存。") % {"v": current.version}
        )
        self.current = current


def _get_or_create(
    *, user, work_item, unit, period: str, today: dt.date | None
) -> tuple[ProgressReport, bool]:
    if not may_start(user, unit):
        raise PermissionDenied(_("您没有权限执行此操作。"))
    if not work_item.assignments.filter(unit=unit).exists():
        raise PermissionDenied(_("本单位未承担该项工作任务。"))
    validate_period(period=period, work_item=work_item, today=today)
    parsed = parse_period(period)
    if not Obligation.objects.filter(work_item=work_item, unit=unit, period=parsed.key).exists():
        raise ValidationError(
            {
                "period": _("本单位无需报送第 %(n)s 项任务的“%(title)s”。")
                % {"n": work_item.number, "title": parsed.report_title}
            }
        )
    report, created = ProgressReport.objects.get_or_create(
        work_item=work_item,
        unit=unit,
        period=parsed.key,
        defaults={"created_by": user, "period_end": parsed.end},
    )
    if created:
        record_step(report, user=user, action=ReportAction.CREATE)
    return report, created


@transaction.atomic
def report_create(*, user, work_item, unit, period: str, today: dt.date | None = None) -> ProgressReport:
    """Start a draft for (work item, unit, period), or return the one that exists. Only for a report
    the unit owes (an obligation, tasks.obligations), by the unit's own staff."""
    return _get_or_create(user=user, work_item=work_item, unit=unit, period=period, today=today)[0]


@transaction.atomic
def report_start(
    *, user, work_item, unit, period: str, submit: bool = False, today: dt.date | None = None, **content
) -> ProgressReport:
    """Create the unit's report with its first content (and submit it, with `submit`), all or nothing:
    the first save creates the report, so opening a form leaves no empty draft behind. If a colleague
    created it in the meantime, ReportConflict carries theirs and nothing is written."""
    report, created = _get_or_create(user=user, work_item=work_item, unit=unit, period=period, today=today)
    if not created:
        raise ReportConflict(report)
    service = report_save_and_submit if submit else report_update
    return service(report=report, user=user, version=report.version, **content)


def _content(*, done, problems, next_steps, completed, values) -> dict:
    """A report's content as _write_content takes it."""
    return {
        "done": done,
        "problems": problems,
        "next_steps": next_steps,
        "completed": completed,
        "values": list(values),
    }


def _write_content(
    report, *, version, expected_statuses, done, problems, next_steps, values, completed=False
):
    """Validate and write the content if nobody saved in between (optimistic lock on `version`), and
    bring the report's plausibility flags in line with it."""
    targets = {t.pk: t for t in report.work_item.targets.all()}
    for item in values:
        if item.target.pk not in targets:
            raise ValidationError({"values": _("指标不属于该工作任务。")})
    reported = reported_targets(unit_id=report.unit_id, targets=targets.values())
    refused = {
        field_key("value", item.target): _("本单位不是指标“%(name)s”的填报单位，不能填写该指标。")
        % {"name": item.target.name}
        for item in values
        if item.target.pk not in reported
    }
    if refused:
        raise ValidationError(refused)
    previous = previous_values(
        unit_id=report.unit_id, targets=list(targets.values()), before=report.period_end
    )
    validate_values(values, previous=previous)
    validate_texts(done=done, problems=problems, next_steps=next_steps)

    updated = ProgressReport.objects.filter(
        pk=report.pk, version=version, status__in=expected_statuses
    ).update(
        done=done,
        problems=problems,
        next_steps=next_steps,
        completed=completed,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    if not updated:
        current = ProgressReport.objects.get(pk=report.pk)
        if current.status not in expected_statuses:
            raise ReportStateError(
                _("报告当前状态为“%(s)s”，不能修改。") % {"s": current.get_status_display()}
            )
        raise ReportConflict(current)
    given = {item.target.pk for item in values}
    TargetValue.objects.filter(report=report).exclude(target_id__in=given).delete()
    for item in values:
        TargetValue.objects.update_or_create(
            report=report,
            target=item.target,
            defaults={"value": item.value, "explanation": item.explanation.strip()},
        )
    report.refresh_from_db()
    flags_refresh(report)


@transaction.atomic
def report_update(
    *,
    report: ProgressReport,
    user,
    version: int,
    done: str = "",
    problems: str = "",
    next_steps: str = "",
    completed: bool = False,
    values: list[ValueInput] = (),
    uploads=(),
) -> ProgressReport:
    """Save a draft or returned report: texts, target values and new attachments, all or nothing.
    `version` is the one the user started from: if someone saved since, ReportConflict, nothing written."""
    step = check(user, ReportAction.SAVE, report)
    uploads = list(uploads)
    if uploads:
        check_room(report, adding=len(uploads))
    content = _content(
        done=done, problems=problems, next_steps=next_steps, completed=completed, values=values
    )
    _write_content(report, version=version, expected_statuses=step.statuses_for(user, report), **content)
    saved = []
    try:
        for upload in uploads:
            saved.append(attach(report, user=user, upload=upload))
    except Exception:
        # the transaction rolls the rows back; the files already written go too
        for attachment in saved:
            attachment.file.delete(save=False)
        raise
    record_step(report, user=user, action=ReportAction.SAVE)
    return report


def _move(report: ProgressReport, *, user, action: str, **changes) -> None:
    """Take a status-changing step only if the report is still in a status the step allows when the
    database writes it: of two reviewers acting at once, the second is refused, not silently undone."""
    step = STEPS[action]
    moved = ProgressReport.objects.filter(pk=report.pk, status__in=step.statuses_for(user, report)).update(
        version=F("version") + 1, status=step.to_status, **changes
    )
    if not moved:
        report.refresh_from_db()
        raise ReportStateError(str(step.refused) % {"s": report.get_status_display()})


def _check_complete(report: ProgressReport) -> None:
    errors = {}
    if not report.done.strip():
        errors["done"] = _("请填写工作进展后再提交。")
    if report.is_summary and not report.attachments.exists():
        errors["attachments"] = _("%(kind)s须上传总结文件后再提交。") % {"kind": report.kind_label}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def report_submit(*, report: ProgressReport, user, version: int | None = None) -> ProgressReport:
    """Send a draft or returned report to the unit head. A late report is accepted and marked late."""
    report.refresh_from_db()
    check(user, ReportAction.SUBMIT, report)
    if version is not None and version != report.version:
        raise ReportConflict(report)
    _check_complete(report)
    now = timezone.now()
    _move(report, user=user, action=ReportAction.SUBMIT, submitted_at=report.submitted_at or now)
    flags_refresh(report)  # the other units' figures may have moved since it was saved
    record_step(report, user=user, action=ReportAction.SUBMIT)
    return report


@transaction.atomic
def report_save_and_submit(*, report: ProgressReport, user, version: int, **content) -> ProgressReport:
    """Save and submit in one step: if the submit is refused, the save is undone too."""
    kept = set(Attachment.objects.filter(report=report).values_list("pk", flat=True))
    report_update(report=report, user=user, version=version, **content)
    try:
        return report_submit(report=report, user=user)
    except Exception:
        # the transaction takes back the rows of the files this save added; the files go too
        for attachment in Attachment.objects.filter(report=report).exclude(pk__in=kept):
            attachment.file.delete(save=False)
        raise


@transaction.atomic
def report_approve(*, report: ProgressReport, user, comment: str = "") -> ProgressReport:
    report.refresh_from_db()
    check(user, ReportAction.APPROVE, report)
    _move(report, user=user, action=ReportAction.APPROVE, approved_at=timezone.now())
    record_step(report, user=user, action=ReportAction.APPROVE, comment=comment.strip())
    return report


@transaction.atomic
def report_return(*, report: ProgressReport, user, comment: str) -> ProgressReport:
    """Send a report back for changes, with a required comment. The unit's head returns submitted
    reports; the head of the item's lead unit may also return a responsible unit's approved one."""
    report.refresh_from_db()
    check_who(user, ReportAction.RETURN, report)
    if not (comment or "").strip():
        raise ValidationError({"comment": _("退回时必须填写退回意见。")})
    check(user, ReportAction.RETURN, report)
    _move(report, user=user, action=ReportAction.RETURN, approved_at=None)
    record_step(report, user=user, action=ReportAction.RETURN, comment=comment.strip())
    return report


@transaction.atomic
def report_comment(*, report: ProgressReport, user, comment: str) -> ReportEvent:
    check(user, ReportAction.COMMENT, report)
    if not (comment or "").strip():
        raise ValidationError({"comment": _("请填写意见内容。")})
    return record_step(report, user=user, action=ReportAction.COMMENT, comment=comment.strip())


@transaction.atomic
def report_correct(
    *,
    report: ProgressReport,
    user,
    version: int,
    reason: str,
    done: str,
    problems: str,
    next_steps: str,
    completed: bool = False,
    values: list[ValueInput] = (),
) -> ProgressReport:
    """An administrator corrects an approved report; reason and content are kept in its history."""
    check_who(user, ReportAction.CORRECT, report)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("更正时必须填写更正原因。")})
    content = _content(
        done=done, problems=problems, next_steps=next_steps, completed=completed, values=values
    )
    step = check(user, ReportAction.CORRECT, report)
    _write_content(report, version=version, expected_statuses=step.statuses_for(user, report), **content)
    record_step(report, user=user, action=ReportAction.CORRECT, comment=reason.strip())
    return report
