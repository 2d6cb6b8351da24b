from django.urls import path

from . import views

# Mounted at /hr/; the HR start page itself (the deadline dashboard) is `hr_start` at /hr/.
app_name = "hr"
urlpatterns = [
    path("frister/eksport.<str:fmt>", views.dashboard_export, name="dashboard_export"),
    path("etterlevelse/", views.compliance, name="compliance"),
    path("statistikk/", views.statistics, name="statistics"),
    path("statistikk/eksport.<str:fmt>", views.statistics_export, name="statistics_export"),
    path("rutine/", views.routine_list, name="routine"),
    path("rutine/nytt-steg/", views.routine_step_new, name="routine_step_new"),
    path("rutine/<int:pk>/endre/", views.routine_step_edit, name="routine_step_edit"),
    path("rutine/<int:pk>/bruk/", views.routine_step_toggle, name="routine_step_toggle"),
    path("kvalitet/", views.quality_list, name="quality"),
    path("kvalitet/ny/", views.quality_new, name="quality_new"),
    path("kvalitet/<int:pk>/", views.quality_round, name="quality_round"),
]
