from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from reports.choices import ObligationState, ReportStatus
from reports.figures.status import LIGHT, RULES, Status

register = template.Library()


@register.simple_tag
def status_badge(status: str):
    label = _("未开始") if status == "not_started" else ReportStatus(status).label
    return format_html(
        '<span class="badge status-badge status-{}" data-status="{}">{}</span>', status, status, label
    )


@register.simple_tag
def obligation_badge(state: str):
    return format_html(
        '<span class="badge status-badge obligation-{}" data-state="{}">{}</span>',
        state,
        state,
        ObligationState(state).label,
    )


@register.simple_tag
def status_light(status: str):
    """A status light (红黄绿灯) with its label; hovering shows the rule that gives it."""
    status = Status(status)
    return format_html(
        '<span class="light light-{}" data-light="{}" title="{}"><span class="light-dot" aria-hidden="true"></span>{}</span>',
        LIGHT[status],
        status.value,
        RULES[status],
        status.label,
    )


@register.filter
def num(value):
    """12.50 → 12.5, 3087.00 → 3087; empty stays empty."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        value = Decimal(value)
    return f"{value.normalize():f}"


@register.filter
def widget(field):
    """Render a form field's widget; with errors, mark it invalid and point it at its messages so
    that screen readers read them with the field."""
    if not field.errors:
        return field.as_widget()
    classes = field.field.widget.attrs.get("class", "")
    return field.as_widget(
        attrs={
            "class": f"{classes} is-invalid".strip(),
            "aria-invalid": "true",
            "aria-describedby": f"{field.html_name}-errors",
        }
    )


# what each obligation state shows in the unit × item grid (with its label on hover and in the key)
GRID_MARKS = {
    ObligationState.APPROVED: "✓",
    ObligationState.SUBMITTED: "✓",
    ObligationState.SUBMITTED_LATE: "迟",
    ObligationState.RETURNED: "退",
    ObligationState.OVERDUE: "✗",
    ObligationState.DUE_SOON: "…",
    ObligationState.NOT_DUE: "·",
}


@register.filter
def grid_mark(state: str) -> str:
    return GRID_MARKS.get(state, "")


@register.filter
def state_label(state: str) -> str:
    return ObligationState(state).label


@register.simple_tag
def grid_cell(cells: dict, key):
    """The state in a grid row's cell for `key` (an item id), or ""."""
    return cells.get(key, "")


@register.simple_tag
def value_at(values, index: int):
    """The `index`-th of a list (a period's figure in a table of figures by period)."""
    return values[index] if 0 <= index < len(values) else None
