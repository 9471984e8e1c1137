from .models import Member, Notification


def notifications_for(*, member: Member, limit: int = 50):
    return Notification.objects.filter(member=member).only(
        "id", "kind", "title", "body", "url", "created_at", "read_at"
    )[:limit]


def unread_count(*, member_id: int) -> int:
    return Notification.objects.filter(member_id=member_id, read_at__isnull=True).count()


def member_with_relations(*, member_id: int) -> Member:
    return Member.objects.select_related("department", "location").get(pk=member_id)
