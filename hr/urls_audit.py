from django.urls import path

from . import views_audit as views

app_name = "audit"  # the audit log page; here, above cases, because it needs access
urlpatterns = [path("", views.event_search, name="search")]
