from django.db.models import QuerySet

from people.models import Member

from . import levels
from .models import PointsEntry, PointsTotal
from .services import streak


def points_history(*, member: Member) -> QuerySet[PointsEntry]:
    return PointsEntry.objects.filter(member=member).only(
        "id", "action", "ref", "points", "occurred_at", "label", "url", "reason"
    )


def standing(*, member: Member, language: str | None) -> dict:
    """Points, level (name, number, points to next) and streak for a member."""
    points = PointsTotal.objects.filter(member=member).values_list("total", flat=True).first() or 0
    info = levels.level_for(points)
    level = None
    if info is not None:
        level = {
            "number": info.number,
            "name": info.display_name(language),
            "points_to_next": info.points_to_next(points),
            "next_threshold": info.next_threshold,
        }
    return {"points": points, "level": level, "streak": streak(member)}
