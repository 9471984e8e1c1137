"""Celery tasks: thin, safe to run twice (late acknowledgement is on for all tasks). Each
fetches what it needs and calls a service; the names are what services enqueue
(``core.queue.enqueue("gamification.tasks.…")``) and what the beat schedule names."""

from celery import shared_task

from people.models import Member

from .services import badge_evaluation, badge_sweep, boards, broadcasts, prizes


@shared_task(acks_late=True)
def evaluate_badges(member_id: int) -> int:
    """Award every badge whose criteria the member now meets; returns how many were new."""
    member = Member.objects.filter(pk=member_id).first()
    return 0 if member is None else len(badge_evaluation.evaluate_for(member=member))


@shared_task(acks_late=True)
def evaluate_due_badges() -> int:
    """Evaluate the members who earned points since the last run (see
    ``badge_evaluation.evaluate_soon``); runs again at once while members are waiting."""
    awarded, more = badge_evaluation.evaluate_due()
    if more:
        evaluate_due_badges.apply_async()
    return awarded


@shared_task(acks_late=True)
def sweep_badges() -> int:
    """Periodic safety net: evaluate badges for everyone with points (criteria with a
    period, or badges a Master created later), one query per badge (``badge_sweep``)."""
    return badge_sweep.sweep()


@shared_task(acks_late=True)
def broadcast_boards_now(boards: list[str]) -> int:
    """Broadcast boards that had been quiet, at once (see ``broadcasts.schedule_broadcasts``).
    Safe to run twice: a listener gets the same board again. Returns how many boards."""
    broadcasts.broadcast_boards(boards=boards)
    return len(boards)


@shared_task(acks_late=True)
def broadcast_dirty_boards(limit: int = 500) -> int:
    """Broadcast the boards that awards moved since the last run (see
    ``broadcasts.schedule_broadcasts``); runs again at once while boards are waiting.
    Returns how many boards it broadcast."""
    count, more = broadcasts.broadcast_dirty_boards(limit=limit)
    if more:
        broadcast_dirty_boards.apply_async()
    return count


@shared_task(acks_late=True)
def close_due_prizes() -> int:
    """Close the prize periods whose end date has passed; returns how many were closed."""
    return prizes.close_due_periods()


@shared_task(acks_late=True)
def repair_leaderboards() -> dict:
    """Compare the Redis leaderboards with the ledger and rebuild the boards that drifted
    (everything, if the index was never built or was lost). Nothing to do without Redis."""
    return boards.repair_index()


@shared_task(acks_late=True)
def ensure_leaderboards() -> dict:
    """Every minute: rebuild the Redis boards from the ledger if Redis lost them (restarted
    empty, flushed), so boards match the ledger within a minute of Redis coming back."""
    return boards.ensure_index()
