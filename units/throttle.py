"""Failed logins counted per address, alongside django-axes' lockout per username: one address that
keeps failing (guessing passwords, or locking other people's accounts on purpose) is refused for a
while, with the same answer as any failed login, on the login page, the admin's and the token
endpoint alike. The count lives in the cache (shared by every server process); without a reachable
cache there is no throttle, and the per-username lockout still holds."""

import logging

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

log = logging.getLogger(__name__)


def _key(request) -> str | None:
    """The client's address as django-axes reads it (behind the proxy: from X-Forwarded-For)."""
    from axes.helpers import get_client_ip_address

    address = get_client_ip_address(request) if request is not None else None
    return f"login-failures:{address}" if address else None


def address_throttled(request) -> bool:
    key = _key(request)
    if key is None:
        return False
    try:
        return (cache.get(key) or 0) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT
    except Exception:
        return False


@receiver(user_login_failed, dispatch_uid="units-throttle-count")
def _count_failure(sender, credentials=None, request=None, **kwargs):
    key = _key(request)
    if key is None:
        return
    try:
        cache.add(key, 0, settings.LOGIN_ADDRESS_WINDOW_SECONDS)
        cache.incr(key)
    except Exception:
        log.warning("cache unreachable: failed logins are not counted per address")


class AddressThrottleBackend:
    """First of the authentication backends: an address over its limit is refused before any
    password is checked (PermissionDenied stops Django's authenticate() at once)."""

    def authenticate(self, request, **credentials):
        if address_throttled(request):
            log.warning("login refused: too many failures from %s", _key(request))
            raise PermissionDenied
        return None  # no get_user: it never logs anyone in, so no session names it
