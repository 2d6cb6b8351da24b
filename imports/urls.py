from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("mal.csv", views.example_file, name="example_file"),
    path("<int:pk>/", views.preview, name="preview"),
    path("<int:pk>/bekreft/", views.confirm, name="confirm"),
    path("<int:pk>/framdrift/", views.progress, name="progress"),
    path("<int:pk>/forkast/", views.discard, name="discard"),
]
