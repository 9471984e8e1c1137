from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from challenges import api as challenges_api
from cms.api import not_found
from cms.api import privacy as api_privacy
from cms.api.me import MeView
from cms.reports import api as reports_api
from community import api as community_api
from events import api as events_api
from gamification.api import badges as api_badges
from gamification.api import leaderboards as api_leaderboards
from gamification.api import points as api_points
from gamification.api import prizes as api_prizes
from learning import api as learning_api
from people import api as people_api
from strategy import api as strategy_api
from strategy.api import plan as strategy_plan_api
from strategy.api import six_cs as strategy_six_cs_api

router = SimpleRouter(trailing_slash=True, use_regex_path=False)
router.register("paths", learning_api.PathViewSet, basename="path")
router.register("courses", learning_api.CourseViewSet, basename="course")
router.register("lessons", learning_api.LessonViewSet, basename="lesson")
router.register("notifications", people_api.NotificationViewSet, basename="notification")
router.register("me/points", api_points.PointsViewSet, basename="my-points")
router.register("badges", api_badges.BadgeViewSet, basename="badge")
router.register("prizes", api_prizes.PrizeViewSet, basename="prize")
router.register("sessions", events_api.SessionViewSet, basename="session")
router.register("challenges", challenges_api.ChallengeViewSet, basename="challenge")
router.register("stories", challenges_api.StoryViewSet, basename="story")

urlpatterns = [
    path("auth/token/", people_api.TokenView.as_view(), name="api-token"),
    path("me/", MeView.as_view(), name="api-me"),
    path("me/export/", api_privacy.MyDataExportView.as_view(), name="api-me-export"),
    path("me/erase/", api_privacy.EraseMeView.as_view(), name="api-me-erase"),
    path("invitations/", people_api.InvitationView.as_view(), name="api-invitations"),
    path("reports/participation/", reports_api.ParticipationView.as_view(), name="api-report-participation"),
    path("reports/participation.<str:fmt>", reports_api.ParticipationExportView.as_view(), name="api-report-export"),
    path("reports/people/", reports_api.PeopleView.as_view(), name="api-report-people"),
    path("reports/reach/", reports_api.ReachView.as_view(), name="api-report-reach"),
    path("reports/outcomes/", reports_api.OutcomesView.as_view(), name="api-report-outcomes"),
    path("reports/exports/<id:pk>/", reports_api.ExportStatusView.as_view(), name="api-report-export-status"),
    path("leaderboards/<str:board>/", api_leaderboards.LeaderboardView.as_view(), name="api-leaderboard"),
    path("me/progress/", learning_api.ProgressView.as_view(), name="api-progress"),
    path("calendar/", strategy_api.ContentCalendarView.as_view(), name="api-content-calendar"),
    path("strategy/goals/", strategy_api.GoalsView.as_view(), name="api-strategy-goals"),
    path("guidelines/current/", strategy_api.CurrentGuidelinesView.as_view(), name="api-guidelines-current"),
    path("guidelines/<id:pk>/accept/", strategy_api.AcceptGuidelinesView.as_view(), name="api-guidelines-accept"),
    path("plan/items/", strategy_plan_api.PlanItemsView.as_view(), name="api-plan-items"),
    path("plan/items/<id:pk>/", strategy_plan_api.PlanItemView.as_view(), name="api-plan-item"),
    path("six-cs/", strategy_six_cs_api.SixCsView.as_view(), name="api-six-cs"),
    path("six-cs/responses/", strategy_six_cs_api.SixCsResponsesView.as_view(), name="api-six-cs-responses"),
    path("reports/six-cs/", strategy_six_cs_api.SixCsReportView.as_view(), name="api-report-six-cs"),
    path("me/linkedin-checklist/", events_api.LinkedInChecklistView.as_view(), name="api-linkedin-checklist"),
    path(
        "me/linkedin-checklist/<str:item>/",
        events_api.LinkedInChecklistItemView.as_view(),
        name="api-linkedin-checklist-item",
    ),
    path("review-queue/", challenges_api.ReviewQueueView.as_view(), name="api-review-queue"),
    path("suggestions/", challenges_api.SuggestionsView.as_view(), name="api-suggestions"),
    path("conversions/", challenges_api.ConversionView.as_view(), name="api-conversions"),
    path("shares/<id:pk>/", challenges_api.ShareResultsView.as_view(), name="api-share-results"),
    path("community/spaces/", community_api.SpacesView.as_view(), name="api-community-spaces"),
    path("community/spaces/<id:pk>/threads/", community_api.ThreadsView.as_view(), name="api-community-threads"),
    path("community/threads/<id:pk>/posts/", community_api.PostsView.as_view(), name="api-community-posts"),
    path("community/posts/<id:pk>/reactions/", community_api.ReactionsView.as_view(), name="api-community-reactions"),
    path("community/posts/<id:pk>/reports/", community_api.ReportsView.as_view(), name="api-community-reports"),
    path("community/posts/<id:pk>/moderation/", community_api.ModerationView.as_view(), name="api-community-moderate"),
    path("community/moderation/queue/", community_api.ModerationQueueView.as_view(), name="api-community-queue"),
    path("community/search/", community_api.SearchView.as_view(), name="api-community-search"),
    *router.urls,
    re_path(r"^.*$", not_found),
]
