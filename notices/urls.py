from django.urls import path

from . import views

urlpatterns = [
    path("obligations/<int:pk>/urge/", views.obligation_urge, name="obligation-urge"),
    path("notifications/", views.notice_list, name="notice-list"),
    path("notifications/read-all/", views.notices_mark_all_read, name="notice-read-all"),
    path("notifications/<int:pk>/", views.notice_open, name="notice-open"),
    path("notifications/<int:pk>/read/", views.notice_mark_read, name="notice-read"),
]
