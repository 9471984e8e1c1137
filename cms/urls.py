from django.conf import settings
from django.urls import include, path
from django.views.static import serve as serve_static
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from challenges import urls as challenges_urls
from cms.api.docs import DocsView, SchemaView
from cms.views import health, home, onboarding, pilot, privacy, six_cs
from community import urls as community_urls
from events import urls as events_urls
from gamification import urls as gamification_urls
from learning import urls as learning_urls
from people import urls as people_urls
from strategy import urls as strategy_urls

urlpatterns = [
    path("", home.home, name="home"),
    path("favicon.ico", home.favicon, name="favicon"),
    path("health/", health.HealthView.as_view(), name="health"),
    # The API before the apps' pages: Django tries the patterns in order and, for each app
    # included at "" that does not match, collects every pattern it tried; an API request
    # spent more time on that than on its Redis round trips.
    path("api/v1/", include("cms.api_urls")),
    path("scim/v2/", include(people_urls.scim_urlpatterns)),
    path("api/schema/", SchemaView.as_view(), name="api-schema"),
    path("api/docs/", DocsView.as_view(url_name="api-schema"), name="api-docs"),
    *people_urls.auth_urlpatterns,
    path("", include(people_urls)),
    path("", include(learning_urls)),
    path("", include(events_urls)),
    path("", include(strategy_urls)),
    path("", include(gamification_urls)),
    path("", include(challenges_urls)),
    path("", include(community_urls)),
    path("welcome/", onboarding.onboarding, name="onboarding"),
    path("reports/", include("cms.reports.urls")),
    path("pilot/", pilot.builder, name="pilot"),
    path("profile/my-data/", privacy.my_data, name="my-data"),
    path("profile/erase/", privacy.erase_me, name="erase-me"),
    path("members/<id:pk>/data/", privacy.member_data, name="member-data"),
    path("members/<id:pk>/erase/", privacy.erase_member, name="member-erase"),
    path("six-cs/report/suggest-course/", six_cs.six_cs_suggest_course, name="six-cs-suggest-course"),
    path("six-cs/report/meetup-actions/", six_cs.six_cs_meetup_actions, name="six-cs-meetup-actions"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    urlpatterns.append(path("media/<path:path>", serve_static, {"document_root": settings.MEDIA_ROOT}))

urlpatterns.append(path("", include(wagtail_urls)))
