"""The API's pagination: limit/offset with a ceiling, and a number too large for the database read as
the ceiling rather than passed on to it."""

from rest_framework.pagination import LimitOffsetPagination


class PortalPagination(LimitOffsetPagination):
    default_limit = 100
    max_limit = 1000  # `?limit=99999999` answers 1,000 rows, with `next` for the rest
    MAX_OFFSET = 2**62  # past any table: a larger offset would overflow the database's bigint

    def get_offset(self, request):
        return min(super().get_offset(request), self.MAX_OFFSET)
