from django.urls import path

from . import views

urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("logg-ut-overalt/", views.sign_out_everywhere, name="sign_out_everywhere"),
    path("aktiv/", views.keep_alive, name="keep_alive"),
]
