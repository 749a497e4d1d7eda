from django.urls import path

from . import views

urlpatterns = [
    path("account/password/", views.PasswordChangeView.as_view(), name="password-change"),
    path("account/notices/", views.notice_settings, name="notice-settings"),
    path("account/keepalive/", views.session_keepalive, name="session-keepalive"),
]
