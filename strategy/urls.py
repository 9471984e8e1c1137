from django.urls import path

from . import views
from .views import plan as plan_views
from .views import six_cs as six_cs_views

app_name = "strategy"

urlpatterns = [
    path("content-calendar/", views.content_calendar, name="content_calendar"),
    path("content-calendar.ics", views.content_calendar_ics, name="content_calendar_ics"),
    path("content-calendar/revoke/", views.revoke_feed, name="revoke_feed"),
    path("content-calendar/feed/<str:secret>.ics", views.content_calendar_feed, name="content_calendar_feed"),
    path("guidelines/", views.guidelines, name="guidelines"),
    path("strategy/", views.our_strategy, name="our_strategy"),
    path("plan/", plan_views.plan_board, name="plan_board"),
    path("plan/add/", plan_views.plan_item_add, name="plan_item_add"),
    path("plan/<id:pk>/move/", plan_views.plan_item_move, name="plan_item_move"),
    path("content-calendar/<id:pk>/plan/", plan_views.plan_from_calendar, name="plan_from_calendar"),
    path("six-cs/", six_cs_views.six_cs, name="six_cs"),
    path("six-cs/report/", six_cs_views.six_cs_report, name="six_cs_report"),
]
