from django.utils import translation


class ActivateMemberLanguageMiddleware:
    """A signed-in member reads the site in the language they chose, whatever the
    browser says; anonymous visitors get LocaleMiddleware's choice (cookie/browser)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "language", None):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        response = self.get_response(request)
        if user is not None and user.is_authenticated:
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response
