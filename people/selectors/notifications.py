"""The member's notifications and unread counts."""

from django.db.models import Count

from ..models import Member, Notification


def notifications_for(*, member: Member, limit: int | None = 50):
    """The member's notifications, newest first (one query); ``limit=None`` for a
    queryset the API paginates."""
    qs = Notification.objects.filter(member=member).only("id", "kind", "title", "body", "url", "created_at", "read_at")
    return qs if limit is None else qs[:limit]


def unread_count(*, member_id: int) -> int:
    return Notification.objects.filter(member_id=member_id, read_at__isnull=True).count()


def unread_counts(*, member_ids: list[int]) -> dict[int, int]:
    """Unread notifications per member, for members who have any (one query)."""
    rows = (
        Notification.objects.filter(member_id__in=member_ids, read_at__isnull=True)
        .values("member_id")
        .annotate(unread=Count("id"))
        .values_list("member_id", "unread")
    )
    return dict(rows)
