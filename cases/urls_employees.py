from django.urls import path

from . import views_employees as views

app_name = "organisation"  # the organisation's employees; the pages are here because they need access
urlpatterns = [
    path("", views.employee_list, name="employee_list"),
    path("<str:pk>/", views.employee_detail, name="employee_detail"),
]
