import time

from django.contrib import messages
from django.contrib.auth.middleware import LoginRequiredMiddleware as BaseLoginRequiredMiddleware
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from core.errors import error_response


class LoginRequiredMiddleware(BaseLoginRequiredMiddleware):
    """Anonymous visitors to any page land on the login page. The API answers 401/403 itself (its
    docs page is a page, for people who are logged in), and the health check stays open for load
    balancers."""

    open_prefixes = ("/api/v1/", "/api/schema/", "/healthz", "/static/")
    # API views are marked as needing no login; the docs page is a page all the same
    page_prefixes = ("/api/docs/",)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(self.page_prefixes) and not request.user.is_authenticated:
            return self.handle_no_permission(request, view_func)
        if request.path.startswith(self.open_prefixes):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)

    def handle_no_permission(self, request, view_func):
        """A form sent after the session ended (the idle timeout) is not saved: the login page says
        so, and the page the form was on keeps what was typed in the browser to offer it back."""
        response = super().handle_no_permission(request, view_func)
        if request.method == "POST":
            response["Location"] += "&unsaved=1"
        return response


class PasswordChangeRequiredMiddleware:
    """A person whose account an administrator created or reset changes the password before anything
    else: every page leads to the password change page until they have."""

    allowed_names = ("password-change", "logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if not (user and user.is_authenticated and user.must_change_password):
            return None
        match = request.resolver_match
        if request.path.startswith("/static/") or (match and match.url_name in self.allowed_names):
            return None
        if request.path.startswith(("/api/v1/", "/api/schema/")):
            return error_response(request, 403, _("请先登录平台修改管理员设置的初始密码。"))
        messages.warning(request, _("这是管理员为您设置的初始密码，请先修改密码再继续使用平台。"))
        return redirect(reverse("password-change"))


class SessionIdleMiddleware:
    """The session ends after SESSION_COOKIE_AGE seconds without a request (an idle timeout). Each
    request that comes more than a minute after the last recorded one moves the end forward, so that
    the session is written at most once a minute, not on every page."""

    key = "_last_seen"
    resolution = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.session_key and session.get(self.key) is not None:
            now = int(time.time())
            if now - session[self.key] >= self.resolution:
                session[self.key] = now  # a modified session is saved with a new expiry
        return self.get_response(request)


@receiver(user_logged_in)
def _start_idle_clock(sender, request, user, **kwargs):
    if hasattr(request, "session"):
        request.session[SessionIdleMiddleware.key] = int(time.time())
