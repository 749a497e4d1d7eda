"""Who may call the API at all. *What* a caller sees is decided by `Model.objects.restrict(user)` in
each endpoint's queryset, and whether they may change an object by `units.access.can` in the
services; both live in units/access.py."""

from rest_framework.permissions import BasePermission


class IsPortalUser(BasePermission):
    """A logged-in, active person. The plan (units, plans, work items ...) is the department's
    published document: every such person may read it. Without credentials the answer is 401."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_active)
