"""Which request a log line belongs to: a request id (the proxy's ``X-Request-ID`` when it
looks like one, else a new one; sent back on the response) and the member's id, on every log
record made while the request runs, and one access line per request.

A context variable rather than thread-locals: under ASGI a request hops between the event
loop and ``sync_to_async`` threads, and asgiref carries context variables along both ways.
Written here (thirty lines) rather than with django-guid or django-structlog: neither
gives the member's id without also logging the client's address or the member's name.

Nothing personal goes out: the member's id, never their e-mail address or name; the route
pattern (``join/<str:token>/``), never the path with its tokens; no client address.
"""

import logging
import re
import time
import uuid
from contextvars import ContextVar
from dataclasses import dataclass

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.utils.functional import SimpleLazyObject, empty

HEADER = "X-Request-ID"
# What a proxy sends (nginx's $request_id is 32 hex digits, a UUID has dashes); anything
# else (too long, spaces, quotes, newlines that would forge log lines) is replaced.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,127}")

access_log = logging.getLogger("core.requests")


@dataclass
class RequestContext:
    request_id: str
    request: object


_current: ContextVar[RequestContext | None] = ContextVar("request_context", default=None)


def current_request_id() -> str | None:
    context = _current.get()
    return context.request_id if context else None


def current_member_id() -> int | None:
    """The signed-in member's id, if the request has already looked them up (a log line
    never costs a query: the session and the member are read only where the request reads
    them anyway). DRF puts a token's member on the request too."""
    context = _current.get()
    user = context.request.__dict__.get("user") if context else None
    if user is None or (isinstance(user, SimpleLazyObject) and user._wrapped is empty):
        return None
    return user.pk if user.is_authenticated else None


class RequestIdMiddleware:
    """First in MIDDLEWARE, so that every later middleware's log lines carry the id."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def __call__(self, request):
        if iscoroutinefunction(self):
            return self._acall(request)
        token, started = self._begin(request)
        try:
            response = self.get_response(request)
            self._end(request, response, started)
        finally:
            _current.reset(token)
        return response

    async def _acall(self, request):
        token, started = self._begin(request)
        try:
            response = await self.get_response(request)
            self._end(request, response, started)
        finally:
            _current.reset(token)
        return response

    def _begin(self, request):
        incoming = request.headers.get(HEADER, "")
        request_id = incoming if SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        return _current.set(RequestContext(request_id=request_id, request=request)), time.monotonic()

    def _end(self, request, response, started):
        response[HEADER] = request.request_id
        match = getattr(request, "resolver_match", None)
        access_log.info(
            "%s %s %s",
            request.method,
            match.route if match else "-",
            response.status_code,
            extra={
                "method": request.method,
                "route": match.route if match else None,
                "status": response.status_code,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
            },
        )


class RequestContextFilter(logging.Filter):
    """Adds ``request_id`` and ``member_id`` to every record (None outside a request)."""

    def filter(self, record):
        record.request_id = current_request_id()
        record.member_id = current_member_id()
        return True
