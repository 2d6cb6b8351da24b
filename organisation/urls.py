from django.urls import path

from . import views

app_name = "organisation"
urlpatterns = [
    path("", views.employee_list, name="employee_list"),
    path("<str:pk>/", views.employee_detail, name="employee_detail"),
]
