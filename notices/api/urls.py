from django.urls import path
from rest_framework.routers import DefaultRouter

from .views import NoticeViewSet, ObligationUrgeView

router = DefaultRouter(trailing_slash=True)
router.register("notifications", NoticeViewSet, basename="notification")

urlpatterns = [
    path("obligations/<int:pk>/urge/", ObligationUrgeView.as_view(), name="obligation-urge"),
    *router.urls,
]
