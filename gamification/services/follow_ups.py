"""What a committed award sets off: index it on the boards, let the boards it moved broadcast
soon and have the member's badges evaluated. Nothing of this happens for a rolled-back award
(``transaction.on_commit``), and awards are handled in batches (``core.batching``): at a
thousand awards a second, a Redis round trip per award cost more than the award itself."""

import datetime
import logging

from django.db import transaction

from core.batching import Batcher
from core.memo import SharedMemo
from gamification.leaderboards.boards import EntryFacts
from gamification.models import PointsEntry, PrizePeriod, PrizeStatus

from . import badge_evaluation, broadcasts
from . import boards as board_index

logger = logging.getLogger(__name__)


def after_commit_of(
    *,
    entry: PointsEntry,
    department_id: int | None,
    location_id: int | None,
    boards: list[str],
    facts: EntryFacts | None = None,
) -> None:
    """Once the award is committed, hand it to the batch (``facts``: what the award already
    read about it, which spares the index a query). The boards it moved are worked out now:
    the member's, the caller's and those of open prize periods whose formula counts it."""
    affected = ["all"]
    affected += [f"department-{department_id}"] if department_id else []
    affected += [f"location-{location_id}"] if location_id else []
    affected += [*boards, *(f"prize-{pk}" for pk in _open_prizes_counting(entry.action, entry.occurred_at))]
    item = (entry.pk, entry.member_id, affected, facts)
    transaction.on_commit(lambda: awards.add(item))


def _load_open_prizes() -> list:
    return list(
        PrizePeriod.objects.filter(status=PrizeStatus.OPEN).values_list("pk", "formula", "starts_at", "ends_at")
    )


open_prizes_memo = SharedMemo("gamification:open-prizes:v1", _load_open_prizes, timeout=60)


def _open_prizes_counting(action: str, occurred_at: datetime.datetime) -> list[int]:
    """Open prize periods whose published formula counts this action at this time: their
    live standings move too."""
    return [
        pk
        for pk, formula, starts_at, ends_at in open_prizes_memo.get()
        if starts_at <= occurred_at < ends_at and isinstance(formula, dict) and formula.get(action)
    ]


def _follow_up(items: list[tuple[int, int, list[str], EntryFacts | None]]) -> None:
    """A batch of committed awards: index them on the boards (one pipeline for those whose
    facts the award read), schedule the broadcasts of the boards they moved and mark their
    members for badge evaluation."""
    try:
        board_index.index_entries(items=[(entry_id, facts) for entry_id, _m, _b, facts in items if facts is not None])
        for entry_id, _member, _boards, facts in items:
            if facts is None:
                board_index.index_entry(entry_id=entry_id)
    except Exception:  # the ledger is the truth; the index is repaired by the drift check
        logger.warning("Could not index %s points entries", len(items), exc_info=True)
    broadcasts.schedule_broadcasts(boards=[board for _e, _m, moved, _f in items for board in moved])
    badge_evaluation.evaluate_soon(member_ids=[member_id for _e, member_id, _b, _f in items])


awards = Batcher("award-follow-ups", _follow_up)
