from django.contrib.auth import get_user_model, login
from django.http import HttpResponse
from django.urls import include, path


def test_login(request):
    """The person at the keyboard logs in at the identity provider (no password form: this IdP
    exists for tests only)."""
    user = get_user_model().objects.get(username=request.GET["email"])
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return HttpResponse("ok")


urlpatterns = [
    path("test-login/", test_login),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
]
