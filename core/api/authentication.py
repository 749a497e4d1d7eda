"""Session authentication for the API as the portal's own pages use it, with the CSRF refusal said
in Chinese (DRF's own says "CSRF Failed: …")."""

from django.utils.translation import gettext as _
from drf_spectacular.authentication import SessionScheme
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication


class PortalSessionAuthentication(SessionAuthentication):
    def enforce_csrf(self, request):
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied as exc:
            raise exceptions.PermissionDenied(
                _(
                    "CSRF 校验失败：请求缺少有效的 CSRF 令牌（%(reason)s）。请刷新页面后重试；脚本请改用接口令牌（Token）。"
                )
                % {"reason": str(exc.detail).removeprefix("CSRF Failed: ")}
            ) from exc


class PortalSessionScheme(SessionScheme):
    """The API docs describe it as the session cookie it is."""

    target_class = "core.api.authentication.PortalSessionAuthentication"
