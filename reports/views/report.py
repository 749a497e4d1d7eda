"""A report's own pages: read it, edit it, correct it, review it, submit it, its evidence files. Thin:
they read through selectors, write through the workflow services, and ask the workflow table what a
user may do."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ..choices import ReportAction, ReportStatus
from ..figures import report_due_date, report_lateness
from ..forms import CorrectionForm, ReportForm, ReviewForm
from ..models import Attachment, ProgressReport
from ..selectors import form_targets, previous_values, report_detail
from ..uploads import takes_uploads
from ..validation import field_key
from ..workflow import services
from ..workflow.rules import allows, available_actions, check_who


def _get_report(request, pk):
    try:
        return report_detail(user=request.user, pk=pk)
    except ProgressReport.DoesNotExist as exc:
        raise Http404(_("报告不存在或您无权查看。")) from exc


def _report_initial(report):
    initial = {
        "version": report.version,
        "done": report.done,
        "problems": report.problems,
        "next_steps": report.next_steps,
        "completed": report.completed,
    }
    for value in report.values.all():
        initial[field_key("value", value.target)] = value.value
        initial[field_key("explanation", value.target)] = value.explanation
    return initial


LATENESS_LABELS = {"submitted_late": gettext_lazy("逾期报送"), "overdue": gettext_lazy("已逾期未提交")}


def report_detail_view(request, pk):
    report = _get_report(request, pk)
    deadlines = list(report.work_item.deadlines.all())
    context = {
        "nav": "reports",
        "report": report,
        "due": report_due_date(work_item=report.work_item, period=report.period, deadlines=deadlines),
        "late": LATENESS_LABELS.get(report_lateness(report), ""),
        "events": list(report.events.all()),
        "last_return": _last_return(report),
        "actions": set(available_actions(request.user, report)),
        "flags": list(report.flags.all()),
        "may_explain": allows(request.user, ReportAction.EXPLAIN, report),
        "review_form": ReviewForm(),
    }
    return render(request, "reports/report_detail.html", context)


@takes_uploads
def report_edit(request, pk):
    """Edit a draft or returned report; `action=submit` saves and submits in one transaction."""
    report = _get_report(request, pk)
    check_who(request.user, ReportAction.SAVE, report)
    if not allows(request.user, ReportAction.SAVE, report):
        messages.info(
            request, _("该报告当前状态为“%(s)s”，不能再修改。") % {"s": report.get_status_display()}
        )
        return redirect("report-detail", pk=pk)
    targets, scopes = form_targets(unit_id=report.unit_id, work_item=report.work_item)
    previous = previous_values(unit_id=report.unit_id, targets=targets, before=report.period_end)
    options = {
        "targets": targets,
        "scopes": scopes,
        "previous": previous,
        "summary_kind": report.kind_label if report.is_summary else None,
    }
    conflict = None
    if request.method == "POST":
        form = ReportForm(
            request.POST, request.FILES, refused_file_names=request.refused_file_names, **options
        )
        if form.is_valid():
            submit = request.POST.get("action") == "submit"
            service = services.report_save_and_submit if submit else services.report_update
            try:
                service(
                    report=report,
                    user=request.user,
                    version=form.cleaned_data["version"],
                    uploads=form.cleaned_data["attachments"],
                    **form.content(),
                )
            except services.ReportConflict as exc:
                conflict = exc.current
                data = request.POST.copy()
                data["version"] = conflict.version  # saving again keeps this user's version on purpose
                form = ReportForm(data, **options)
                form.is_valid()
                form.add_error(None, str(exc))
            except ValidationError as exc:
                # the service may have refreshed `report` from a write its transaction then undid
                report = _get_report(request, pk)
                form.add_service_errors(exc)
            except services.ReportStateError as exc:
                messages.error(request, str(exc))
                return redirect("report-detail", pk=pk)
            else:
                messages.success(
                    request, _("报告已提交，等待单位负责人审核。") if submit else _("草稿已保存。")
                )
                flagged = report.flags.count()
                if flagged:
                    messages.warning(
                        request,
                        _("有 %(n)s 处数据疑点，请核对数值和计量单位；确认无误可照常提交。") % {"n": flagged},
                    )
                return redirect("report-detail", pk=pk) if submit else redirect("report-edit", pk=pk)
        # nothing was saved: the files chosen are not on the page any more
        form.add_unsaved_files_error([upload.name for upload in request.FILES.getlist("attachments")])
    else:
        form = ReportForm(initial=_report_initial(report), **options)
    context = {
        "nav": "my-work",
        "report": report,
        "form": form,
        "conflict": conflict,
        "field_error_summary": form.error_summary(non_field=False) if conflict else [],
        "last_return": _last_return(report),
        "flags": list(report.flags.select_related("target", "explained_by")),
        "conflict_values": _conflict_values(conflict, targets) if conflict else [],
        "due": report_due_date(
            work_item=report.work_item, period=report.period, deadlines=report.work_item.deadlines.all()
        ),
    }
    return render(request, "reports/report_form.html", context, status=409 if conflict else 200)


def _last_return(report):
    """The comment a returned report was sent back with; None once it has moved on."""
    if report.status != ReportStatus.RETURNED:
        return None
    return next((e for e in reversed(report.events.all()) if e.action == ReportAction.RETURN), None)


def _conflict_values(report, targets):
    values = {v.target_id: v for v in report.values.all()}
    return [(t, values.get(t.pk)) for t in targets]


def report_correct(request, pk):
    report = _get_report(request, pk)
    check_who(request.user, ReportAction.CORRECT, report)
    targets, scopes = form_targets(unit_id=report.unit_id, work_item=report.work_item)
    previous = previous_values(unit_id=report.unit_id, targets=targets, before=report.period_end)
    if request.method == "POST":
        form = CorrectionForm(request.POST, targets=targets, scopes=scopes, previous=previous)
        if form.is_valid():
            try:
                services.report_correct(
                    report=report,
                    user=request.user,
                    version=form.cleaned_data["version"],
                    reason=form.cleaned_data["reason"],
                    **form.content(),
                )
            except ValidationError as exc:
                # as in report_edit: the page shows the report as stored, not as the service left it
                report = _get_report(request, pk)
                form.add_service_errors(exc)
            except (services.ReportConflict, services.ReportStateError) as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("更正已保存，并记入报告历史。"))
                return redirect("report-detail", pk=pk)
    else:
        form = CorrectionForm(
            initial=_report_initial(report), targets=targets, scopes=scopes, previous=previous
        )
    return render(request, "reports/report_correct.html", {"nav": "reports", "report": report, "form": form})


@require_POST
def report_review(request, pk):
    """A head's review step: approve, return (comment required) or comment."""
    report = _get_report(request, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("审核意见：%(e)s") % {"e": " ".join(form.errors.get("comment", []))})
        return redirect("report-detail", pk=pk)
    comment = form.cleaned_data.get("comment", "")
    action = request.POST.get("action")
    steps = {
        "approve": (services.report_approve, _("报告已审核通过。")),
        "return": (services.report_return, _("报告已退回，单位将收到退回意见。")),
        "comment": (services.report_comment, _("意见已记录。")),
    }
    if action not in steps:
        raise Http404
    service, done_message = steps[action]
    try:
        service(report=report, user=request.user, comment=comment)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except services.ReportStateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done_message)
    return redirect("report-detail", pk=pk)


@require_POST
def report_submit(request, pk):
    report = _get_report(request, pk)
    try:
        services.report_submit(report=report, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("report-edit", pk=pk)
    except services.ReportStateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("报告已提交，等待单位负责人审核。"))
    return redirect("report-detail", pk=pk)


def attachment_download(request, pk, attachment_pk):
    attachment = get_object_or_404(Attachment.objects.restrict(request.user), pk=attachment_pk, report_id=pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )


@require_POST
def attachment_delete(request, pk, attachment_pk):
    attachment = get_object_or_404(
        Attachment.objects.restrict(request.user).select_related("report"), pk=attachment_pk, report_id=pk
    )
    try:
        services.attachment_remove(attachment=attachment, user=request.user)
    except services.ReportStateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("附件已删除。"))
    return redirect("report-edit", pk=pk)
