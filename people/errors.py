"""The refusals people's services and selectors name (``core.errors`` is the family)."""

from core.errors import Conflict, InvalidInput, NotFound, ServiceError


class InvitationError(InvalidInput):
    """Bad invitation input (400); ``errors`` lists the problems per line (``{"line", "message"}``)."""

    default_code = "invalid_invitations"

    def __init__(self, message, errors: list[dict] | None = None):
        super().__init__(message)
        self.errors = errors or []


class InvalidInvitationLink(NotFound):
    """A join link that is tampered with, expired or replaced by a newer one (404)."""

    default_code = "invalid_invitation_link"


class InvitationAlreadyAccepted(Conflict):
    """The invitation was used already, or its address has an account (409)."""

    default_code = "invitation_accepted"


class PilotFull(Conflict):
    """The pilot group would grow beyond its limit (409)."""

    default_code = "pilot_full"


class TooManyLoginAttempts(ServiceError):
    """Too many failed logins for this account or from this address (429); the login
    works again once the window of the limit has passed (``ACCOUNT_RATE_LIMITS``)."""

    status_code = 429
    default_code = "too_many_login_attempts"
