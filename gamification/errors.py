"""Gamification's own refusals, each a member of the core family (``core.errors``) so the API
answers with its status and the pages show its message. Everything else a service refuses is
a plain ``InvalidInput`` or ``NotAllowed``."""

from django.utils.translation import gettext_lazy as _

from core.errors import Conflict, InvalidInput, NotFound


class UnknownBoard(NotFound):
    """No leaderboard has that name (404)."""

    default_code = "unknown_board"

    def __init__(self, message=None, *, code: str | None = None):
        super().__init__(message or _("No such board."), code=code)


class UnknownPrize(UnknownBoard):
    """No prize period with that id: also an unknown board, as ``prize-<id>`` names one."""

    default_code = "unknown_prize"


class NominationRefused(InvalidInput):
    """A peer nomination that breaks the prize's rules (yourself, no reason, not eligible)."""

    default_code = "nomination_refused"


class AlreadyNominated(Conflict):
    """The member already nominated someone for this prize period (409)."""

    default_code = "already_nominated"


class NotOpen(Conflict):
    """The prize period is not open for this (409): nominations closed, not started yet,
    or winners to confirm before it was closed."""

    default_code = "not_open"


class JuryRefused(InvalidInput):
    """The jury's choice of winners breaks the published rules."""

    default_code = "jury_refused"
