from django.urls import include, path

from units.api.views import ObtainTokenView

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("", include("units.api.urls")),
    path("", include("tasks.api.urls")),
    path("", include("reports.api.urls")),
]
