"""The site's URLs (``cms.urls``) plus the two yardsticks of ``bench/http_bench.py``: a bare
Django view and a trivial DRF view with the API's defaults (token or session authentication,
the permissions and the throttles every endpoint pays). Only ``bench.http_settings`` uses it."""

from django.http import HttpResponse
from django.urls import include, path
from rest_framework.response import Response
from rest_framework.views import APIView


def bare(request):
    """What any request pays before a view does anything: the middleware, no DRF."""
    return HttpResponse(b'{"ok": true}', content_type="application/json")


class Trivial(APIView):
    """What any API request pays before its view does anything."""

    def get(self, request):
        return Response({"ok": True})

    def post(self, request):
        return Response({"ok": True})


urlpatterns = [
    path("bench/bare/", bare),
    path("api/v1/bench/trivial/", Trivial.as_view()),
    path("", include("cms.urls")),
]
