from rest_framework.routers import DefaultRouter

from .views import ProgressReportViewSet

router = DefaultRouter(trailing_slash=True)
router.register("progress-reports", ProgressReportViewSet, basename="progress-report")

urlpatterns = router.urls
