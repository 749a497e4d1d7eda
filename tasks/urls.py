from django.urls import path

from . import views

urlpatterns = [
    path("plan/", views.plan_detail, name="plan-detail"),
    path("plan/<int:year>/", views.plan_detail, name="plan-year"),
    path("plan/import/", views.plan_import_page, name="plan-import"),
]
