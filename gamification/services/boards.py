"""The board index (Redis sorted sets, ``gamification.leaderboards``) and a member's place on
the boards. The ledger is the truth: the index follows it after commit, and is rebuilt or
repaired from it at any time. Without ``REDIS_URL`` boards are read from SQL and there is
nothing to index."""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.errors import InvalidInput
from gamification.leaderboards.backend import get_backend
from gamification.leaderboards.boards import EntryFacts
from gamification.leaderboards.redis_index import RedisBackend
from gamification.leaderboards.redis_rebuild import RebuildInProgress
from people.models import LeaderboardVisibility, Member

logger = logging.getLogger(__name__)


def index_entry(*, entry_id: int) -> None:
    """Count a committed ledger entry on the boards' index (read from the ledger). Locks
    nothing; safe to repeat (an entry is counted once, see ``redis_index``). Returns nothing;
    the fallback backend turns a Redis failure into a retry later, so nothing is raised."""
    backend = get_backend()
    if backend.name != "sql":  # SQL boards read the ledger itself
        backend.index_entry(entry_id)


def index_entries(*, items: list[tuple[int, EntryFacts]]) -> None:
    """``index_entry`` for committed entries whose facts the award already read: one Redis
    round trip for all of them."""
    backend = get_backend()
    if items and backend.name != "sql":
        backend.index_entries(items)


def set_leaderboard_visibility(*, member: Member, visibility: str) -> None:
    """Show, anonymise or hide ``member`` on every board (``LeaderboardVisibility``).

    Saves the member's choice (no lock: the member changes only their own row); the board
    index follows on commit (a failure there is logged and put right by the drift repair).
    Returns nothing. Raises ``InvalidInput`` for an unknown visibility."""
    if visibility not in LeaderboardVisibility.values:
        raise InvalidInput(_("Choose how you want to appear on the leaderboards."))
    member.leaderboard_visibility = visibility
    member.save(update_fields=["leaderboard_visibility"])

    def move():
        try:
            get_backend().set_visibility(member.pk)
        except Exception:  # the drift repair catches up
            logger.warning("Could not update board visibility of member %s", member.pk, exc_info=True)

    transaction.on_commit(move)


def _uses_redis() -> bool:
    return bool(settings.REDIS_URL) and getattr(settings, "LEADERBOARD_BACKEND", "redis") == "redis"


def _rebuilding_backend() -> RedisBackend:
    return RedisBackend.from_settings(socket_timeout=60)  # a rebuild's pipelines are long


def rebuild_index(*, boards: Iterable[str] | None = None) -> dict:
    """Rebuild the current Redis boards (every board, or ``boards``) from the ledger; readers
    see the old or the new board, never a half-built one. Takes the index's rebuild lock
    (in Redis). Returns the numbers of boards, keys and rows written. Raises
    ``RebuildInProgress`` when another rebuild holds the lock."""
    return _rebuilding_backend().rebuild(boards)


def check_index() -> dict:
    """Compare every current Redis board with the ledger and rebuild those that differ
    (everything, if the index was never built or was lost). Returns the keys checked, those
    that differed and the boards rebuilt, or ``skipped`` when another rebuild runs."""
    return _rebuilding_backend().compare_and_repair()


def repair_index() -> dict:
    """``check_index`` when boards live in Redis; without Redis there is nothing to repair
    and it returns ``{}``."""
    if not _uses_redis():
        return {}
    return check_index()


def ensure_index() -> dict:
    """Rebuild the Redis boards from the ledger when the index is gone: Redis restarted
    without its data, was flushed, or a process missed too many awards while it was away
    (``FallbackBackend``); boards come from SQL until then. One ``EXISTS`` when the index is
    there. Takes the rebuild lock only to rebuild. Returns ``{}`` when there is nothing to do
    (or no Redis), ``{"rebuilt": …}`` with ``rebuild_index``'s numbers, or ``{"skipped": why}``
    while another rebuild runs or Redis does not answer; raises nothing for Redis."""
    if not _uses_redis():
        return {}
    import redis

    backend = _rebuilding_backend()
    try:
        if backend.is_ready():
            return {}
        return {"rebuilt": backend.rebuild()}
    except RebuildInProgress:
        return {"skipped": "rebuild in progress"}
    except redis.RedisError as exc:
        logger.warning("Leaderboard index not checked: Redis does not answer (%s)", exc)
        return {"skipped": "redis unavailable"}
