"""How members log in, as a Master configured it (``IdentitySettings``) and as the
environment configures single sign-on."""

from django.conf import settings

from .. import policies
from ..models import IdentitySettings


def sso_configured() -> bool:
    """Whether an OpenID Connect (``SSO_OIDC_*``) or SAML (``SSO_SAML_*``) provider is configured."""
    providers = getattr(settings, "SOCIALACCOUNT_PROVIDERS", {}) or {}
    return any(providers.get(name, {}).get("APPS") for name in ("openid_connect", "saml"))


def password_login_allowed(*, email: str) -> bool:
    """Whether ``email`` may log in with a password now (one query for the settings)."""
    config = IdentitySettings.objects.select_related("break_glass_account").first()
    if config is None:
        return True
    account = config.break_glass_account
    return policies.may_log_in_with_password(
        email=email,
        sso_only=config.sso_only,
        break_glass_email=account.email if account is not None else None,
        sso_configured=sso_configured(),
    )
