"""Single sign-on's own rules around django-allauth's OpenID Connect and SAML providers
(``people.adapter.SocialAccountAdapter`` calls these):

- what a login says about the person (name, department, location), read the same way from an
  OpenID Connect login's claims and a SAML assertion's attributes, as configured;
- a SAML IdP's metadata from a file (allauth reads only a URL or single values);
- failed callbacks (a wrong ``state``, a code the IdP refuses, an assertion with a bad
  signature) count as failed logins. allauth's own limits only guard its password form, so
  the callbacks count here, with allauth's rate-limit counters: per client address into the
  same ``login_failed`` counters as wrong passwords (and per account where the failed response
  names one), plus ``SSO_FAILED_CALLBACK_RATE_LIMITS`` per address, tighter, because a
  callback burst has no account for the per-account limit to stop. While a limit holds, a
  callback is not processed at all (429). allauth's public ``ratelimit.consume`` skips GET
  requests and takes no rates of its own, so the internal one is used (pinned version).
"""

import base64
import functools
import logging
from pathlib import Path

from allauth.core.internal import ratelimit
from defusedxml import ElementTree
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)

PROFILE_FIELDS = ("first_name", "last_name", "department", "location")


# --- what the identity provider says about the person ----------------------------------


def profile_from_login(sociallogin) -> dict[str, str]:
    """The first name, last name, department and location this login carries (only those it
    sends, non-empty, as text)."""
    account = sociallogin.account
    extra = account.extra_data or {}
    if account.provider == "saml" or _is_saml(sociallogin):
        mapping = sociallogin.provider.app.settings.get("attribute_mapping", settings.SSO_SAML_ATTRIBUTES)
        values = {field: _first_attribute(extra, mapping.get(field, [])) for field in PROFILE_FIELDS}
    else:
        claims = oidc_claims(extra)
        values = {
            "first_name": claims.get("given_name"),
            "last_name": claims.get("family_name"),
            "department": claims.get(settings.SSO_DEPARTMENT_CLAIM) if settings.SSO_DEPARTMENT_CLAIM else None,
            "location": claims.get(settings.SSO_LOCATION_CLAIM) if settings.SSO_LOCATION_CLAIM else None,
        }
    return {field: str(value).strip() for field, value in values.items() if value and str(value).strip()}


def _is_saml(sociallogin) -> bool:
    provider = getattr(sociallogin, "provider", None)
    return getattr(provider, "id", None) == "saml"


def _first_attribute(attributes: dict, names) -> str | None:
    for name in [names] if isinstance(names, str) else names:
        values = attributes.get(name)
        if isinstance(values, list) and values:
            return values[0]
        if isinstance(values, str) and values:
            return values
    return None


def oidc_claims(extra_data: dict) -> dict:
    """The claims allauth kept for an OpenID Connect login: the userinfo, else the ID token."""
    for key in ("userinfo", "id_token"):
        if isinstance(extra_data.get(key), dict):
            return {**extra_data.get("id_token", {}), **extra_data[key]}
    return extra_data


# --- a SAML IdP's metadata from a file ----------------------------------------------------


def with_metadata_file(app):
    """``app`` (an allauth ``SocialApp``) with its IdP's entity id, certificate and sign-on
    address read from ``settings["idp"]["metadata_file"]``, when it names one."""
    idp = (app.settings or {}).get("idp") or {}
    path = idp.get("metadata_file")
    if app.provider != "saml" or not path:
        return app
    parsed = _parse_metadata(str(path), Path(path).stat().st_mtime)
    app.settings = {**app.settings, "idp": {**parsed, "entity_id": idp.get("entity_id") or parsed["entity_id"]}}
    return app


@functools.lru_cache(maxsize=4)
def _parse_metadata(path: str, _mtime: float) -> dict:
    from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser

    idp = OneLogin_Saml2_IdPMetadataParser.parse(Path(path).read_text())["idp"]
    return {
        "entity_id": idp["entityId"],
        "x509cert": idp.get("x509cert") or (idp.get("x509certMulti", {}).get("signing") or [""])[0],
        "sso_url": idp["singleSignOnService"]["url"],
        **({"slo_url": idp["singleLogoutService"]["url"]} if idp.get("singleLogoutService") else {}),
    }


