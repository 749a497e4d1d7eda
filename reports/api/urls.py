from django.urls import path
from rest_framework.routers import DefaultRouter

from .dashboard import DashboardView
from .obligations import ObligationViewSet
from .targets import TargetViewSet
from .views import ProgressReportViewSet

router = DefaultRouter(trailing_slash=True)
router.register("progress-reports", ProgressReportViewSet, basename="progress-report")
router.register("obligations", ObligationViewSet, basename="obligation")
router.register("targets", TargetViewSet, basename="target")

urlpatterns = [path("dashboard/", DashboardView.as_view(), name="dashboard"), *router.urls]
