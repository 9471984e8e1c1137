"""Settings shared by every environment, read from environment variables (12-factor).

The embedded default needs nothing: SQLite, locmem cache, eager Celery and the
in-memory channel layer. Setting ``DATABASE_URL`` and ``REDIS_URL`` switches to the
real services. Every variable is documented in ``.env.example``.
"""

from pathlib import Path

import csp.constants
import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
BASE_URL = env("BASE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = BASE_URL

INSTALLED_APPS = [
    "core",
    "people",
    "strategy",
    "courses",
    "learning",
    "events",
    "gamification",
    "challenges",
    "cms",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "people.wagtail_users.WagtailUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_celery_beat",
    "channels",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "people.middleware.ActivateMemberLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "people.middleware.RequireSecondFactorMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"
ASGI_APPLICATION = "cms.asgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the dev server, Celery-eager work and browser tests share
    # the file without "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "people.Member"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

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
# Two-factor authentication (allauth.mfa): an authenticator app (TOTP) and recovery codes.
# Members whose role is listed (``master``, ``editor``, …, and ``hr`` for the HR flag) must
# set it up before they use the site or get an API token, unless they logged in through SSO.
# Off here (the demo logs in with e-mail and password); on for Masters and HR in production.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
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
    }
}
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

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = env("LANGUAGE_CODE", default="nl")
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", default="Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
AVATAR_MAX_BYTES = 2 * 1024 * 1024
AVATAR_MAX_PIXELS = 25_000_000

# --- Wagtail --------------------------------------------------------------------------
WAGTAIL_SITE_NAME = env("SITE_NAME", default="Social Shift")
WAGTAILADMIN_LOGIN_URL = "/login/"
WAGTAILEMBEDS_FINDERS = []  # no oEmbed look-ups: the server never calls out to the internet
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# No Gravatar: the admin would send every user's hashed e-mail address to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Cache, Celery, Channels: Redis when REDIS_URL is set -----------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "capacity": 200, "expiry": 30},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # The embedded default still runs the scheduled work: beat and a worker (started beside
    # the server by `manage.py serve`, i.e. `make run`) share kombu's filesystem broker, a
    # folder under var/. Work a request sets off runs in the request's process (eager), because
    # the in-memory channel layer only reaches that process's WebSockets.
    CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="filesystem://")
    CELERY_DATA_DIR = Path(env("CELERY_DATA_DIR", default=str(BASE_DIR / "var" / "celery")))
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DATA_DIR / "queue"),
        "data_folder_out": str(CELERY_DATA_DIR / "queue"),
        "control_folder": str(CELERY_DATA_DIR / "control"),
        "store_processed": False,
    }
    CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "send-due-notification-emails": {
        "task": "people.tasks.send_due_notification_emails",
        "schedule": crontab(minute="*/5"),
    },
    "repair-leaderboards": {"task": "gamification.tasks.repair_leaderboards", "schedule": crontab(minute="*/15")},
    "sweep-badges": {"task": "gamification.tasks.sweep_badges", "schedule": crontab(minute=7)},
    "close-due-prizes": {"task": "gamification.tasks.close_due_prizes", "schedule": crontab(minute="*/5")},
    # Every 10 s: one indexed query; a challenge opens within seconds of its time (members see
    # it open from that moment anyway: the state is computed when read).
    "open-and-close-challenges": {"task": "challenges.tasks.open_and_close_challenges", "schedule": 10.0},
    "send-suggestion-digests": {
        "task": "challenges.tasks.send_weekly_digests",
        "schedule": crontab(minute=0, hour=9, day_of_week="mon"),
    },
    "delete-old-share-clicks": {
        "task": "challenges.tasks.delete_old_share_clicks",
        "schedule": crontab(minute=30, hour=3),
    },
    "send-session-reminders": {"task": "events.tasks.send_session_reminders", "schedule": crontab(minute="*/5")},
    "send-invitation-reminders": {"task": "people.tasks.send_invitation_reminders", "schedule": crontab(minute=15)},
}

# --- After-commit work ------------------------------------------------------------------
# With Redis, what a committed award or notification sets off (board index, badge checks,
# broadcasts, live pushes) leaves the process in batches at most this many seconds later
# (core/batching.py). 0: at once, in the request's thread: the embedded default, where
# there is no round trip to save and SQLite prefers one writer thread.
AFTER_COMMIT_BATCH_SECONDS = env.float("AFTER_COMMIT_BATCH_SECONDS", default=0.05 if REDIS_URL else 0)
# How long a service waits for a row another request holds (core.lock, PostgreSQL) before it
# answers 503 "try again" instead of queueing the request.
LOCK_TIMEOUT = env("LOCK_TIMEOUT", default="5s")

# --- Gamification ---------------------------------------------------------------------
# The award statement is prepared on the server; switch off behind a connection pooler
# that cannot keep prepared statements (PgBouncer in transaction mode before 1.21).
GAMIFICATION_PREPARED_AWARDS = env.bool("GAMIFICATION_PREPARED_AWARDS", default=True)

