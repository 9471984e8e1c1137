"""A member's points: the ledger lines that explain them, and where they stand."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from gamification.models import PointRule, PointsEntry, PointsTotal
from people.models import Member

from .levels import level_for
from .streaks import streak


def points_history(*, member: Member) -> QuerySet[PointsEntry]:
    """The member's ledger lines, newest first."""
    return PointsEntry.objects.filter(member=member).only(
        "id", "action", "ref", "points", "occurred_at", "label", "url", "reason"
    )


def action_labels() -> dict[str, str]:
    """Action → the label members know from their points history (one query)."""
    return {rule.action: rule.display_label for rule in PointRule.objects.all()}


def history_labels() -> dict[str, str]:
    """``action_labels`` plus the label of a Master's correction, for the points history."""
    labels = action_labels()
    labels.setdefault("correction", _("Correction"))
    return labels


def standing(*, member: Member, language: str | None) -> dict:
    """Points, level (name, number, points to next) and streak for a member."""
    points = PointsTotal.objects.filter(member=member).values_list("total", flat=True).first() or 0
    info = level_for(points)
    level = None
    if info is not None:
        level = {
            "number": info.number,
            "name": info.display_name(language),
            "points_to_next": info.points_to_next(points),
            "next_threshold": info.next_threshold,
        }
    return {"points": points, "level": level, "streak": streak(member)}


def recent_corrections(*, limit: int = 50) -> QuerySet[PointsEntry]:
    """The latest corrections Masters recorded, with who got and who made them."""
    return PointsEntry.objects.filter(action="correction").select_related("member", "created_by")[:limit]
