from django.urls import path

from . import views
from .sessions import views as session_views

app_name = "learning"

urlpatterns = [
    path("learn/", views.dashboard, name="dashboard"),
    path("learn/lessons/<id:pk>/complete/", views.complete_lesson, name="complete_lesson"),
    path("learn/lessons/<id:pk>/quiz/", views.submit_quiz, name="submit_quiz"),
    path("certificates/", views.verify_certificate, name="verify_certificate"),
    path("certificates/<str:code>/", views.certificate, name="certificate"),
    # Sessions (the pages themselves are Wagtail pages under the session overview).
    path("session/", session_views.overview, name="sessions"),
    path("session/<id:pk>/register/", session_views.register, name="session_register"),
    path("session/<id:pk>/cancel/", session_views.cancel, name="session_cancel"),
    path("session/<id:pk>/feedback/", session_views.feedback, name="session_feedback"),
    path("session/<id:pk>/session.ics", session_views.session_ics, name="session_ics"),
    path("session/<id:pk>/check-in/", session_views.check_in_list, name="check_in_list"),
    path("session/<id:pk>/check-in/record/", session_views.check_in, name="check_in"),
    path("session/<id:pk>/check-in/scan/", session_views.scan, name="check_in_scan"),
    path("session/<id:pk>/action-items/", session_views.add_action_item, name="add_action_item"),
    path(
        "session/<id:pk>/action-items/<id:item_pk>/evaluate/",
        session_views.evaluate_action_item,
        name="evaluate_action_item",
    ),
    path("session/<id:pk>/stories/", session_views.add_story, name="add_story"),
    path("session/attendance/", session_views.attendance, name="attendance"),
    path("session/qr/<str:code>.svg", session_views.registration_qr, name="registration_qr"),
    path("calendar/", session_views.my_calendar, name="my_calendar"),
    path("calendar/revoke/", session_views.revoke_feed, name="revoke_feed"),
    path("calendar/<str:secret>.ics", session_views.personal_feed, name="personal_feed"),
    path("linkedin/", session_views.linkedin, name="linkedin"),
    path("content-calendar/", session_views.content_calendar, name="content_calendar"),
    path("content-calendar.ics", session_views.content_calendar_ics, name="content_calendar_ics"),
]
