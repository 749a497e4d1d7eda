from django.urls import include, path

urlpatterns = [
    path("", include("units.api.urls")),
    path("", include("tasks.api.urls")),
    path("", include("reports.api.urls")),
]
