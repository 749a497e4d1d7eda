from rest_framework.routers import DefaultRouter

from .views import PlanViewSet, WorkItemViewSet

router = DefaultRouter()
router.register("plans", PlanViewSet, basename="plan")
router.register("work-items", WorkItemViewSet, basename="work-item")

urlpatterns = router.urls
