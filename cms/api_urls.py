from django.urls import path
from rest_framework.routers import SimpleRouter

from learning import api as learning_api
from people import api as people_api

router = SimpleRouter(trailing_slash=True, use_regex_path=False)
router.register("paths", learning_api.PathViewSet, basename="path")
router.register("courses", learning_api.CourseViewSet, basename="course")
router.register("lessons", learning_api.LessonViewSet, basename="lesson")
router.register("notifications", people_api.NotificationViewSet, basename="notification")

urlpatterns = [
    path("auth/token/", people_api.TokenView.as_view(), name="api-token"),
    path("me/", people_api.MeView.as_view(), name="api-me"),
    path("me/progress/", learning_api.ProgressView.as_view(), name="api-progress"),
    *router.urls,
]
