from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("learn/", views.dashboard, name="dashboard"),
    path("learn/lessons/<id:pk>/complete/", views.complete_lesson, name="complete_lesson"),
    path("learn/lessons/<id:pk>/quiz/", views.submit_quiz, name="submit_quiz"),
    path("learn/activities/<uuid:key>/", views.activity, name="activity"),
    path("learn/lessons/<id:pk>/package/runtime/", views.package_runtime, name="package_runtime"),
    path("learn/lessons/<id:pk>/package/files/<path:name>", views.package_file, name="package_file"),
    path("learn/cmi5/fetch/<str:code>/", views.cmi5_fetch, name="cmi5_fetch"),
    path("learn/cmi5/statements", views.cmi5_statements, name="cmi5_statements"),
    path("learn/cmi5/activities/state", views.cmi5_state, name="cmi5_state"),
    path("certificates/", views.verify_certificate, name="verify_certificate"),
    path("certificates/<str:code>/", views.certificate, name="certificate"),
    path("certificates/<str:code>/pdf/", views.certificate_pdf, name="certificate_pdf"),
]
