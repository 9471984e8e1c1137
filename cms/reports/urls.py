from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("people/", views.people, name="people"),
    path("reach/", views.reach, name="reach"),
    path("outcomes/", views.outcomes, name="outcomes"),
    path("summary/", views.summary, name="summary"),
    path("summary.pdf", views.summary_pdf, name="summary-pdf"),
    path("exports/<id:pk>/download/", views.download, name="export-download"),
]
