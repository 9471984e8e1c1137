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
# Paths (regular expressions, no leading slash) a load balancer may still ask over plain HTTP:
# /health/ always (probed inside the network), and any listed.
SECURE_REDIRECT_EXEMPT = [r"^health/$", *env.list("SECURE_REDIRECT_EXEMPT", default=[])]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True

# --- Operations (docs/deployment.md): JSON logs, error reports, /health/ -------------------
# One JSON object a line on stderr, each with the request id and the member's id during a
# request (core/request_context.py); no e-mail address, name or client address. uvicorn's
# own access log (it has the client's address) is replaced by core.requests' line.
from pythonjsonlogger.core import RESERVED_ATTRS  # noqa: E402

from core.sentry import init_sentry  # noqa: E402

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "core.request_context.RequestContextFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            # Django's request loggers attach the request itself: its path may hold a token.
            "reserved_attrs": [*RESERVED_ATTRS, "request", "server_time"],
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["request_context"]},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
    "loggers": {
        "core.requests": {"level": env("ACCESS_LOG_LEVEL", default="INFO")},
        # 4xx lines would repeat the path (with any token in it); the access line has the route.
        "django.request": {"level": "ERROR"},
        "uvicorn": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
    },
}
# Celery's workers log through LOGGING too, instead of their own plain-text root handler.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Error reports to Sentry or a compatible service (GlitchTip) when SENTRY_DSN is set, with
# personal data removed (core/sentry.py).
if env("SENTRY_DSN", default=""):
    init_sentry(
        dsn=env("SENTRY_DSN"),
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        release=env("SENTRY_RELEASE", default=""),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )

# --- Hardening: the API's schema and Swagger UI only for signed-in members ---------------
API_DOCS_LOGIN_REQUIRED = env.bool("API_DOCS_LOGIN_REQUIRED", default=True)
