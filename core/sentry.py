"""Error reports to Sentry (or a Sentry-compatible service such as GlitchTip) when
``SENTRY_DSN`` is set, with members' personal data taken out before an event leaves.

sentry-sdk with ``send_default_pii`` off (its default) already leaves out cookies, the user's address
and e-mail; ``scrub_event`` makes sure of it whatever an integration adds: no cookies, no
authorisation or forwarded-address headers, no IP address, no request body, only the
member's id (never their name or address), and no e-mail address anywhere in the event's text (an exception message that
names a member, a log line in the breadcrumbs). Frames carry no local variables: a
``member`` in a frame would carry their name.
"""

import re

from core.request_context import current_member_id, current_request_id

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
REDACTED = "[removed]"
SECRET_HEADERS = {
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-csrftoken",
    "x-forwarded-for",
    "x-real-ip",
    "forwarded",
    "cf-connecting-ip",
    "true-client-ip",
}


def _without_emails(value):
    if isinstance(value, str):
        return EMAIL.sub(REDACTED, value)
    if isinstance(value, dict):
        return {key: _without_emails(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_without_emails(item) for item in value]
    return value


def scrub_event(event, hint=None):
    """``before_send`` (and ``before_send_transaction``): the event without personal data,
    tagged with the request id that the member's log lines carry too."""
    request = event.get("request") or {}
    request.pop("cookies", None)
    request.pop("data", None)
    headers = request.get("headers") or {}
    request["headers"] = {key: value for key, value in headers.items() if key.lower() not in SECRET_HEADERS}
    env = request.get("env") or {}
    for key in ("REMOTE_ADDR", "REMOTE_HOST", "SERVER_NAME"):
        env.pop(key, None)
    member_id = current_member_id()
    event["user"] = {"id": str(member_id)} if member_id is not None else {}
    request_id = current_request_id()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return _without_emails(event)


def init_sentry(*, dsn: str, environment: str, release: str | None, traces_sample_rate: float, **options) -> None:
    """Start the SDK (Django, Celery, Redis and logging integrations switch on by themselves)."""
    import sentry_sdk

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        # send_default_pii is off when neither it nor data_collection is given; sentry-sdk
        # 2.75 warns that the option itself is deprecated, so it is left out, not set False.
        include_local_variables=False,
        max_request_body_size="never",
        before_send=scrub_event,
        before_send_transaction=scrub_event,
        traces_sample_rate=traces_sample_rate,
        **options,
    )
