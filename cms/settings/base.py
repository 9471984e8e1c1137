"""Settings shared by every environment, read from environment variables (12-factor).

The embedded default needs nothing: SQLite, locmem cache, eager Celery and the
in-memory channel layer. Setting ``DATABASE_URL`` and ``REDIS_URL`` switches to the
real services. Every variable is documented in ``.env.example``.
"""

from pathlib import Path

import csp.constants
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from .environment import (  # noqa: F401 (settings)
    BASE_DIR,
    BASE_URL,
    CONVERSIONS_SECRET,
    XAPI_LRS_ENDPOINT,
    XAPI_LRS_KEY,
    XAPI_LRS_SECRET,
    env,
)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
# After changing SECRET_KEY: the old one here (comma-separated) keeps sessions, signed links and
# sealed secrets (core.sealed) working until `manage.py rotate_badge_key --reseal` has run.
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
WAGTAILADMIN_BASE_URL = BASE_URL
# The domain in every calendar event's UID (core.ical). Set it once and keep it when BASE_URL
# changes; its default, the host of BASE_URL, is what UIDs were made of before it existed.
ICAL_UID_DOMAIN = env("ICAL_UID_DOMAIN", default="") or BASE_URL.split("://", 1)[-1].split("/")[0].split(":")[0]

INSTALLED_APPS = [
    "core",
    "people",
    "strategy",
    "courses",
    "learning",
    "events",
    "gamification",
    "challenges",
    "community",
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
    "allauth.socialaccount.providers.saml",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # First: every later middleware's log lines carry the request id (core/request_context.py).
    "core.request_context.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.busy.BusyDatabaseMiddleware",  # no database connection free in time: 503, not 500
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
    "strategy.middleware.RequireGuidelinesMiddleware",  # the current guidelines before anything else
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
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # A bounded pool of connections per process (psycopg_pool), shared by the request threads
    # (ASGI runs each request in a thread of its own, and a persistent connection per thread
    # grew past PostgreSQL's max_connections). A request that cannot have a connection within
    # DB_POOL_TIMEOUT seconds is answered 503 with Retry-After (core/busy.py). DB_POOL=off
    # behind PgBouncer: then each thread keeps its connection for CONN_MAX_AGE seconds.
    if env.bool("DB_POOL", default=True):
        DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps them; Django must not
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": env.int("DB_POOL_MIN_SIZE", default=2),
            "max_size": env.int("DB_POOL_MAX_SIZE", default=10),
            "timeout": env.float("DB_POOL_TIMEOUT", default=15.0),
        }
    else:
        DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "people.Member"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# --- Identity: login, its limits, two-factor, single sign-on, SCIM (cms/settings/identity.py)
from .identity import *  # noqa: E402, F403

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
# Files only the application hands out, after asking who asks (core/storage.py): report
# exports and story photos and videos. Never serve this folder directly.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default="") or BASE_DIR / "var" / "private-media")
# Behind nginx: an `internal` location aliased to PRIVATE_MEDIA_ROOT (e.g. /_private-media/);
# the application checks who asks and nginx sends the file. Empty: the application sends it.
PRIVATE_MEDIA_ACCEL_REDIRECT = env("PRIVATE_MEDIA_ACCEL_REDIRECT", default="")
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
# When Redis is away the site keeps working (docs/resilience.md): the cache fails open to
# each process's memory (core/cache.py), boards are ranked in SQL, live pushes are skipped,
# and a worker waits for the broker to come back instead of exiting.
# A message a worker took but never acknowledged (the worker was killed) goes back to the
# queue after this many seconds; it must exceed the longest task and the longest countdown.
BROKER_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=300)


def redis_services(url: str) -> dict:
    """The settings that put the cache, Celery's broker and the channel layer on the Redis
    at ``url`` (cms.settings.test moves them to another database number per test worker)."""
    return {
        "CACHES": {
            "default": {
                "BACKEND": "core.cache.ResilientRedisCache",
                "LOCATION": url,
                "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
            }
        },
        "CELERY_BROKER_URL": url,
        "CELERY_BROKER_TRANSPORT_OPTIONS": {"visibility_timeout": BROKER_VISIBILITY_TIMEOUT},
        "CHANNEL_LAYERS": {
            "default": {
                "BACKEND": env("CHANNEL_LAYER_BACKEND", default="core.channel_layer.FanOutRedisChannelLayer"),
                # group_expiry: listeners of a worker that died leave their boards' groups
                # after 5 minutes (the living re-join every 100 s: gamification.consumers).
                "CONFIG": {"hosts": [url], "capacity": 200, "expiry": 30, "group_expiry": 300},
            }
        },
    }


REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    vars().update(redis_services(REDIS_URL))
    CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
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
# A worker that loses the broker reconnects, as often and as long as it takes (also when it
# starts before the broker), instead of exiting after 100 tries (about 50 minutes). Tasks it
# was running are stopped then and handed out again (they cannot be acknowledged any more):
# every task is safe to run twice.
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "send-due-notification-emails": {
        "task": "people.tasks.send_due_notification_emails",
        "schedule": crontab(minute="*/5"),
    },
    "repair-leaderboards": {"task": "gamification.tasks.repair_leaderboards", "schedule": crontab(minute="*/15")},
    # One EXISTS a minute; a rebuild only when Redis came back without the board index.
    "ensure-leaderboards": {"task": "gamification.tasks.ensure_leaderboards", "schedule": crontab(minute="*")},
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
    "send-plan-reminders": {"task": "strategy.tasks.send_plan_reminders", "schedule": crontab(minute=20)},
    "send-invitation-reminders": {"task": "people.tasks.send_invitation_reminders", "schedule": crontab(minute=15)},
    # /health/ calls the worker stale when this has not run for HEALTH_WORKER_STALE_MINUTES.
    "record-worker-heartbeat": {"task": "cms.tasks.record_worker_heartbeat", "schedule": 60.0},
    "delete-expired-report-exports": {
        "task": "cms.tasks.delete_expired_report_exports",
        "schedule": crontab(minute=45),
    },
    # Daily in the first days of the month: a run that missed the 1st still sends (once per member and month).
    "send-monthly-summaries": {
        "task": "cms.tasks.send_monthly_summaries",
        "schedule": crontab(minute=0, hour=8, day_of_month="1-3"),
    },
    # The community's spam score, learned from the moderators' decisions (docs/community.md).
    "retrain-community-spam-model": {"task": "community.tasks.retrain_spam_model", "schedule": crontab(minute=20)},
    # xAPI statements the LRS did not take yet (it was down, or the broker was), once their
    # back-off has passed; one indexed query when there are none.
    "send-xapi-statements": {"task": "learning.tasks.send_xapi_statements", "schedule": 60.0},
}

# --- /health/ (cms/views/health.py; docs/deployment.md) ---------------------------------
# The worker heartbeat counts (off where no worker runs on purpose); how old it may get; how
# much room MEDIA_ROOT's disk must have left.
HEALTH_CHECK_WORKER = env.bool("HEALTH_CHECK_WORKER", default=True)
HEALTH_WORKER_STALE_MINUTES = env.int("HEALTH_WORKER_STALE_MINUTES", default=5)
HEALTH_MEDIA_MIN_FREE_MB = env.int("HEALTH_MEDIA_MIN_FREE_MB", default=500)

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
# A prepared export can be downloaded this many days; then the file and its row are deleted.
REPORT_EXPORT_KEEP_DAYS = env.int("REPORT_EXPORT_KEEP_DAYS", default=7)

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
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "strategy.permissions.GuidelinesAccepted",  # writes wait for the guidelines to be accepted
    ],
    "DEFAULT_PAGINATION_CLASS": "cms.api.Pagination",
    "PAGE_SIZE": 25,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": [
        "core.throttling.AnonRateThrottle",
        "core.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("THROTTLE_ANON", default="60/minute"),
        "user": env("THROTTLE_USER", default="600/minute"),
        "login": env("THROTTLE_LOGIN", default="10/minute"),
        "conversions": env("THROTTLE_CONVERSIONS", default="120/minute"),
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
        "CommunityPostStatusEnum": "community.api.serializers.PUBLIC_STATUS_CHOICES",
        "PrizeStatusEnum": "gamification.models.PrizeStatus",
    },
    "PREPROCESSING_HOOKS": ["cms.api.only_public_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "cms.api.document_error_responses",
        "cms.api.optional_bodies_of_several_types",
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
        "frame-src": ["'self'", *_video_hosts],  # 'self': a lesson's e-learning package (learning.views)
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
