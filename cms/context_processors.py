from django.utils.functional import SimpleLazyObject

from .navigation import menu_for


def navigation(request):
    """The main menu, built only when a template shows it."""
    return {
        "menu": SimpleLazyObject(
            lambda: menu_for(member=getattr(request, "user", None), path=getattr(request, "path", ""))
        )
    }
