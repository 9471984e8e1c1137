"""What challenges and stories earn: every call into the points ledger and the winner's badge,
in one place.

Each award is idempotent by its ledger reference (``story:<pk>``, ``story:<pk>:<network>``,
``click:<pk>``, ``challenge:<pk>``), so a retried request or task never awards twice. A
story inside a challenge also scores on the challenge's board, which is what its standings
count. Called by the services in this package while they hold the row that decides."""

import datetime

from django.urls import reverse

from gamification.models import PointRule
from gamification.services import badges
from gamification.services.points import record_action
from people.models import Member

from ..models import Challenge, ShareClick, ShareLink, Story

_RULE_LABELS = {
    "entry": ("Inzending voor challenge “%s”", "Entry for challenge “%s”"),
    "bonus": ("Winnaarsbonus challenge “%s”", "Winner bonus challenge “%s”"),
}


def story_boards(story: Story) -> list[str]:
    """The boards a story's points count on besides the general ones: its challenge's."""
    return [f"challenge-{story.challenge_id}"] if story.challenge_id else []


def challenge_rule(*, challenge: Challenge, what: str, points: int) -> str:
    """The point rule (its action name) for this challenge's own numbers, ``what`` being
    ``"entry"`` (points per entry) or ``"bonus"`` (winner bonus), kept in line with what the
    Master set on the challenge. Creates or updates the rule; locks nothing."""
    action = f"challenge-{challenge.pk}-{what}"
    label_nl, label_en = _RULE_LABELS[what]
    rule, created = PointRule.objects.get_or_create(
        action=action,
        defaults={
            "label": (label_nl % challenge.title)[:120],
            "label_en": (label_en % challenge.title)[:120],
            "points": points,
        },
    )
    if not created and rule.points != points:
        rule.points = points
        rule.save(update_fields=["points"])
    return action


def reward_approval(*, story: Story) -> None:
    """The creator's points for an approved story, and the challenge's points per entry."""
    creator = story.creator
    url = reverse("challenges:my_stories")
    label = str(story)[:200]
    ref = f"story:{story.pk}"
    boards = story_boards(story)
    record_action(member=creator, action="story_approved", ref=ref, boards=boards, label=label, url=url)
    challenge = story.challenge
    if challenge is not None and challenge.points_per_entry:
        action = challenge_rule(challenge=challenge, what="entry", points=challenge.points_per_entry)
        record_action(member=creator, action=action, ref=ref, boards=boards, label=label, url=url)


def reward_win(*, challenge: Challenge, member: Member) -> None:
    """A winner's points, the challenge's winner bonus and its badge, once each."""
    url = reverse("challenges:detail", args=[challenge.pk])
    ref = f"challenge:{challenge.pk}"
    record_action(member=member, action="challenge_won", ref=ref, label=challenge.title, url=url)
    if challenge.winner_bonus:
        action = challenge_rule(challenge=challenge, what="bonus", points=challenge.winner_bonus)
        record_action(member=member, action=action, ref=ref, label=challenge.title, url=url)
    if challenge.badge_id:
        badges.award(member=member, badge=challenge.badge, reason=challenge.title)


def reward_share(*, member: Member, story: Story, network: str) -> None:
    """Points for choosing to share, once per story and network."""
    record_action(
        member=member,
        action="story_shared",
        ref=f"story:{story.pk}:{network}",
        boards=story_boards(story),
        label=str(story)[:200],
        url=reverse("challenges:feed"),
    )


def reward_click(*, click: ShareClick, link: ShareLink, now: datetime.datetime) -> None:
    """The sharer's point for a counted visit (the ``share_click`` rule caps it per day)."""
    story = link.story
    record_action(
        member=link.member,
        action="share_click",
        ref=f"click:{click.pk}",
        occurred_at=now,
        boards=story_boards(story),
        label=str(story)[:200],
        url=reverse("challenges:feed"),
    )
