from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from reports.choices import ObligationState, ReportStatus

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
