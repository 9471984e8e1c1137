"""The site's front door, ``/``: for a visitor the programme explained with the login
form; for a signed-in member their home, "what should I do now?", per role. Anyone may
open it (it shows a member only their own things). Also ``/favicon.ico``."""

from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from wagtail.models import Site

from cms import selectors
from cms.models import HomePage


def _home_page(request):
    """The site's Wagtail home page (for its title and introduction), if there is one."""
    site = Site.find_for_request(request)
    root = site.root_page.specific if site else None
    return root if isinstance(root, HomePage) else None


@require_GET
def home(request):
    member = request.user
    if not member.is_authenticated:
        return render(request, "cms/home_page.html", {"page": _home_page(request), "visitor": True})
    home = selectors.member_home(member=member, language=member.language or get_language())
    return render(request, "cms/home_member.html", {"home": home, "member": member})


@require_GET
def favicon(request):
    return redirect(static("favicon.svg"), permanent=True)
