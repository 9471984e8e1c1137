from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("learn/", views.dashboard, name="dashboard"),
    path("learn/lessons/<id:pk>/complete/", views.complete_lesson, name="complete_lesson"),
    path("learn/lessons/<id:pk>/quiz/", views.submit_quiz, name="submit_quiz"),
    path("certificates/", views.verify_certificate, name="verify_certificate"),
    path("certificates/<str:code>/", views.certificate, name="certificate"),
    path("certificates/<str:code>/pdf/", views.certificate_pdf, name="certificate_pdf"),
]
