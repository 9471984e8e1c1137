"""Identity settings (docs/identity.md): the login with django-allauth and its limits on failed
attempts, two-factor authentication, single sign-on with OpenID Connect and SAML 2.0, and SCIM
provisioning. Part of ``base.py`` (star-imported there), kept apart to keep each file readable."""

from .environment import BASE_URL, env

# --- Login: django-allauth (see people/adapter.py for why) ------------------------------
# Members log in with e-mail and password at /login/ (allauth's login view); nobody signs
# up on their own (invitations and SCIM make accounts).
ACCOUNT_ADAPTER = "people.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Only *failed* attempts are limited, per account ("key": the e-mail address) and per client
# address; successful logins never count (an office behind one address logs in freely).
# allauth counts in the configured cache: shared through Redis with REDIS_URL; with the
# embedded locmem cache the count is per process.
ACCOUNT_RATE_LIMITS = {
    "login": "",
    "login_failed": env("LOGIN_FAILED_RATE_LIMITS", default="30/m/ip,5/5m/key"),
}
# A failed single sign-on callback (bad state, refused code, bad signature) counts into the
# limits above and, per address, into this tighter one (a burst names no account; people.sso).
SSO_FAILED_CALLBACK_RATE_LIMITS = env("SSO_FAILED_CALLBACK_RATE_LIMITS", default="10/5m/ip")
# Two-factor authentication (allauth.mfa): an authenticator app (TOTP) and recovery codes.
# Members whose role is listed (``master``, ``editor``, …, and ``hr`` for the HR flag) must
# set it up before they use the site or get an API token, unless they logged in through SSO.
# Off here (the demo logs in with e-mail and password); on for Masters and HR in production.
# Passkeys (WebAuthn: a phone, Windows Hello, Touch ID, a security key) serve as the second
# factor too; they need HTTPS (or localhost), and the relying party is the site's host.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_FORMS = {"add_webauthn": "people.forms.AddPasskeyForm", "edit_webauthn": "people.forms.EditPasskeyForm"}
MFA_TOTP_ISSUER = env("SITE_NAME", default="Social Shift")
MFA_REQUIRED_FOR_ROLES = env.list("MFA_REQUIRED_FOR_ROLES", default=[])
# Single sign-on with OpenID Connect (docs/identity.md): configured from the environment, no
# database rows. A login with a verified e-mail address of a member signs into that member; a
# new person becomes a Social Ambassador, with department and location from the named claims.
SSO_OIDC_NAME = env("SSO_OIDC_NAME", default="")
SSO_OIDC_DISCOVERY_URL = env("SSO_OIDC_DISCOVERY_URL", default="")
SSO_OIDC_CLIENT_ID = env("SSO_OIDC_CLIENT_ID", default="")
SSO_OIDC_CLIENT_SECRET = env("SSO_OIDC_CLIENT_SECRET", default="")
SSO_OIDC_SCOPES = env.list("SSO_OIDC_SCOPES", default=["openid", "email", "profile"])
# Addresses in these domains count as verified even without an ``email_verified`` claim
# (Entra ID work accounts): only list domains the organisation itself manages.
SSO_OIDC_VERIFIED_EMAIL_DOMAINS = env.list("SSO_OIDC_VERIFIED_EMAIL_DOMAINS", default=[])
SSO_DEPARTMENT_CLAIM = env("SSO_DEPARTMENT_CLAIM", default="department")
SSO_LOCATION_CLAIM = env("SSO_LOCATION_CLAIM", default="location")
SOCIALACCOUNT_ADAPTER = "people.adapter.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_EMAIL_REQUIRED = True
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "APPS": (
            [
                {
                    "provider_id": "sso",
                    "name": SSO_OIDC_NAME or "SSO",
                    "client_id": SSO_OIDC_CLIENT_ID,
                    "secret": SSO_OIDC_CLIENT_SECRET,
                    "settings": {
                        "server_url": SSO_OIDC_DISCOVERY_URL,
                        "scope": SSO_OIDC_SCOPES,
                        **(
                            {"verified_email": SSO_OIDC_VERIFIED_EMAIL_DOMAINS}
                            if SSO_OIDC_VERIFIED_EMAIL_DOMAINS
                            else {}
                        ),
                    },
                }
            ]
            if SSO_OIDC_DISCOVERY_URL and SSO_OIDC_CLIENT_ID
            else []
        ),
        "OAUTH_PKCE_ENABLED": True,
    },
    "saml": {"APPS": []},
}
# Single sign-on with SAML 2.0 (allauth's saml provider, python3-saml; docs/identity.md): the
# same rules as OpenID Connect. The IdP's metadata from a URL (read and cached for 4 hours) or a
# file; our SP metadata at <BASE_URL>/accounts/saml/sso/metadata/ (also the SP entity id), the
# ACS (reply URL) <BASE_URL>/accounts/saml/sso/acs/. Assertions must be signed.
SSO_SAML_NAME = env("SSO_SAML_NAME", default="")
SSO_SAML_IDP_METADATA_URL = env("SSO_SAML_IDP_METADATA_URL", default="")
SSO_SAML_IDP_METADATA_FILE = env("SSO_SAML_IDP_METADATA_FILE", default="")
SSO_SAML_IDP_ENTITY_ID = env("SSO_SAML_IDP_ENTITY_ID", default="")  # only when the metadata lists several
SSO_SAML_VERIFIED_EMAIL_DOMAINS = env.list("SSO_SAML_VERIFIED_EMAIL_DOMAINS", default=[])
# Which attributes of the assertion give the e-mail address, the name, the department and the
# location: the first one present counts (Entra ID's claim URIs, LDAP names and OIDs, plain names).
_CLAIMS = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims"


