from django.urls import path

from . import views_drafting

# HR's list of common adjustments (tiltaksmaler), mounted at /tiltaksmaler/.
app_name = "measure_templates"
urlpatterns = [
    path("", views_drafting.template_list, name="list"),
    path("ny/", views_drafting.template_edit, name="add"),
    path("<int:template_pk>/", views_drafting.template_edit, name="edit"),
]
