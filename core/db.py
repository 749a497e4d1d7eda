"""Database helpers shared by the apps' services. They know no app's models."""

from django.db import models
from django.db.models.functions import RowNumber


def upsert(model: type[models.Model], lookup: dict, values: dict, *, validate: bool = True):
    """Create the row `lookup` names with `values`, or update only the fields that differ, so that
    loading the same data twice writes nothing. Returns (row, "created" | "updated" | "unchanged")."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        if validate:
            obj.full_clean()
        obj.save()
        return obj, "created"
    changed = [key for key, value in values.items() if getattr(obj, key) != value]
    if not changed:
        return obj, "unchanged"
    for key in changed:
        setattr(obj, key, values[key])
    if validate:
        obj.full_clean()
    obj.save(update_fields=changed)
    return obj, "updated"


def latest_of(queryset: models.QuerySet, *, per: list[str], order: list) -> models.QuerySet:
    """The first row of each group of `per` fields in `order` (newest first, say): the latest report of
    each item and unit, the latest figure of each target. One query (a window's ROW_NUMBER).
    Filter `queryset` before, never the result: Django applies a later filter on a plain column
    inside the window's subquery, that is before the ranking."""
    ranked = models.Window(RowNumber(), partition_by=[models.F(name) for name in per], order_by=order)
    return queryset.annotate(rank=ranked).filter(rank=1)