# --- failed callbacks count as failed logins ----------------------------------------------


def _rates(spec: str, *, per: str) -> str:
    return ",".join(
        part.strip() for part in (spec or "").split(",") if part.strip() and part.strip().endswith(f"/{per}")
    )


def _configs() -> list[tuple[str, dict, str]]:
    """(action, rate config, per) for every limit a failed callback counts against."""
    failed = settings.ACCOUNT_RATE_LIMITS.get("login_failed", "")
    return [
        ("login_failed", {"login_failed": _rates(failed, per="ip")}, "ip"),
        ("login_failed", {"login_failed": _rates(failed, per="key")}, "key"),
        ("sso_callback_failed", {"sso_callback_failed": settings.SSO_FAILED_CALLBACK_RATE_LIMITS}, "ip"),
    ]


def _account_key(request: HttpRequest, email: str) -> str:
    # The key allauth's password login counts an account's failures under.
    return f"{get_current_site(request).domain}:{email.lower()}"


def _consume(request: HttpRequest, *, email: str | None, dry_run: bool) -> bool:
    allowed = True
    for action, config, per in _configs():
        if per == "key" and not email:
            continue
        usage = ratelimit.consume(
            request,
            app="allauth.account",
            action=action,
            config=config,
            key=_account_key(request, email) if per == "key" else None,
            dry_run=dry_run,
            limit_get=True,
        )
        allowed = allowed and usage is not None
    return allowed


def callback_allowed(request: HttpRequest) -> bool:
    """Whether no limit holds for this client address (and the account the callback names)."""
    return _consume(request, email=claimed_email(request), dry_run=True)


def count_failed_callback(request: HttpRequest) -> bool:
    """Count a failed callback; returns whether the address may still try."""
    email = claimed_email(request)
    logger.warning("Failed single sign-on callback%s", " for a known address" if email else "")
    return _consume(request, email=email, dry_run=False)


def too_many_attempts(request: HttpRequest) -> HttpResponse:
    from allauth.account.adapter import get_adapter

    message = get_adapter(request).error_messages["too_many_login_attempts"]
    return render(request, "people/too_many_attempts.html", {"message": message}, status=429)


def limited(view):
    """A callback view that is not processed while a limit holds (429)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not callback_allowed(request):
            return too_many_attempts(request)
        return view(request, *args, **kwargs)

    return wrapped


SAML_ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion"


def claimed_email(request: HttpRequest) -> str | None:
    """The e-mail address a SAML response posted to the ACS (or waiting for it in this
    browser's ACS session) claims, unverified: it only names the account whose failures to
    count. None for OpenID Connect (a failed callback names nobody)."""
    if hasattr(request, "_sso_claimed_email"):
        return request._sso_claimed_email
    email = None
    payload = request.POST.get("SAMLResponse") if request.method == "POST" else None
    if payload is None and "/saml/" in request.path:
        payload = _stashed_saml_response(request)
    if payload:
        try:
            root = ElementTree.fromstring(base64.b64decode(payload))
            name_id = root.find(f".//{{{SAML_ASSERTION}}}NameID")
            if name_id is not None and "@" in (name_id.text or ""):
                email = name_id.text.strip().lower()
        except Exception:  # noqa: BLE001 -- garbage names nobody
            email = None
    request._sso_claimed_email = email
    return email


def _stashed_saml_response(request: HttpRequest) -> str | None:
    from allauth.core.internal import httpkit
    from allauth.socialaccount.sessions import LoginSession

    data = LoginSession(request, "saml_acs_session", "saml-acs-session").store.get("request")
    if not data:
        return None
    try:
        return httpkit.deserialize_request(data, HttpRequest()).POST.get("SAMLResponse")
    except Exception:  # noqa: BLE001
        return None