def _attributes(name: str, default: list[str]) -> list[str]:
    return [value for value in env.list(name, default=default) if value] or default


SSO_SAML_ATTRIBUTES = {
    "uid": _attributes("SSO_SAML_UID_ATTRIBUTES", ["urn:oasis:names:tc:SAML:attribute:subject-id"]),
    "email": _attributes(
        "SSO_SAML_EMAIL_ATTRIBUTES", ["email", "mail", "urn:oid:0.9.2342.19200300.100.1.3", f"{_CLAIMS}/emailaddress"]
    ),
    "email_verified": ["email_verified", "http://schemas.auth0.com/email_verified"],
    "first_name": _attributes(
        "SSO_SAML_FIRST_NAME_ATTRIBUTES", ["firstName", "givenName", "urn:oid:2.5.4.42", f"{_CLAIMS}/givenname"]
    ),
    "last_name": _attributes(
        "SSO_SAML_LAST_NAME_ATTRIBUTES", ["lastName", "sn", "surname", "urn:oid:2.5.4.4", f"{_CLAIMS}/surname"]
    ),
    "department": _attributes(
        "SSO_SAML_DEPARTMENT_ATTRIBUTES", ["department", "urn:oid:2.5.4.11", f"{_CLAIMS}/department"]
    ),
    "location": _attributes(
        "SSO_SAML_LOCATION_ATTRIBUTES", ["location", "city", "l", "urn:oid:2.5.4.7", f"{_CLAIMS}/city"]
    ),
}
if SSO_SAML_IDP_METADATA_URL or SSO_SAML_IDP_METADATA_FILE:
    SOCIALACCOUNT_PROVIDERS["saml"]["APPS"] = [
        {
            "client_id": "sso",  # the slug in /accounts/saml/sso/…
            "name": SSO_SAML_NAME or "SSO",
            "settings": {
                "attribute_mapping": SSO_SAML_ATTRIBUTES,
                "idp": {
                    "entity_id": SSO_SAML_IDP_ENTITY_ID or None,
                    **(
                        {"metadata_url": SSO_SAML_IDP_METADATA_URL}
                        if SSO_SAML_IDP_METADATA_URL
                        else {"metadata_file": SSO_SAML_IDP_METADATA_FILE}  # read by people.sso
                    ),
                },
                "sp": {"entity_id": f"{BASE_URL.rstrip('/')}/accounts/saml/sso/metadata/"},
                "advanced": {"want_assertion_signed": True, "reject_idp_initiated_sso": True},
                **({"verified_email": SSO_SAML_VERIFIED_EMAIL_DOMAINS} if SSO_SAML_VERIFIED_EMAIL_DOMAINS else {}),
            },
        }
    ]
# The client address for those limits: X-Forwarded-For is believed only for this many
# proxies of our own in front of the app (0: never, REMOTE_ADDR is the client).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("TRUSTED_CLIENT_IP_HEADER", default=None)
# A "forgot password" link works this many seconds (and only until it is used or the member logs in).
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=2 * 3600)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Provisioning (SCIM 2.0 at /scim/v2/, people/api/scim.py; docs/identity.md) ----------
# The identity provider's secret bearer token; empty: SCIM is off (every address answers 404).
SCIM_BEARER_TOKEN = env("SCIM_BEARER_TOKEN", default="")
# Where a member's location comes from: the work address's locality ("addresses.locality")
# or an attribute of the enterprise extension ("enterprise.division", "enterprise.organization").
SCIM_LOCATION_ATTRIBUTE = env("SCIM_LOCATION_ATTRIBUTE", default="addresses.locality")
