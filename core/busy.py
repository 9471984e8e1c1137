"""503 "busy, try again" instead of 500 when the database pool has no connection to spare.

With ``DB_POOL`` each process holds at most ``DB_POOL_MAX_SIZE`` PostgreSQL connections; a
request that cannot have one within ``DB_POOL_TIMEOUT`` seconds gets psycopg_pool's
``PoolTimeout``. ``BusyDatabaseMiddleware`` takes the request's connection before any other
middleware reads the session, so the wait runs out in one place, and answers it as
``core.errors.Busy`` does in the API: 503 with ``Retry-After`` and the code ``busy``, JSON
under ``/api/`` and ``/scim/``, the error page elsewhere. What runs out later in a request (a
view opening a connection of its own) is caught the same way (``process_exception``, and
``cms.api.exception_handler`` for the API)."""

import logging
import time

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.template import TemplateDoesNotExist, loader
from django.utils import translation
from django.utils.translation import gettext as _

from core.errors import Busy

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
JSON_PREFIXES = ("/api/", "/scim/")
WARN_EVERY = 10.0  # seconds: one warning per process while the pool stays exhausted

_warned_at = 0.0


def pool_exhausted(exc: BaseException | None) -> bool:
    """Whether ``exc`` (or what caused it: Django wraps psycopg's errors) is the pool's
    "no connection in time" (``PoolTimeout``) or "too many waiting" (``TooManyRequests``)."""
    try:
        from psycopg_pool import PoolTimeout, TooManyRequests
    except ImportError:  # no pool installed, so no pool to run out
        return False
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, PoolTimeout | TooManyRequests):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def busy() -> Busy:
    """The refusal a request gets when no database connection was free in time."""
    return Busy(_("The site is very busy right now. Please try again in a moment."))


def busy_response(request) -> HttpResponse:
    """503 with ``Retry-After``: ``{"detail", "code": "busy"}`` for the API, the error page
    (rendered without the request: no context processor may touch the database) elsewhere."""
    global _warned_at
    now = time.monotonic()
    if now - _warned_at >= WARN_EVERY:
        _warned_at = now
        logger.warning("No database connection free in time (pool exhausted): answering 503 to %s", request.path)
    # The visitor's language as LocaleMiddleware would choose it (cookie, browser): that
    # middleware has not run yet, and the member's own choice is in the database.
    with translation.override(translation.get_language_from_request(request)):
        refusal = busy()
        if request.path.startswith(JSON_PREFIXES) or "json" in request.headers.get("Accept", ""):
            response = JsonResponse({"detail": str(refusal.message), "code": refusal.code}, status=503)
        else:
            try:
                body = loader.get_template("503.html").render()
            except TemplateDoesNotExist:
                body = str(refusal.message)
            response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class BusyDatabaseMiddleware:
    """Put it after the static files (they need no connection) and before the sessions."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(connection, "pool", None) is not None:  # only a pool can run out
            try:
                connection.ensure_connection()
            except Exception as exc:
                if pool_exhausted(exc):
                    return busy_response(request)
                raise
        return self.get_response(request)

    def process_exception(self, request, exception):
        if pool_exhausted(exception):
            return busy_response(request)
        return None
