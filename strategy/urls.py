from django.urls import path

from . import views

app_name = "strategy"

urlpatterns = [
    path("content-calendar/", views.content_calendar, name="content_calendar"),
    path("content-calendar.ics", views.content_calendar_ics, name="content_calendar_ics"),
]