# --- Invitations ------------------------------------------------------------------------
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=14)
INVITATION_REMINDER_DAYS = env.int("INVITATION_REMINDER_DAYS", default=4)
INVITATION_MAX_REMINDERS = env.int("INVITATION_MAX_REMINDERS", default=2)
# Report exports with more rows than this run in Celery and are offered as a download.
REPORT_EXPORT_INLINE_ROWS = env.int("REPORT_EXPORT_INLINE_ROWS", default=5000)

# --- E-mail ---------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Social Shift <noreply@example.com>")

# Notifications by e-mail wait for office hours unless the member opts in to evenings and
# weekends: (first hour, last hour) on weekdays, in TIME_ZONE.
NOTIFICATION_EMAIL_HOURS = (
    env.int("NOTIFICATION_EMAIL_FIRST_HOUR", default=8),
    env.int("NOTIFICATION_EMAIL_LAST_HOUR", default=18),
)

# --- API ------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # The token class first: DRF asks the first class for the WWW-Authenticate challenge, so
    # missing or bad credentials answer 401 (as the schema documents) instead of 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "people.authentication.MemberTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "cms.api.Pagination",
    "PAGE_SIZE": 25,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("THROTTLE_ANON", default="60/minute"),
        "user": env("THROTTLE_USER", default="600/minute"),
        "login": env("THROTTLE_LOGIN", default="10/minute"),
    },
    "EXCEPTION_HANDLER": "cms.api.exception_handler",
    # Hardening: request bodies are JSON (with a nesting limit); only the views that take files
    # (story upload, the invitations CSV) add multipart, so the schema publishes one content
    # type per body and generated clients stay usable.
    "DEFAULT_PARSER_CLASSES": ["core.parsers.JSONParser"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Social Shift API",
    "DESCRIPTION": "Employee advocacy: training, activation and rewards.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "SessionKindEnum": "events.models.SessionKind",
        "RegistrationStatusEnum": "events.models.Registration.Status",
        # One name per choice set, so `spectacular --validate --fail-on-warn` passes (make check)
        # and generated clients get stable names instead of hash-suffixed ones.
        "RoleEnum": "people.models.Role",
        "LanguageEnum": "core.i18n.LANGUAGE_CHOICES",
        "ChallengeKindEnum": "challenges.models.ChallengeKind",
        "StoryStatusEnum": "challenges.models.StoryStatus",
        "PrizeStatusEnum": "gamification.models.PrizeStatus",
    },
    "PREPROCESSING_HOOKS": ["cms.api.only_public_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "cms.api.document_error_responses",
    ],
    # Swagger UI is served from the sidecar package: nothing is loaded from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- Hardening: Content Security Policy (django-csp; cms/csp.py) -------------------------
# Scripts come from the site's own static files only: no inline script, no on…= attribute,
# no eval. The one inline <style> (the branding colours, cms/_branding_head.html, and Swagger
# UI's page) carries the request's nonce; style *attributes* stay allowed (style-src-attr)
# because progress bars set their width from data, and they cannot run code.
# Forms may be sent over HTTPS only (form-action): the share buttons post to the site, which
# redirects to the network (and the network onwards), and single sign-on posts to the site,
# which redirects to the identity provider; the browser checks every such hop, so a list of
# origins would break sharing or logging in whenever a network or provider moves.
# The Wagtail admin writes inline scripts and styles of its own: under /admin/ the
# directives of CONTENT_SECURITY_POLICY_ADMIN replace these (see cms/csp.py).


def _origin(url: str) -> list[str]:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme in ("http", "https") and parts.netloc else []


_media_origins = _origin(MEDIA_URL) + _origin(STATIC_URL)  # a CDN, when they are absolute
_video_hosts = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]  # courses.blocks.video_embed_url
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", *_origin(STATIC_URL)],
        "style-src": ["'self'", *_origin(STATIC_URL), csp.constants.NONCE],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:", *_media_origins],
        "media-src": ["'self'", "https:", *_media_origins],  # lesson videos may live anywhere
        "font-src": ["'self'", *_origin(STATIC_URL)],
        "connect-src": ["'self'"],  # the API and the WebSockets of the same host
        "frame-src": _video_hosts,
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'", "https:", "mailto:"],
    }
}
CONTENT_SECURITY_POLICY_ADMIN = {
    "URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "script-src": ["'self'", "'unsafe-inline'", *_origin(STATIC_URL)],
        "style-src": ["'self'", "'unsafe-inline'", *_origin(STATIC_URL)],
        "img-src": ["'self'", "data:", "blob:", *_media_origins],
        "frame-src": ["'self'", *_video_hosts],  # the page preview
        "frame-ancestors": ["'self'"],
    },
}
INSTALLED_APPS.append("csp")
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "cms.csp.ContentSecurityPolicyMiddleware"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
