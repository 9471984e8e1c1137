"""Erasure's part in challenges. When a challenge closes, its standings and winners are fixed
as JSON copies that name the entrants (so that later name changes do not rewrite a result);
an erased member must not stay named there."""

from people.models import Member

from ..models import Challenge
from ..selectors import entrant_name


def forget_entrant(*, member: Member) -> int:
    """Give ``member`` (already anonymised) the name the live standings now give them in
    every challenge's fixed standings and winners; ranks and scores stay. Locks nothing
    itself: the caller (``cms.services.privacy.erase_member``) holds the member's lock inside
    its transaction. Returns the number of challenges changed; raises nothing of its own."""
    name = entrant_name(display_name=member.display_name, email=member.email)
    changed = []
    # Few challenges close in a year, and SQLite has no JSON containment lookup: read them all.
    for challenge in Challenge.objects.exclude(standings=[], winners=[]).only("id", "standings", "winners"):
        touched = False
        for rows in (challenge.standings, challenge.winners):
            for row in rows:
                if row.get("member_id") == member.pk and row.get("name") != name:
                    row["name"] = name
                    touched = True
        if touched:
            changed.append(challenge)
    Challenge.objects.bulk_update(changed, ["standings", "winners"])
    return len(changed)
