from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("employees", views.EmployeeViewSet, basename="employee")
router.register("units", views.UnitViewSet, basename="unit")
router.register("cases", views.CaseViewSet, basename="case")
router.register("periods", views.PeriodViewSet, basename="period")

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("v1/", include(router.urls)),
    re_path(r"^(?P<path>[\s\S]*)$", views.not_found),  # any character, newlines too
]
