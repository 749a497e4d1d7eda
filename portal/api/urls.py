"""Every API route, under one namespace (`api:`), so that no API name can shadow a page's name:
`{% url 'work-item-detail' %}` is the item page, `api:work-item-detail` its JSON."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from units.api.views import ObtainTokenView

app_name = "api"

urlpatterns = [
    path("v1/auth/token/", ObtainTokenView.as_view(), name="token"),
    path("v1/", include("units.api.urls")),
    path("v1/", include("tasks.api.urls")),
    path("v1/", include("reports.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
]
