from django.urls import path

from .views import fill, fill_template, flags, item, lists, overview, report, units, work

urlpatterns = [
    path("my-work/", work.my_work, name="my-work"),
    path("items/<int:pk>/", item.work_item_detail, name="work-item-detail"),
    path("review/", lists.review_queue_view, name="review-queue"),
    path("overview/", overview.leader_home, name="leader-home"),
    path("obligations/", lists.obligation_index, name="obligation-list"),
    path("flags/", flags.flag_list, name="flag-list"),
    path("units/", units.unit_ranking, name="unit-ranking"),
    path("units/<slug:code>/", units.unit_detail, name="unit-detail"),
    path("reports/", lists.report_index, name="report-list"),
    path("reports/new/", work.report_new, name="report-new"),
    path("reports/template.xlsx", fill_template.TemplateDownloadView.as_view(), name="template-download"),
    path("reports/fill-in/", fill.fill_in, name="fill-in"),
    path("reports/fill-in/confirm/", fill.fill_in_confirm, name="fill-in-confirm"),
    path("reports/<int:pk>/", report.report_detail_view, name="report-detail"),
    path("reports/<int:pk>/edit/", report.report_edit, name="report-edit"),
    path("reports/<int:pk>/submit/", report.report_submit, name="report-submit"),
    path("reports/<int:pk>/review/", report.report_review, name="report-review"),
    path("reports/<int:pk>/correct/", report.report_correct, name="report-correct"),
    path("reports/<int:pk>/flags/<int:flag_pk>/explain/", flags.flag_explain_view, name="flag-explain"),
    path(
        "reports/<int:pk>/attachments/<int:attachment_pk>/",
        report.attachment_download,
        name="attachment-download",
    ),
    path(
        "reports/<int:pk>/attachments/<int:attachment_pk>/delete/",
        report.attachment_delete,
        name="attachment-delete",
    ),
]
