from django.urls import path

from . import views

app_name = "nav"

urlpatterns = [
    path("", views.integration_list, name="integrations"),
    path("enhet/<int:unit_pk>/av-pa/", views.integration_toggle, name="integration_toggle"),
    path("enhet/<int:unit_pk>/test/", views.integration_test, name="integration_test"),
    path("enhet/<int:unit_pk>/hent/", views.integration_fetch, name="integration_fetch"),
    path("sykmelding/<int:pk>/prov-igjen/", views.sick_note_retry, name="sick_note_retry"),
    path("naermeste-leder/behov/<int:pk>/svar/", views.requirement_answer, name="requirement_answer"),
    path("naermeste-leder/<int:pk>/prov-igjen/", views.leader_retry, name="leader_retry"),
    path("saker/<int:case_pk>/dokument/<int:pk>/", views.document_pdf, name="document_pdf"),
    path("saker/<int:case_pk>/dokument/<int:pk>/dato/", views.document_confirm, name="document_confirm"),
    path("saker/<int:case_pk>/plan/<int:plan_pk>/v<int:number>/send/", views.plan_send, name="plan_send"),
    path("saker/<int:case_pk>/plan/<int:plan_pk>/v<int:number>/status/", views.plan_status, name="plan_status"),
]
