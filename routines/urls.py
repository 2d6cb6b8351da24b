from django.urls import path

from . import views

app_name = "routines"

urlpatterns = [
    path("maksdatobrev/", views.letter_list, name="letters"),
    path("sak/<int:case_pk>/maksdatobrev/", views.letter, name="letter"),
    path("sak/<int:case_pk>/maksdatobrev.pdf", views.letter_pdf, name="letter_pdf"),
    path("vanskelige-saker/", views.flag_list, name="flags"),
    path("innstillinger/", views.settings_edit, name="settings"),
    path("<str:routine>/bruk/", views.toggle, name="toggle"),
    path("sak/<int:case_pk>/bht/", views.bht_involvement, name="bht_involvement"),
    path("sak/<int:case_pk>/bht/inviter/", views.bht_invite, name="bht_invite"),
]
