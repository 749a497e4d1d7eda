"""The dashboard (总览): where the year's items, targets and units stand on a date. Leaders and
administrators see everything; a unit's people see their own unit's rows."""

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from units.access import may_urge, sees_everything

from ..choices import GRID_STATES, ObligationState
from ..dashboard import dashboard, kept
from ..dashboard.charts import overview_charts
from ..figures.status import LIGHT, PROGRESS_RULE, RULES, Status
from ..question import read_question

# the grid's key: the states a cell can show
GRID_KEY = [(s, ObligationState(s).label) for s in GRID_STATES]


def board_html(user, question) -> str:
    """The overview's board for the question: kept in the cache for leaders and administrators
    (reports.dashboard.kept), so that the background warm-up (reports.warm) and a leader share it."""
    plan, as_of, status = question.plan, question.as_of, question.status

    def build():
        board = dashboard(user=user, plan=plan, as_of=as_of)
        shown = [row for row in board.items if not status or row.status == status]
        sections = {}
        for row in shown:
            sections.setdefault(row.item.section, []).append(row)
        return render_to_string(
            "reports/_leader_board.html",
            {
                "plan": plan,
                "board": board,
                "status": status,
                "sections": sorted(sections.items(), key=lambda s: s[0].number),
                "charts": overview_charts(board),
                "grid_key": GRID_KEY,
                "show_ranking": sees_everything(user),
                "can_urge": may_urge(user),
                "rules": [(LIGHT[s], Status(s).label, RULES[s]) for s in Status],
                "progress_rule": PROGRESS_RULE,
            },
        )

    return kept(user=user, key=("page", plan.pk, as_of, status), compute=build)


def leader_home(request):
    question = read_question(request.GET, user=request.user)
    html = board_html(request.user, question)
    context = {"plan": question.plan, "as_of": question.as_of, "question": question}
    return render(
        request, "reports/leader_home.html", {"nav": "leader", **context, "board_html": mark_safe(html)}
    )
