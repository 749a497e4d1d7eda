"""The bell's page (通知) and 催办. Everyone reads only their own notices; only leaders and
administrators urge (notices.urges checks)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reports.obligations import may_urge_obligation
from tasks.models import Obligation
from units.access import may_urge

from .inbox import notice_read, notices_of, notices_read_all
from .models import Urge
from .urges import obligation_state_today, urge_create

NOTICES_PER_PAGE = 20


def notice_list(request):
    unread = request.GET.get("unread") == "1"
    notices = notices_of(request.user)
    if unread:
        notices = notices.filter(read_at__isnull=True)
    page = Paginator(notices, NOTICES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "notices/notices.html",
        {"nav": "notices", "page": page, "unread": unread, "query": "unread=1" if unread else ""},
    )


def notice_open(request, pk):
    """Open a notice: it is read, and the page it is about opens."""
    notice = get_object_or_404(notices_of(request.user), pk=pk)
    notice_read(user=request.user, notice=notice)
    safe = url_has_allowed_host_and_scheme(notice.link, allowed_hosts={request.get_host()})
    return redirect(notice.link if notice.link and safe else "notice-list")


@require_POST
def notice_mark_read(request, pk):
    notice = get_object_or_404(notices_of(request.user), pk=pk)
    notice_read(user=request.user, notice=notice)
    return redirect("notice-list")


@require_POST
def notices_mark_all_read(request):
    count = notices_read_all(user=request.user)
    messages.success(request, _("已将 %(n)s 条通知标为已读。") % {"n": count})
    return redirect("notice-list")


def obligation_urge(request, pk):
    """催办 an overdue obligation: what it is, who urged it before, and a note to add."""
    if not may_urge(request.user):
        raise PermissionDenied(_("只有厅领导和系统管理员可以催办。"))
    obligation = get_object_or_404(
        Obligation.objects.restrict(request.user).select_related("unit", "work_item"), pk=pk
    )
    errors = {}
    note = ""
    if request.method == "POST":
        note = request.POST.get("note", "")
        try:
            urge_create(user=request.user, obligation=obligation, note=note)
        except ValidationError as exc:
            errors = exc.message_dict
        else:
            messages.success(
                request,
                _("已催办%(unit)s：%(n)s号任务 %(period)s。")
                % {
                    "unit": obligation.unit.short_name,
                    "n": obligation.work_item.number,
                    "period": obligation.period_label,
                },
            )
            return redirect(f"{request.path}")
    return render(
        request,
        "notices/urge.html",
        {
            "obligation": obligation,
            "overdue": may_urge_obligation(request.user, obligation_state_today(obligation)),
            "urges": Urge.objects.filter(obligation=obligation).select_related("by"),
            "note": note,
            "errors": errors,
        },
    )
