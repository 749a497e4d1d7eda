"""Pages for progress reporting. Thin: they read through selectors, write through services, and leave
who-may-do-what to units.access (through the services and `restrict`)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tasks.models import Plan, Section, WorkItem
from units.access import can, sees_everything

from . import services
from .choices import EDITABLE_STATUSES, ReportStatus
from .forms import CorrectionForm, ReportForm, ReviewForm, StartReportForm
from .models import Attachment, ProgressReport
from .selectors import (
    previous_values,
    report_detail,
    report_due_date,
    report_is_late,
    report_list,
    review_queue,
    target_progress,
    unit_work,
)
from .validation import field_key

REPORTS_PER_PAGE = 50
STATUS_FILTERS = [("not_started", _("未开始")), *ReportStatus.choices]


def _plan(request):
    year = request.GET.get("year")
    plans = Plan.objects.restrict(request.user)
    plan = plans.filter(year=year).first() if year and year.isdigit() else plans.first()
    if plan is None:
        raise Http404(_("尚未导入年度工作要点。"))
    return plan


def my_work(request):
    """The unit's work items, grouped by section, with this period's status and what is due next."""
    if request.user.unit_id is None:
        return redirect("home") if not sees_everything(request.user) else redirect("leader-home")
    plan = _plan(request)
    rows = unit_work(unit=request.user.unit, plan=plan)
    section = request.GET.get("section", "")
    status = request.GET.get("status", "")
    if section.isdigit():
        rows = [r for r in rows if r.item.section.number == int(section)]
    if status:
        rows = [r for r in rows if r.status == status]
    groups = {}
    for row in rows:
        groups.setdefault(row.item.section, []).append(row)
    context = {
        "nav": "my-work",
        "plan": plan,
        "groups": groups.items(),
        "sections": Section.objects.filter(plan=plan),
        "status_filters": STATUS_FILTERS,
        "section": section,
        "status": status,
        "row_count": len(rows),
    }
    template = "reports/_work_list.html" if request.headers.get("HX-Request") else "reports/my_work.html"
    return render(request, template, context)


@require_POST
def report_start(request):
    """Open the unit's report for (work item, period): the existing one, or a new draft."""
    form = StartReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择工作任务和报送期。"))
        return redirect("my-work")
    work_item = get_object_or_404(
        WorkItem.objects.restrict(request.user).select_related("plan"), pk=form.cleaned_data["work_item"]
    )
    try:
        report = services.report_create(
            user=request.user, work_item=work_item, unit=request.user.unit, period=form.cleaned_data["period"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("my-work")
    if report.status in EDITABLE_STATUSES and can(request.user, "edit", report):
        return redirect("report-edit", pk=report.pk)
    return redirect("report-detail", pk=report.pk)


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
    }
    for value in report.values.all():
        initial[field_key("value", value.target)] = value.value
        initial[field_key("explanation", value.target)] = value.explanation
    return initial


def report_detail_view(request, pk):
    report = _get_report(request, pk)
    deadlines = list(report.work_item.deadlines.all())
    context = {
        "nav": "reports",
        "report": report,
        "due": report_due_date(work_item_id=report.work_item_id, period=report.period, deadlines=deadlines),
        "late": report_is_late(report, deadlines=deadlines),
        "events": list(report.events.all()),
        "last_return": _last_return(report),
        "editable": report.status in EDITABLE_STATUSES,
        "may": {
            action: can(request.user, action, report)
            for action in ("edit", "submit", "approve", "return", "comment", "correct")
        },
        "review_form": ReviewForm(),
    }
    return render(request, "reports/report_detail.html", context)


def report_edit(request, pk):
    """Edit a draft or returned report; `action=submit` saves and submits in one transaction."""
    report = _get_report(request, pk)
    if not can(request.user, "edit", report):
        raise PermissionDenied(_("您没有权限修改该报告。"))
    if report.status not in EDITABLE_STATUSES:
        messages.info(
            request, _("该报告当前状态为“%(s)s”，不能再修改。") % {"s": report.get_status_display()}
        )
        return redirect("report-detail", pk=pk)
    targets = list(report.work_item.targets.all())
    previous = previous_values(unit_id=report.unit_id, targets=targets, before=report.period_end)
    conflict = None
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES, targets=targets, previous=previous)
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
                form = ReportForm(data, targets=targets, previous=previous)
                form.is_valid()
                form.add_error(None, str(exc))
            except ValidationError as exc:
                form.add_service_errors(exc)
            except services.ReportStateError as exc:
                messages.error(request, str(exc))
                return redirect("report-detail", pk=pk)
            else:
                messages.success(
                    request, _("报告已提交，等待单位负责人审核。") if submit else _("草稿已保存。")
                )
                return redirect("report-detail", pk=pk) if submit else redirect("report-edit", pk=pk)
    else:
        form = ReportForm(initial=_report_initial(report), targets=targets, previous=previous)
    context = {
        "nav": "my-work",
        "report": report,
        "form": form,
        "conflict": conflict,
        "last_return": _last_return(report),
        "conflict_values": _conflict_values(conflict, targets) if conflict else [],
        "due": report_due_date(
            work_item_id=report.work_item_id, period=report.period, deadlines=report.work_item.deadlines.all()
        ),
    }
    return render(request, "reports/report_form.html", context, status=409 if conflict else 200)


