"""Pagination for lists that may grow large: the count stops at a ceiling, so a page of fifty costs
the same whether the table holds a thousand rows or a million."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_CEILING = 10_000


class CappedPaginator(Paginator):
    """Counts rows up to `ceiling` (a `LIMIT` inside the count); beyond it the count reads as the
    ceiling and `capped` is true, so a page shows "第 n 页，共 1 万条以上" rather than scanning the
    table for an exact figure. Pages go on to the ceiling; narrowing the filters reaches the rest."""

    def __init__(self, object_list, per_page, ceiling: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.ceiling = COUNT_CEILING if ceiling is None else ceiling

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, list):
            return min(len(self.object_list), self.ceiling + 1)
        return self.object_list[: self.ceiling + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.ceiling
