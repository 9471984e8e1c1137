"""Erasure's part in challenges. When a challenge closes, its standings and winners are fixed
as JSON copies that name the entrants (so that later name changes do not rewrite a result);
an erased member must not stay named there. Other members' points for sharing the member's
stories, and the admin's history of edits to them, carry the story's title: those copies go
too."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from wagtail.models import ModelLogEntry

from gamification.models import PointsEntry
from people.models import Member

from ..models import Challenge, Network, ShareClick, Story
from ..selectors import entrant_name


def forget_stories(*, member: Member) -> None:
    """Blank the copies of the titles of ``member``'s stories held outside the stories:
    other members' points entries for sharing them and for clicks on their links (labelled
    with the title; ``rewards.reward_share``/``reward_click``) and the admin's log of edits
    to them. Rows and points stay. Locks nothing itself (the caller holds the member's
    lock inside its transaction); returns nothing."""
    story_ids = list(Story.objects.filter(creator=member).values_list("pk", flat=True))
    if not story_ids:
        return
    share_refs = [f"story:{pk}:{network}" for pk in story_ids for network in Network.values]
    click_refs = (
        ShareClick.objects.filter(link__story__creator=member)
        .annotate(ref=Concat(Value("click:"), Cast("pk", CharField())))
        .values("ref")
    )
    story_type = ContentType.objects.get_for_model(Story)
    PointsEntry.objects.filter(ref__in=share_refs).update(label="")
    PointsEntry.objects.filter(action="share_click", ref__in=click_refs).update(label="")
    # The log's label is the title; it becomes what the story is called once blanked.
    for pk in story_ids:
        ModelLogEntry.objects.filter(content_type=story_type, object_id=str(pk)).update(label=f"#{pk}", data={})


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
