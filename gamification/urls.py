from django.urls import path

from . import views

app_name = "gamification"

urlpatterns = [
    path("points/", views.points_history, name="points"),
    path("leaderboards/", views.leaderboard, name="leaderboard"),
    path("leaderboards/<str:board>/", views.leaderboard, name="leaderboard_board"),
    # Badges (badge_views) and prizes (prize_views) add their routes below.
]
