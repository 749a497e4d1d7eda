"""Model permissions that come with a role (units/roles.py), so that no group or permission row has
to be kept in step with the role a person is given."""

from .roles import role_permissions


class RolePermissionBackend:
    def authenticate(self, request, **credentials):
        return None

    def get_user(self, user_id):
        return None

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        return set(role_permissions(user_obj)) if obj is None else set()

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return obj is None and perm in role_permissions(user_obj)

    def has_module_perms(self, user_obj, app_label) -> bool:
        return any(perm.startswith(f"{app_label}.") for perm in role_permissions(user_obj))
