from django.urls import path

from . import views

urlpatterns = [
    path("my-work/", views.my_work, name="my-work"),
    path("review/", views.review_queue_view, name="review-queue"),
    path("overview/", views.leader_home, name="leader-home"),
    path("manage/", views.admin_home, name="admin-home"),
    path("reports/", views.report_index, name="report-list"),
    path("reports/start/", views.report_start, name="report-start"),
    path("reports/<int:pk>/", views.report_detail_view, name="report-detail"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report-edit"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report-submit"),
    path("reports/<int:pk>/review/", views.report_review, name="report-review"),
    path("reports/<int:pk>/correct/", views.report_correct, name="report-correct"),
    path(
        "reports/<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment-download",
    ),
    path(
        "reports/<int:pk>/attachments/<int:attachment_pk>/delete/",
        views.attachment_delete,
        name="attachment-delete",
    ),
]
