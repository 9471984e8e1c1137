"""Open Badges 3.0, public (anyone verifies): the issuer's DID document, each credential as
VC-JWT (``application/vc+jwt``) and as JSON, and the Bitstring Status List credential that
says which are revoked. ``<uuid>`` is a badge award's uuid or a course certificate's."""

from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.sealed import Unsealable
from gamification.models import BadgeAward, Credential, SigningKey
from gamification.openbadges import credentials as ob3
from gamification.openbadges import did, hosting
from gamification.services import credentials as services

VC_JWT = "application/vc+jwt"


def _public(response, *, max_age: int = 60):
    response["Access-Control-Allow-Origin"] = "*"  # wallets and verifiers fetch from the browser
    patch_cache_control(response, public=True, max_age=max_age)
    return response


def _error(status: int, code: str, detail: str) -> JsonResponse:
    return _public(JsonResponse({"detail": detail, "code": code}, status=status), max_age=60)


@require_safe
def did_document(request):
    keys = SigningKey.objects.all()
    if not keys:
        services.current_key()  # a fresh site answers with the key it will sign with
        keys = SigningKey.objects.all()
    response = JsonResponse(did.did_document(list(keys)), content_type="application/did+json")
    return _public(response, max_age=300)


def _signing_unavailable(error: Unsealable) -> JsonResponse:
    services.signing_unavailable(error)
    # Not ``_error``: that one is cached publicly for a minute, and this answer must go as
    # soon as the key opens again.
    response = JsonResponse({"detail": str(services.SIGNING_UNAVAILABLE), "code": "signing_unavailable"}, status=503)
    response["Access-Control-Allow-Origin"] = "*"
    response["Retry-After"] = "300"
    patch_cache_control(response, no_store=True)
    return response


def _credential(uuid) -> Credential | JsonResponse:
    found = Credential.objects.filter(subject=uuid, revoked_at__isnull=True).first()
    if found is not None:
        return found
    award = BadgeAward.objects.select_related("badge", "member").filter(uuid=uuid).first()
    try:
        issued = services.credential_for_award(award) if award is not None else None
    except Unsealable as error:
        return _signing_unavailable(error)
    if issued is not None:
        return issued
    if award is not None or Credential.objects.filter(subject=uuid).exists():
        return _error(410, "credential_revoked", _("This credential was revoked."))
    return _error(404, "credential_not_found", _("No credential has this address."))


@require_safe
def credential_jwt(request, uuid):
    found = _credential(uuid)
    if isinstance(found, JsonResponse):
        return found
    response = HttpResponse(found.jwt, content_type=VC_JWT)
    response["Content-Disposition"] = f'inline; filename="{uuid}.jwt"'
    return _public(response)


@require_safe
def credential_json(request, uuid):
    found = _credential(uuid)
    if isinstance(found, JsonResponse):
        return found
    return _public(JsonResponse(found.data, content_type="application/vc", json_dumps_params={"ensure_ascii": False}))


def _status_list(number: int) -> dict:
    first = (number - 1) * ob3.STATUS_LIST_BITS + 1
    revoked = Credential.objects.filter(
        pk__gte=first, pk__lt=first + ob3.STATUS_LIST_BITS, revoked_at__isnull=False
    ).values_list("pk", flat=True)
    return ob3.status_list_credential(
        number=number,
        revoked_indexes=[ob3.status_position(pk)[1] for pk in revoked],
        issuer_name=hosting.issuer_name(),
        now=timezone.now(),
    )


@require_safe
def status_list(request, number: int):
    """The status list as a signed VC-JWT, made fresh (a revocation shows within a minute)."""
    if number < 1:
        return _error(404, "status_list_not_found", _("No status list has this number."))
    try:
        signed = services.sign(ob3.jwt_claims(_status_list(number)))
    except Unsealable as error:
        return _signing_unavailable(error)
    return _public(HttpResponse(signed, content_type=VC_JWT))
