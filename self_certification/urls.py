from django.urls import path

from . import views

app_name = "self_certification"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("ny/", views.new, name="new"),
    path("vurder/", views.assess, name="assess"),
    path("til-bekreftelse/", views.pending, name="pending"),
    path("hr/", views.hr_overview, name="hr_overview"),
    path("hr/regler/<str:organisation_pk>/", views.hr_policy, name="hr_policy"),
    path("hr/ansatt/<str:employee_pk>/", views.hr_employee, name="hr_employee"),
    path("hr/ansatt/<str:employee_pk>/trekk-tilbake/", views.hr_withdraw, name="hr_withdraw"),
    # Last, so the words above are never read as an id.
    path("<str:pk>/", views.detail, name="detail"),
    path("<str:pk>/endre/", views.edit, name="edit"),
    path("<str:pk>/trekk/", views.cancel, name="cancel"),
    path("<str:pk>/bekreft/", views.confirm, name="confirm"),
    path("<str:pk>/retting/", views.correction, name="correction"),
]
