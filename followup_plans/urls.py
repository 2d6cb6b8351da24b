from django.urls import path  # noqa: F401

app_name = "followup_plans"
urlpatterns: list = []
