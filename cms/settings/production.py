from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
# Masters and HR need a second factor unless they log in through SSO (docs/identity.md).
MFA_REQUIRED_FOR_ROLES = env.list("MFA_REQUIRED_FOR_ROLES", default=["master", "hr"])

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
# A load balancer probes /health/ over plain HTTP inside the network: never redirect it to
# https (should SECURE_SSL_REDIRECT be switched on).
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
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
