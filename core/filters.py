"""Filters shared by every app's pages and API (django-filter FilterSets)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

# The largest value of a signed 64-bit column: the ids of BigAutoField, the project's default.
MAX_ID = 2**63 - 1


class IdField(forms.IntegerField):
    """A record's id typed into a filter: a positive whole number that a bigint column can hold.

    A larger number is refused here rather than sent to the database, where SQLite raises
    OverflowError and PostgreSQL may refuse it: either would be a server error."""

    default_error_messages = {
        "invalid": _("请输入正整数 id。"),
        "min_value": _("id 须为正整数。"),
        "max_value": _("id 过大，不能超过 %(limit_value)s。"),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class IdFilter(django_filters.Filter):
    """Filter by a record's id (a foreign key such as `unit_id`). A value that is no valid id is the
    filter's validation error: the API answers 400 with the field's message, a page lists nothing and
    shows the message."""

    field_class = IdField
