from django.db import models


class RestrictedQuerySet(models.QuerySet):
    """A queryset that can be narrowed to what a user may see, through the one rule in units.access."""

    def restrict(self, user, action: str = "view"):
        from .access import restrict

        return restrict(self, user, action)
