"""The refusals that are particular to sessions. Everything else a session service refuses
is one of the core family (``core.errors``: ``NotAllowed``, ``NotFound``, ``InvalidInput``,
``Conflict``, ``Busy``)."""

from core.errors import Conflict, NotAllowed


class RegistrationClosed(Conflict):
    """After the deadline, or the session was cancelled (409)."""

    default_code = "registration_closed"


class SessionFull(Conflict):
    """Every place is taken and the session has no waiting list (409)."""

    default_code = "session_full"


class NotForYou(NotAllowed):
    """The session is for other departments (403)."""

    default_code = "not_in_audience"
