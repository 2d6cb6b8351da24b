from django.urls import path

from . import views

app_name = "reminders"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/lest/", views.notification_read, name="read"),
    path("alle-lest/", views.notification_read_all, name="read_all"),
    path("innstillinger/", views.preferences, name="preferences"),
]
