import json

from django.contrib.auth import get_user_model, login
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from .validator import PEOPLE


def test_login(request):
    """The person at the keyboard logs in at the identity provider (no password form: this IdP
    exists for tests only)."""
    user = get_user_model().objects.get(username=request.GET["email"])
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return HttpResponse("ok")


@csrf_exempt
def test_claims(request):
    """What the IdP says about a person from now on (JSON ``{"email", "claims"}``): a test
    changes a department between two logins. One process, one thread: the dict is the state."""
    body = json.loads(request.body)
    PEOPLE[body["email"]] = body["claims"]
    return HttpResponse("ok")


urlpatterns = [
    path("test-login/", test_login),
    path("test-claims/", test_claims),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
]
