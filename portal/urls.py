from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _

from units.forms import LoginForm

from . import metrics, views

admin.site.site_header = _("交通运输生态环境保护工作平台 · 管理")
admin.site.site_title = _("工作平台管理")
admin.site.index_title = _("数据管理")
# the admin's "查看站点" leads back to the portal's overview
admin.site.site_url = reverse_lazy("leader-home")

handler400 = "core.errors.bad_request"
handler403 = "core.errors.permission_denied"
handler404 = "core.errors.page_not_found"
handler500 = "core.errors.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="units/login.html", authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("metrics", metrics.metrics, name="metrics"),
    path("admin/", admin.site.urls),
    path("", include("units.urls")),
    path("", include("tasks.urls")),
    path("", include("reports.urls")),
    path("", include("notices.urls")),
    path("", include("exports.urls")),
    path("api/", include("portal.api.urls")),
]
