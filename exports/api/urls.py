from django.urls import path
from rest_framework.routers import DefaultRouter

from ..documents.views import SummaryDraftView
from .views import ExportJobViewSet

router = DefaultRouter(trailing_slash=True)
router.register("exports", ExportJobViewSet, basename="export-job")

urlpatterns = [
    path("summaries/draft.docx", SummaryDraftView.as_view(), name="summary-draft-docx"),
    *router.urls,
]
