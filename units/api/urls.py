from django.urls import path
from rest_framework.routers import DefaultRouter

from .views import ObtainTokenView, UnitViewSet

router = DefaultRouter()
router.register("units", UnitViewSet, basename="unit")

urlpatterns = [path("auth/token/", ObtainTokenView.as_view(), name="api-token"), *router.urls]
