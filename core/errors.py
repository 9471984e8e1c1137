"""The refusals every service raises.

A service that refuses a state change raises one of these with a message for the member
(translatable) and a machine-readable ``code``; the API turns any of them into
``{"detail": message, "code": code}`` with the status that fits (``cms.api.exception_handler``)
and the pages show the message. An app subclasses one only where it names a refusal of its
own (``SessionFull(Conflict)``), so callers can catch the family or the specific case."""


class ServiceError(Exception):
    """Base of every refusal. ``message`` is shown to people; ``code`` is for programs."""

    status_code = 400
    default_code = "invalid"

    def __init__(self, message, *, code: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.code = code or self.default_code


class InvalidInput(ServiceError):
    """The request cannot be carried out as given (400)."""

    status_code = 400
    default_code = "invalid"


class NotAllowed(ServiceError):
    """The member may not do this (403)."""

    status_code = 403
    default_code = "not_allowed"


class NotFound(ServiceError):
    """What the request names does not exist, or is not visible to the member (404)."""

    status_code = 404
    default_code = "not_found"


class Conflict(ServiceError):
    """The request clashes with the current state: full, closed, already done (409)."""

    status_code = 409
    default_code = "conflict"


class Busy(ServiceError):
    """A lock could not be had in time; the caller may try again in a moment (503).
    Celery tasks retry on it instead of failing."""

    status_code = 503
    default_code = "busy"
