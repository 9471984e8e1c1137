from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    # The session pages themselves are Wagtail pages under the session overview.
    path("session/", views.overview, name="sessions"),
    path("session/<id:pk>/register/", views.register, name="session_register"),
    path("session/<id:pk>/cancel/", views.cancel, name="session_cancel"),
    path("session/<id:pk>/feedback/", views.feedback, name="session_feedback"),
    path("session/<id:pk>/session.ics", views.session_ics, name="session_ics"),
    path("session/<id:pk>/check-in/", views.check_in_list, name="check_in_list"),
    path("session/<id:pk>/check-in/record/", views.check_in, name="check_in"),
    path("session/<id:pk>/check-in/scan/", views.scan, name="check_in_scan"),
    path("session/<id:pk>/action-items/", views.add_action_item, name="add_action_item"),
    path(
        "session/<id:pk>/action-items/<id:item_pk>/evaluate/",
        views.evaluate_action_item,
        name="evaluate_action_item",
    ),
    path("session/<id:pk>/stories/", views.add_story, name="add_story"),
    path("session/attendance/", views.attendance, name="attendance"),
    path("session/qr/<str:code>.svg", views.registration_qr, name="registration_qr"),
    path("calendar/", views.my_calendar, name="my_calendar"),
    path("calendar/revoke/", views.revoke_feed, name="revoke_feed"),
    path("calendar/<str:secret>.ics", views.personal_feed, name="personal_feed"),
    path("linkedin/", views.linkedin, name="linkedin"),
]
