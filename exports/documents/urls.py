from django.urls import path

from . import views

urlpatterns = [
    path("summaries/draft/", views.draft_page, name="summary-draft"),
    path("summaries/final/", views.final_upload, name="summary-final"),
]
