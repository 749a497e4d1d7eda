"""Login lockout (django-axes): what a locked-out username is told, who is locked now, and the
administrator's unlock."""

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.db.models import Exists, OuterRef
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from .forms import LoginForm


def username_of(request, credentials) -> str:
    """The username axes records, cut to what any account's can be: a longer one is a failed login
    like any other, not a value too long for its table."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(username)[:150]


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return _(
        "连续 %(limit)s 次密码错误，该账号已被锁定 %(minutes)s 分钟。请稍后再试，或联系系统管理员解除锁定。"
    ) % {"limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": lockout_message()}, status=403)
    context = {"form": LoginForm(request), "locked_out": lockout_message()}
    return render(request, "units/login.html", context, status=403)


def locked_out_filter() -> Exists:
    """True for a person whose username is locked out now (for annotating a User queryset)."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(
        username=OuterRef("username"),
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=since,
    )
    return Exists(attempts)


def unlock(usernames) -> int:
    """Lift the lockout of these usernames at once; returns how many were locked."""
    return sum(axes_reset(username=username) for username in usernames)
