from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
# Masters and HR need a second factor unless they log in through SSO (docs/identity.md).
MFA_REQUIRED_FOR_ROLES = env.list("MFA_REQUIRED_FOR_ROLES", default=["master", "hr"])

# --- Hardening: HTTPS only (`manage.py check --deploy` passes without a warning) ---------
# The site is served over HTTPS behind a proxy that sets X-Forwarded-Proto. Every default is
# the strict one; .env.example says what each variable does and when to change it.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Paths (regular expressions, no leading slash) a load balancer may still ask over plain HTTP.
SECURE_REDIRECT_EXEMPT = env.list("SECURE_REDIRECT_EXEMPT", default=[])
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True

# --- Hardening: the API's schema and Swagger UI only for signed-in members ---------------
API_DOCS_LOGIN_REQUIRED = env.bool("API_DOCS_LOGIN_REQUIRED", default=True)
