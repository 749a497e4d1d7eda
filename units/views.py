import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import NoticeSettingsForm, PortalPasswordChangeForm
from .middleware import SessionIdleMiddleware


class PasswordChangeView(auth_views.PasswordChangeView):
    """Everyone changes their own password here (the top bar links to it). The session stays logged
    in; every other session and every API token of the person ends."""

    form_class = PortalPasswordChangeForm
    template_name = "units/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("密码已修改。其他设备上的登录和接口令牌已失效。"))
        return response


def notice_settings(request):
    """Each person chooses whether notices also reach their e-mail (in-app notices always come)."""
    form = NoticeSettingsForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("通知设置已保存。"))
        return redirect("notice-settings")
    return render(request, "units/notice_settings.html", {"form": form})


@require_POST
def session_keepalive(request):
    """“继续保持登录”: the idle clock starts again, as any request would; the page's warning asks for it
    before the session ends, so that nobody loses a half-written report to the idle timeout."""
    request.session[SessionIdleMiddleware.key] = int(time.time())
    return JsonResponse({"idle_seconds": settings.SESSION_COOKIE_AGE})
