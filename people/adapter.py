"""How members log in: django-allauth, with our rules.

Why allauth (and not django-axes or our own counters): one well-kept package covers every
way in that the identity work needs, the password login today and OpenID Connect, SAML and
two-factor authentication next, and its rate limits count exactly what we want to count:

- only *failed* attempts (``login_failed``): a usage is taken before the password is checked
  and given back when it was right, so successful logins never count, and an office of
  hundreds behind one address is never throttled for logging in;
- per account (``key``, the e-mail address) and per client address (``ip``) with separate
  limits, so guessing one account's password is stopped after a handful of attempts
  whichever addresses the guesser comes from, while one address may make more mistakes
  (colleagues mistyping) before it is slowed down;
- the client address comes from ``X-Forwarded-For`` only for the number of proxies we
  declare (``TRUSTED_PROXY_COUNT``), otherwise ``REMOTE_ADDR``: a forged header cannot
  give a guesser a fresh address per attempt.

django-axes counts in the database, but one failure limit serves every parameter it tracks,
so a per-address limit strict enough for one account would lock out a whole office; and it
brings nothing for SSO or two-factor. allauth counts in the configured cache: with
``REDIS_URL`` that is Redis, shared by every process; in the embedded default (locmem) each
process counts on its own, which ``docs/identity.md`` states.

The HTML login (``/login/``; the Wagtail admin sends its visitors there) is allauth's own
view and form; the API's token endpoint checks e-mail and password through
:func:`check_password_login`, which goes through the same adapter and limits.
"""

from allauth.account.adapter import DefaultAccountAdapter, get_adapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.models import Authenticator
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base import AuthError
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from core.errors import NotAllowed

from . import selectors, services, sso
from .errors import TooManyLoginAttempts
from .models import Member


class AccountAdapter(DefaultAccountAdapter):
    """allauth's adapter with our rules: nobody signs up on their own (members come by
    invitation, from the Wagtail admin or through SCIM)."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "sso_only": _("Log in through single sign-on: passwords are switched off for this organisation."),
        "too_many_login_attempts": _(
            "Too many failed login attempts. Wait a few minutes before you try again, or choose "
            "a new password with “Forgot your password?”."
        ),
    }

    def is_open_for_signup(self, request):
        return False

    def pre_authenticate(self, request, **credentials):
        """Before the password is even checked: refused when a Master made SSO the only way in
        (except for the break-glass account), then allauth's limits on failed attempts."""
        email = str(credentials.get("email") or credentials.get("username") or "")
        if not selectors.password_login_allowed(email=email):
            raise self.validation_error("sso_only")
        super().pre_authenticate(request, **credentials)


def check_password_login(request: HttpRequest, *, email: str, password: str) -> Member | None:
    """The active member whose e-mail address and password these are, else ``None``.

    Counts a failure against the address and the account (allauth's ``login_failed`` rate
    limit) and gives the count back on success. Locks nothing. Raises
    ``TooManyLoginAttempts`` (429) while either limit is reached, also for the right
    password, and ``NotAllowed`` (403, ``sso_only``) when passwords are switched off for
    everyone but the break-glass account."""
    try:
        member = get_adapter(request).authenticate(request, email=email.strip().lower(), password=password)
    except ValidationError as exc:
        if exc.code == "sso_only":
            raise NotAllowed(exc.messages[0], code="sso_only") from None
        raise TooManyLoginAttempts(exc.messages[0]) from None
    if member is None or not member.is_active:
        return None
    return member


# --- the second factor ------------------------------------------------------------------


def has_second_factor(member: Member) -> bool:
    """Whether ``member`` has set up an authenticator app (allauth.mfa's TOTP) or a passkey."""
    return Authenticator.objects.filter(
        user=member, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()


def logged_in_through_sso(request: HttpRequest) -> bool:
    """Whether this session began with a login at the identity provider (allauth records how
    a session authenticated; SSO's second factor is the IdP's business)."""
    records = request.session.get("account_authentication_methods", []) if hasattr(request, "session") else []
    return any(record.get("method") == "socialaccount" for record in records if isinstance(record, dict))


def check_second_factor(request: HttpRequest, *, member: Member, code: str, email: str) -> bool:
    """Whether ``code`` is a current code of the member's authenticator app or an unused
    recovery code (which is then used up). A wrong code counts as a failed login against the
    account and the address, as a wrong password does. Locks nothing. Raises
    ``TooManyLoginAttempts`` once a limit is reached."""
    code = (code or "").strip().replace(" ", "")
    if code:
        # Codes only: a passkey cannot answer here (the API has no browser to ask it).
        codes = [Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES]
        for authenticator in Authenticator.objects.filter(user=member, type__in=codes).order_by("type"):
            if authenticator.wrap().validate_code(code):
                return True
    try:
        get_adapter(request).pre_authenticate(request, email=email.strip().lower())
    except ValidationError as exc:
        raise TooManyLoginAttempts(exc.messages[0]) from None
    return False


# --- single sign-on ---------------------------------------------------------------------


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on (allauth's OpenID Connect and SAML providers, configured from
    ``SSO_OIDC_*`` and ``SSO_SAML_*``; ``people.sso`` holds the rules around them).

    A login whose e-mail address the identity provider vouches for (``email_verified``, or a
    domain listed as verified) signs into the member with that address
    (``SOCIALACCOUNT_EMAIL_AUTHENTICATION``); a person we do not know yet becomes a Social
    Ambassador at once, with their department and location from the configured claims or
    attributes, and a known member's name, department and location follow what the IdP sends
    at each login. Sign-up is closed for passwords, open through SSO: the IdP decides who works
    here. Failed callbacks count as failed logins."""

    def is_open_for_signup(self, request, sociallogin):
        return True

    def list_apps(self, request, provider=None, client_id=None):
        return [sso.with_metadata_file(app) for app in super().list_apps(request, provider, client_id)]

    def save_user(self, request, sociallogin, form=None):
        member = super().save_user(request, sociallogin, form=form)
        profile = sso.profile_from_login(sociallogin)
        services.joined_through_sso(
            member=member, department=profile.get("department"), location=profile.get("location")
        )
        return member

    def pre_social_login(self, request, sociallogin):
        """A known, active member is about to log in: their profile follows the IdP."""
        member = sociallogin.user
        known = sociallogin.is_existing and member is not None and member.is_active
        if known and services.updated_through_sso(member=member, **sso.profile_from_login(sociallogin)):
            member.refresh_from_db()

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None):
        """A failed callback counts as a failed login (a cancelled login at the IdP does not);
        past a limit the answer is 429."""
        super().on_authentication_error(
            request, provider, error=error, exception=exception, extra_context=extra_context
        )
        if error != AuthError.CANCELLED and not sso.count_failed_callback(request):
            raise ImmediateHttpResponse(sso.too_many_attempts(request))
