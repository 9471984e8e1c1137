from django.urls import path

from .views import badges, credentials, leaderboards, points, prizes

app_name = "gamification"

urlpatterns = [
    path("points/", points.history, name="points"),
    path("leaderboards/", leaderboards.leaderboard, name="leaderboard"),
    path("leaderboards/visibility/", leaderboards.set_visibility, name="visibility"),
    path("leaderboards/<str:board>/", leaderboards.leaderboard, name="leaderboard_board"),
    path("badges/", badges.my_badges, name="badges"),
    path("badges/issuer.json", badges.issuer_json, name="badge_issuer"),
    path("badges/classes/<id:pk>.json", badges.badge_class_json, name="badge_class_json"),
    path("badges/classes/<id:pk>/", badges.badge_class_page, name="badge_class"),
    path("badges/classes/<id:pk>/image.png", badges.badge_class_image, name="badge_class_image"),
    path("badges/assertions/<uuid:uuid>.json", badges.assertion_json, name="badge_assertion_json"),
    path("badges/assertions/<uuid:uuid>.png", badges.assertion_png, name="badge_assertion_png"),
    path("badges/assertions/<uuid:uuid>/", badges.assertion_page, name="badge_assertion"),
    path(".well-known/did.json", credentials.did_document, name="did_document"),
    path("did.json", credentials.did_document, name="did_document_under_path"),
    path("badges/credentials/<uuid:uuid>.jwt", credentials.credential_jwt, name="credential_jwt"),
    path("badges/credentials/<uuid:uuid>.json", credentials.credential_json, name="credential_json"),
    path("badges/status-lists/<int:number>.jwt", credentials.status_list, name="status_list"),
    path("prizes/", prizes.overview, name="prizes"),
    path("prizes/wall-of-fame/", prizes.wall_of_fame, name="prize_wall"),
    path("prizes/<id:pk>/", prizes.detail, name="prize"),
    path("prizes/<id:pk>/nominate/", prizes.nominate, name="prize_nominate"),
    path("prizes/<id:pk>/close/", prizes.close, name="prize_close"),
    path("prizes/<id:pk>/confirm/", prizes.confirm, name="prize_confirm"),
]
