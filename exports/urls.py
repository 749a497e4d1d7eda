from django.urls import include, path

from . import views

urlpatterns = [
    path("reports/export/summary.xlsx", views.SummaryExportView.as_view(), name="summary-export"),
    path("reports/export/details.csv", views.DetailsCsvView.as_view(), name="details-csv"),
    path("reports/exports/<int:pk>/", views.export_job_page, name="export-job"),
    path("", include("exports.documents.urls")),
]
