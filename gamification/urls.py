from django.urls import path

from . import badge_views, prize_views, views

app_name = "gamification"

urlpatterns = [
    path("points/", views.points_history, name="points"),
    path("leaderboards/", views.leaderboard, name="leaderboard"),
    path("leaderboards/visibility/", views.set_visibility, name="visibility"),
    path("leaderboards/<str:board>/", views.leaderboard, name="leaderboard_board"),
    # Badges (badge_views) and prizes (prize_views) add their routes below.
    path("badges/", badge_views.my_badges, name="badges"),
    path("badges/issuer.json", badge_views.issuer_json, name="badge_issuer"),
    path("badges/classes/<id:pk>.json", badge_views.badge_class_json, name="badge_class_json"),
    path("badges/classes/<id:pk>/", badge_views.badge_class_page, name="badge_class"),
    path("badges/classes/<id:pk>/image.png", badge_views.badge_class_image, name="badge_class_image"),
    path("badges/assertions/<uuid:uuid>.json", badge_views.assertion_json, name="badge_assertion_json"),
    path("badges/assertions/<uuid:uuid>.png", badge_views.assertion_png, name="badge_assertion_png"),
    path("badges/assertions/<uuid:uuid>/", badge_views.assertion_page, name="badge_assertion"),
    path("prizes/", prize_views.overview, name="prizes"),
    path("prizes/wall-of-fame/", prize_views.wall_of_fame, name="prize_wall"),
    path("prizes/<id:pk>/", prize_views.detail, name="prize"),
    path("prizes/<id:pk>/nominate/", prize_views.nominate, name="prize_nominate"),
    path("prizes/<id:pk>/close/", prize_views.close, name="prize_close"),
    path("prizes/<id:pk>/confirm/", prize_views.confirm, name="prize_confirm"),
]
