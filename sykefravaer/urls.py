from django.contrib import admin
from django.urls import include, path, re_path

from hr import views as hr_views

from . import views, views_innsyn

urlpatterns = [
    path("", views.home, name="home"),
    path("leder/", views.manager_start, name="manager_start"),
    path("hr/", hr_views.dashboard, name="hr_start"),
    path("min-side/", views.employee_start, name="employee_start"),
    path("min-side/mine-data/", views_innsyn.my_data, name="my_data"),
    re_path(r"^min-side/mine-data\.(?P<fmt>json|pdf)$", views_innsyn.my_data_download, name="my_data_download"),
    path("sprak/", views.set_language, name="set_language"),
    path("health/", views.health, name="health"),
    path("ansatte/", include("cases.urls_employees")),
    path("logg/", include("hr.urls_audit")),
    path("saker/", include("cases.urls")),
    path("saker/<int:case_pk>/plan/", include("followup_plans.urls")),
    path("tiltaksmaler/", include("followup_plans.urls_templates")),
    path("saker/<int:case_pk>/moter/", include("dialog_meetings.urls")),
    path("egenmelding/", include("self_certification.urls")),
    path("varsler/", include("reminders.urls")),
    path("hr/", include("hr.urls")),
    path("rutiner/", include("routines.urls")),
    path("import/", include("imports.urls")),
    path("nav/", include("nav.urls")),
    path("api/", include("api.urls")),
    path("konto/", include("sykefravaer.signin.urls")),
    path("konto/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "sykefravaer.errors.permission_denied"
handler404 = "sykefravaer.errors.page_not_found"
handler500 = "sykefravaer.errors.server_error"
