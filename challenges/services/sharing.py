"""Sharing: a member hides a suggestion, takes their tracked link, chooses to share on a
network (we only open the network's own dialog), and visitors click the link.

Points come once per story and network, and once per counted visit; every write here is
idempotent by a unique constraint, so double clicks and retries award once. No IP address
is stored: a visitor is a hash with a salt that changes every day."""

import datetime
import hashlib
import hmac
import re

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import InvalidInput
from core.queue import enqueue
from gamification.services.activity import count_activity
from people.models import Member
from strategy.services import plan as strategy_plan

from .. import policies
from ..models import Network, Share, ShareClick, ShareLink, SharingSettings, Story, SuggestionDismissal
from .rewards import reward_click, reward_share

BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|preview|facebookexternalhit|linkedinbot|whatsapp|embedly|curl|wget|"
    r"python-requests|httpclient|headless|monitor|scan|fetch",
    re.IGNORECASE,
)


def dismiss_suggestion(*, member: Member, story: Story) -> None:
    """Hide a suggestion from the member's feed. Idempotent (a unique constraint decides
    between twins); locks nothing, returns nothing, raises nothing."""
    try:
        with transaction.atomic():
            SuggestionDismissal.objects.get_or_create(member=member, story=story)
    except IntegrityError:
        pass


def share_link_for(*, member: Member, story: Story) -> ShareLink:
    """The member's tracked link for the story, created the first time (a unique
    constraint decides between twins; locks nothing). Raises nothing."""
    try:
        with transaction.atomic():
            link, _created = ShareLink.objects.get_or_create(member=member, story=story)
    except IntegrityError:
        link = ShareLink.objects.get(member=member, story=story)
    link.story = story
    return link


def share_story(*, member: Member, story: Story, network: str) -> tuple[ShareLink, Share, bool]:
    """Record that ``member`` chose to share ``story`` on ``network``; returns their tracked
    link, the share and whether it is new. Points once per story per network: the Share
    row and the ledger reference are both unique, so a double click or concurrent requests
    award once (locks nothing). Raises ``NotFound`` (not approved, ``policies.check_share``),
    ``InvalidInput`` (an unknown network)."""
    policies.check_share(member, story)
    if network not in Network.values:
        raise InvalidInput(_("Choose one of: %(networks)s.") % {"networks": ", ".join(Network.values)})
    link = share_link_for(member=member, story=story)
    try:
        with transaction.atomic():
            share, created = Share.objects.get_or_create(member=member, story=story, network=network)
            if created:
                count_activity(member_id=member.pk, kind="shares", at=share.created_at)
    except IntegrityError:
        share, created = Share.objects.get(member=member, story=story, network=network), False
    reward_share(member=member, story=story, network=network)
    if created:
        # The managers' nudge is once per link (a unique constraint), so every new share may ask.
        enqueue("challenges.tasks.nudge_managers", link.pk, robust=True)
        strategy_plan.follow_story(story_id=story.pk, story_status="shared")
    return link, share, created


def is_bot(user_agent: str) -> bool:
    return not user_agent or bool(BOT_PATTERN.search(user_agent))


def visitor_hash(*, ip: str, user_agent: str, day: datetime.date) -> str:
    """A one-way hash of the visitor with a salt that changes every day: counts unique
    visitors per day without storing an IP address or linking days together."""
    salt = hmac.new(settings.SECRET_KEY.encode(), f"share-click:{day.isoformat()}".encode(), hashlib.sha256).digest()
    return hmac.new(salt, f"{ip}|{user_agent}".encode(), hashlib.sha256).hexdigest()


def record_click(
    *, link: ShareLink, ip: str, user_agent: str, viewer: Member | None = None, now: datetime.datetime | None = None
) -> bool:
    """Count a visit on a tracked link: once per visitor per day, not for bots (by user
    agent) and not for the member's own clicks. The (link, day, hash) unique constraint
    decides between retries (locks nothing); only the visit that created the row awards
    the click point (capped per day by the ``share_click`` rule). Returns whether it
    counted; raises nothing."""
    if is_bot(user_agent):
        return False
    if viewer is not None and viewer.is_authenticated and viewer.pk == link.member_id:
        return False
    now = now or timezone.now()
    day = timezone.localdate(now)
    digest = visitor_hash(ip=ip, user_agent=user_agent, day=day)
    try:
        with transaction.atomic():
            click, created = ShareClick.objects.get_or_create(
                link=link, day=day, visitor_hash=digest, defaults={"created_at": now}
            )
    except IntegrityError:
        return False
    if created:
        reward_click(click=click, link=link, now=now)
    return created


def delete_old_clicks(*, now: datetime.datetime | None = None) -> int:
    """Delete click logs older than the retention period the organisation set (a daily
    task); returns how many went. Locks nothing, safe to run twice."""
    now = now or timezone.now()
    days = SharingSettings.load().click_retention_days
    deleted, _ = ShareClick.objects.filter(created_at__lt=now - datetime.timedelta(days=days)).delete()
    return deleted
