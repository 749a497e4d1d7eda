"""Every API route, under one namespace (`api:`), so that no API name can shadow a page's name:
`{% url 'work-item-detail' %}` is the item page, `api:work-item-detail` its JSON."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from units.api.views import LogoutAllView, LogoutView, ObtainTokenView

app_name = "api"

urlpatterns = [
    path("v1/auth/token/", ObtainTokenView.as_view(), name="token"),
    path("v1/auth/logout/", LogoutView.as_view(), name="token-logout"),
    path("v1/auth/logout-all/", LogoutAllView.as_view(), name="token-logout-all"),
    path("v1/", include("units.api.urls")),
    path("v1/", include("tasks.api.urls")),
    path("v1/", include("reports.api.urls")),
    path("v1/", include("notices.api.urls")),
    path("v1/", include("exports.api.urls")),
    # for logged-in people only; Swagger UI is served from the installed drf-spectacular-sidecar,
    # its start-up script from a URL of its own (no inline script, for the Content-Security-Policy).
    # Swagger UI sets inline styles as it renders: allowed on this page only, scripts stay 'self'.
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        csp_update({"style-src": [UNSAFE_INLINE]})(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema")
        ),
        name="docs",
    ),
]
