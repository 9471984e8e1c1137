"""Celery tasks: thin, safe to run twice (late acknowledgement is on for all tasks)."""

from asgiref.sync import async_to_sync
from celery import shared_task
from channels.layers import get_channel_layer

from people.models import Member


@shared_task(acks_late=True)
def evaluate_badges(member_id: int) -> int:
    """Award every badge whose criteria the member now meets; returns how many were new."""
    from . import badges

    member = Member.objects.filter(pk=member_id).first()
    return 0 if member is None else len(badges.evaluate_for(member))


@shared_task(acks_late=True)
def broadcast_board(board: str) -> None:
    """Send a board's new top N to everyone watching it (coalesced by the caller)."""
    from . import leaderboards

    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(leaderboards.group_name(board), leaderboards.public_top(board))
