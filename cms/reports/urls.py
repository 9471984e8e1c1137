from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("people/", views.people, name="people"),
    path("reach/", views.reach, name="reach"),
    path("exports/<id:pk>/download/", views.download, name="export-download"),
]
