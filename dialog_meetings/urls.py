from django.urls import path  # noqa: F401

app_name = "dialog_meetings"
urlpatterns: list = []
