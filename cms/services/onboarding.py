"""Onboarding across apps: the member's choices and consent (people) and how they appear
on leaderboards (gamification), in one transaction."""

from django.db import transaction

from gamification.services.boards import set_leaderboard_visibility
from people import services as people_services
from people.models import Department, Member


def complete_onboarding(
    *,
    member: Member,
    language: str,
    leaderboard_visibility: str,
    department: Department | None = None,
    gender: str = "",
    age_band: str = "",
) -> Member:
    """Record what a new member chose during onboarding and their consent; revisiting it
    changes the choices and keeps the first consent time.

    Locks the member row (``people.services.complete_onboarding``). Returns the member,
    changed in place. Raises ``InvalidInput`` for a choice the form should have refused
    and ``Busy`` when the row stays locked too long."""
    with transaction.atomic():
        people_services.complete_onboarding(
            member=member, language=language, department=department, gender=gender, age_band=age_band
        )
        set_leaderboard_visibility(member=member, visibility=leaderboard_visibility)
    return member