def _last_return(report):
    return next((e for e in reversed(report.events.all()) if e.action == "return"), None)


def _conflict_values(report, targets):
    values = {v.target_id: v for v in report.values.all()}
    return [(t, values.get(t.pk)) for t in targets]


def report_correct(request, pk):
    report = _get_report(request, pk)
    if not can(request.user, "correct", report):
        raise PermissionDenied(_("只有系统管理员可以更正已通过的报告。"))
    targets = list(report.work_item.targets.all())
    previous = previous_values(unit_id=report.unit_id, targets=targets, before=report.period_end)
    if request.method == "POST":
        form = CorrectionForm(request.POST, targets=targets, previous=previous)
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
                form.add_service_errors(exc)
            except (services.ReportConflict, services.ReportStateError) as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("更正已保存，并记入报告历史。"))
                return redirect("report-detail", pk=pk)
    else:
        form = CorrectionForm(initial=_report_initial(report), targets=targets, previous=previous)
    return render(request, "reports/report_correct.html", {"nav": "reports", "report": report, "form": form})


@require_POST
def report_review(request, pk):
    """A head's review step: approve, return (comment required) or comment."""
    report = _get_report(request, pk)
    form = ReviewForm(request.POST)
    form.is_valid()
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


def report_index(request):
    filters = {key: request.GET.get(key) for key in ("year", "work_item", "unit", "period", "status")}
    reports = report_list(user=request.user, filters={k: v for k, v in filters.items() if v})
    page = Paginator(reports, REPORTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reports/report_list.html",
        {
            "nav": "reports",
            "reports": page.object_list,
            "page": page,
            "query": query.urlencode(),
            "filters": filters,
            "statuses": ReportStatus.choices,
        },
    )


def review_queue_view(request):
    reports = review_queue(user=request.user)
    return render(request, "reports/review_queue.html", {"nav": "review", "reports": reports})


def leader_home(request):
    """Department leaders' overview: every target with its actual. The full dashboards come later."""
    if not sees_everything(request.user):
        raise PermissionDenied(_("仅厅领导和系统管理员可以查看总览。"))
    plan = _plan(request)
    from tasks.models import Target

    rows = target_progress(Target.objects.filter(work_item__plan=plan).select_related("work_item"))
    counts = dict.fromkeys(ReportStatus.values, 0)
    for status in ProgressReport.objects.filter(work_item__plan=plan).values_list("status", flat=True):
        counts[status] += 1
    status_counts = [(ReportStatus(s).label, s, n) for s, n in counts.items()]
    return render(
        request,
        "reports/leader_home.html",
        {"nav": "leader", "plan": plan, "rows": rows, "status_counts": status_counts},
    )


def admin_home(request):
    if not can(request.user, "manage"):
        raise PermissionDenied
    return redirect(reverse("admin:index"))
