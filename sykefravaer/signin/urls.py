from django.conf import settings
from django.urls import path

from . import views

urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("logg-ut-overalt/", views.sign_out_everywhere, name="sign_out_everywhere"),
    path("aktiv/", views.keep_alive, name="keep_alive"),
]

if not settings.LOCAL_LOGIN:
    # Single sign-on only: no password to reset, change or set (allauth's own views answer otherwise).
    urlpatterns += [path(f"password/{what}/", views.no_local_login) for what in ("reset", "change", "set")]
