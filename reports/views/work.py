"""A unit's work: its items with the reports it owes ("my work"), the form of a report not yet started,
(the work item's own page is views/item.py)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tasks.models import Obligation, Plan, Section, WorkItem
from tasks.periods import PeriodError, parse_period
from units.access import sees_everything

from ..choices import ObligationState, ReportAction
from ..forms import ReportForm
from ..models import ProgressReport
from ..question import plan_asked
from ..selectors import form_targets, previous_values, unit_work
from ..uploads import takes_uploads
from ..workflow import services
from ..workflow.rules import allows, may_start

STATE_FILTERS = ObligationState.choices


def plan_for(request) -> Plan:
    """The plan a page shows: `?year=` if given, else the latest; a year that is refused (or has no
    plan) is a 404 that says why."""
    return plan_asked(request.GET, user=request.user)


def my_work(request):
    """The unit's work items, grouped by section, each with the reports it owes that are open or
    current (missed months too, still reportable) and a button that opens each."""
    if request.user.unit_id is None:
        return redirect("leader-home" if sees_everything(request.user) else "home")
    plan = plan_for(request)
    rows = unit_work(unit=request.user.unit, plan=plan)
    section = request.GET.get("section", "")
    state = request.GET.get("state", "")
    if section.isdecimal():
        rows = [r for r in rows if r.item.section.number == int(section)]
    if state:
        rows = [r for r in rows if state in r.states]
    for row in rows:
        for obligation in row.obligations:
            obligation.action_url, obligation.action_label = _obligation_action(request.user, obligation)
    groups = {}
    for row in rows:
        groups.setdefault(row.item.section, []).append(row)
    context = {
        "nav": "my-work",
        "plan": plan,
        "groups": groups.items(),
        "sections": Section.objects.filter(plan=plan),
        "state_filters": STATE_FILTERS,
        "section": section,
        "state": state,
        "row_count": len(rows),
        "may_fill": may_start(request.user, request.user.unit),
    }
    template = "reports/_work_list.html" if request.headers.get("HX-Request") else "reports/my_work.html"
    return render(request, template, context)


def _obligation_action(user, obligation) -> tuple[str | None, str]:
    """Where an obligation's button leads: the new-report form, the report's form while the user may
    edit it, or the report's page. The workflow table decides (on the report as the row knows it)."""
    if obligation.report_id is None:
        if may_start(user, user.unit):
            query = urlencode({"work_item": obligation.work_item_id, "period": obligation.period})
            return f"{reverse('report-new')}?{query}", _("填报")
        return None, ""
    report = ProgressReport(
        pk=obligation.report_id,
        unit_id=obligation.unit_id,
        work_item_id=obligation.work_item_id,
        status=obligation.report_status,
    )
    if allows(user, ReportAction.SAVE, report):
        return reverse("report-edit", args=[report.pk]), _("继续填报")
    return reverse("report-detail", args=[report.pk]), _("查看")


@takes_uploads
def report_new(request):
    """The form for a report the unit owes and has not started: nothing is stored until the first
    save (or save and submit), which creates the report with its content."""
    unit = request.user.unit
    if not may_start(request.user, unit):
        raise PermissionDenied(_("只有本单位填报人可以填报进展。"))
    work_item = get_object_or_404(
        WorkItem.objects.restrict(request.user).select_related("plan"), pk=_int(request.GET.get("work_item"))
    )
    try:
        period = parse_period(request.GET.get("period", ""))
    except PeriodError as exc:
        raise Http404(str(exc)) from exc
    existing = ProgressReport.objects.filter(work_item=work_item, unit=unit, period=period.key).first()
    if existing is not None:
        return redirect("report-edit", pk=existing.pk)
    obligation = Obligation.objects.filter(work_item=work_item, unit=unit, period=period.key).first()
    if obligation is None:
        messages.error(
            request,
            _("本单位无需报送第 %(n)s 项任务的“%(title)s”。")
            % {"n": work_item.number, "title": period.report_title},
        )
        return redirect("my-work")
    report = ProgressReport(
        work_item=work_item, unit=unit, period=period.key, period_end=period.end, version=0
    )
    targets, scopes = form_targets(unit_id=unit.pk, work_item=work_item)
    previous = previous_values(unit_id=unit.pk, targets=targets, before=period.end)
    form_kwargs = {
        "targets": targets,
        "scopes": scopes,
        "previous": previous,
        "summary_kind": report.kind_label if report.is_summary else None,
    }
    if request.method == "POST":
        form = ReportForm(
            request.POST, request.FILES, refused_file_names=request.refused_file_names, **form_kwargs
        )
        if form.is_valid():
            submit = request.POST.get("action") == "submit"
            try:
                created = services.report_start(
                    user=request.user,
                    work_item=work_item,
                    unit=unit,
                    period=period.key,
                    submit=submit,
                    uploads=form.cleaned_data["attachments"],
                    **form.content(),
                )
            except services.ReportConflict as exc:
                messages.warning(request, _("同事已开始填写这份报告，请在其基础上继续；您输入的内容未保存。"))
                return redirect("report-edit", pk=exc.current.pk)
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(
                    request, _("报告已提交，等待单位负责人审核。") if submit else _("草稿已保存。")
                )
                return redirect("report-detail" if submit else "report-edit", pk=created.pk)
        # nothing was saved: the files chosen are not on the page any more
        form.add_unsaved_files_error([upload.name for upload in request.FILES.getlist("attachments")])
    else:
        form = ReportForm(initial={"version": 0}, **form_kwargs)
    context = {
        "nav": "my-work",
        "report": report,
        "form": form,
        "due": obligation.due_date,
        "conflict": None,
        "last_return": None,
        "conflict_values": [],
    }
    return render(request, "reports/report_form.html", context)


def _int(value) -> int:
    return int(value) if value and value.isdecimal() and len(value) < 19 else 0
