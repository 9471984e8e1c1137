"""Badge pages and Open Badges 2.0 hosting.

Public (anyone can verify): the issuer, badge class and assertion JSON-LD, the badge
class and assertion pages, the badge image and the baked PNG. Signed-in members: their
own badges at /badges/. Masters award and revoke badges in the admin
(``gamification.admin_views.badges``).
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from core import branding as core_branding
from core.sealed import Unsealable
from gamification.models import BadgeAward, BadgeClass
from gamification.openbadges import baking, hosting, images
from gamification.selectors.badges import badge_overview, how_to_earn
from gamification.services import credentials as credential_services

JSON_LD = "application/ld+json"


def _json(data: dict, status: int = 200, *, max_age: int = 300) -> JsonResponse:
    response = JsonResponse(data, status=status, content_type=JSON_LD, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # verifiers fetch these from the browser too
    patch_cache_control(response, public=True, max_age=max_age)
    return response


def _award_or_404(uuid) -> BadgeAward:
    return get_object_or_404(BadgeAward.objects.select_related("badge", "member"), uuid=uuid)


def recipient_name(award: BadgeAward) -> str:
    """The name shown on the public page: never (part of) the e-mail address."""
    return award.member.display_name or award.member.get_full_name() or str(_("a member"))


def linkedin_add_url(award: BadgeAward, branding: core_branding.Branding | None = None) -> str:
    """LinkedIn's "Add licence or certification" link, filled in. A plain link: the
    member's browser opens it, nothing is sent to LinkedIn from here. With a LinkedIn
    organisation id in the branding it links to that company page instead of a name."""
    branding = branding or core_branding.current()
    issued = timezone.localtime(award.awarded_at)
    query = {"startTask": "CERTIFICATION_NAME", "name": award.badge.display_name}
    if branding.linkedin_organisation_id:
        query["organizationId"] = branding.linkedin_organisation_id
    else:
        query["organizationName"] = hosting.issuer_name(branding)
    query |= {
        "issueYear": issued.year,
        "issueMonth": issued.month,
        "certUrl": hosting.assertion_page_url(award),
        "certId": str(award.uuid),
    }
    return "https://www.linkedin.com/profile/add?" + urlencode(query)


# --- Open Badges JSON-LD ----------------------------------------------------------------


@require_safe
def issuer_json(request):
    return _json(hosting.issuer_json(core_branding.current(request)))


@require_safe
def badge_class_json(request, pk: int):
    badge = get_object_or_404(BadgeClass, pk=pk)
    return _json(hosting.badge_class_json(badge, narrative=how_to_earn(badge)))


@require_safe
def assertion_json(request, uuid):
    award = _award_or_404(uuid)
    if award.revoked_at is not None:
        return _json(hosting.revoked_json(award), status=410, max_age=60)
    return _json(hosting.assertion_json(award), max_age=60)


# --- images -----------------------------------------------------------------------------


@require_safe
def badge_class_image(request, pk: int):
    badge = get_object_or_404(BadgeClass.objects.select_related("image"), pk=pk)
    response = HttpResponse(images.badge_png(badge), content_type="image/png")
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=300)
    return response


@require_safe
def assertion_png(request, uuid):
    award = _award_or_404(uuid)
    if award.revoked_at is not None:
        return HttpResponse(_("This badge was revoked."), status=410, content_type="text/plain; charset=utf-8")
    try:
        credential = credential_services.credential_for_award(award)
    except Unsealable as error:
        credential_services.signing_unavailable(error)
        response = HttpResponse(
            str(credential_services.SIGNING_UNAVAILABLE), status=503, content_type="text/plain; charset=utf-8"
        )
        response["Retry-After"] = "300"
        return response
    png = baking.baked_png(award, credential_jwt=credential.jwt if credential else "")
    response = HttpResponse(png, content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="{award.badge.slug}-badge.png"'
    patch_cache_control(response, private=True, max_age=60)
    return response


# --- human pages ------------------------------------------------------------------------


@require_safe
def assertion_page(request, uuid):
    award = _award_or_404(uuid)
    mine = request.user.is_authenticated and request.user.pk == award.member_id
    return render(
        request,
        "gamification/badges/assertion.html",
        {
            "award": award,
            "badge": award.badge,
            "recipient_name": recipient_name(award),
            "issuer_name": hosting.issuer_name(core_branding.current(request)),
            "issuer_url": settings.BASE_URL,
            "how_to_earn": how_to_earn(award.badge),
            "revoked": award.revoked_at is not None,
            "mine": mine,
            "linkedin_url": linkedin_add_url(award, core_branding.current(request)) if mine else "",
            "assertion_json_url": hosting.assertion_id(award),
            "credential_json_url": reverse("gamification:credential_json", args=[award.uuid]),
            "credential_jwt_url": reverse("gamification:credential_jwt", args=[award.uuid]),
        },
    )


@require_safe
def badge_class_page(request, pk: int):
    badge = get_object_or_404(BadgeClass, pk=pk)
    return render(
        request,
        "gamification/badges/badge_class.html",
        {
            "badge": badge,
            "how_to_earn": how_to_earn(badge),
            "issuer_name": hosting.issuer_name(core_branding.current(request)),
            "badge_json_url": hosting.badge_class_id(badge),
        },
    )


@login_required
def my_badges(request):
    rows = badge_overview(member=request.user)
    for row in rows:
        row.linkedin_url = linkedin_add_url(row.award) if row.earned else ""
    return render(
        request,
        "gamification/badges/my_badges.html",
        {"rows": rows, "earned_count": sum(1 for row in rows if row.earned)},
    )
