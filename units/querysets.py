from django.db import models


class RestrictedQuerySet(models.QuerySet):
    """A queryset that can be narrowed to what a user may see, through the one entry point in
    units.access. Each model says what a unit member sees by overriding `for_unit_member`; by default
    they see nothing."""

    public = False

    def restrict(self, user):
        from .access import restrict

        return restrict(self, user)

    def for_unit_member(self, user):
        """Rows a member of `user.unit` may see. Default: none."""
        return self.none()

    def for_leader(self, user):
        """Rows a department leader may see. Default: all."""
        return self


class OwnedQuerySet(RestrictedQuerySet):
    """Rows that belong to one person (their notices, their exports): each person sees their own, and
    an administrator sees all. `owner_field` names the person."""

    owner_field = "user"

    def for_unit_member(self, user):
        return self.filter(**{self.owner_field: user})

    def for_leader(self, user):
        return self.filter(**{self.owner_field: user})


class PublicQuerySet(RestrictedQuerySet):
    """Rows every logged-in, active person may read: the published plan and the unit roster."""

    public = True


class UserQuerySet(RestrictedQuerySet):
    def for_unit_member(self, user):
        """The people of one's own unit."""
        return self.filter(unit_id=user.unit_id)
