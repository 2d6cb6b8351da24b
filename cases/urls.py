from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/samtaler/ny/", views.conversation_new, name="conversation_new"),
    path("<int:pk>/frister/<str:key>/ikke-nodvendig/", views.milestone_not_required, name="milestone_not_required"),
    path("<int:pk>/frister/<str:key>/utfort/", views.milestone_done, name="milestone_done"),
    path("<int:pk>/frister/<str:key>/gjenapne/", views.milestone_reopen, name="milestone_reopen"),
    path("<int:pk>/maksdato/", views.max_date, name="max_date"),
    path("ansatt/<str:employee_pk>/registrer/", views.period_register, name="period_register"),
    path("perioder/<str:pk>/endre/", views.period_edit, name="period_edit"),
    path("perioder/<str:pk>/slett/", views.period_delete, name="period_delete"),
]
