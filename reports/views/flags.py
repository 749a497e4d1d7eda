"""Plausibility flags (数据疑点) on the pages: a reviewer marks one explained from the report's page;
the list behind the overview's count."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tasks.models import Obligation

from ..dashboard.flags import open_flags
from ..flag import Flag
from ..question import read_question
from ..workflow.flags import flag_explain
from ..workflow.rules import ReportStateError


@require_POST
def flag_explain_view(request, pk, flag_pk):
    flag = get_object_or_404(
        Flag.objects.restrict(request.user).select_related("report", "target"), pk=flag_pk, report_id=pk
    )
    try:
        flag_explain(flag=flag, user=request.user, comment=request.POST.get("comment", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.message_dict.get("comment", exc.messages)))
    except ReportStateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已标记为已核实，核实说明已记入历史记录。"))
    return redirect("report-detail", pk=pk)


def flag_list(request):
    """数据疑点: what the overview's count stands for, row by row, as of its date."""
    question = read_question(request.GET, user=request.user)
    owed = Obligation.objects.restrict(request.user).filter(plan=question.plan)
    rows = open_flags(
        user=request.user,
        plan=question.plan,
        as_of=question.as_of,
        obligations=owed,
    )
    context = {
        "nav": "leader",
        "plan": question.plan,
        "as_of": question.as_of,
        "question": question,
        "rows": rows,
    }
    return render(request, "reports/flag_list.html", context)
