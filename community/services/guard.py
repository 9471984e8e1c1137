"""The spam defence that decides, before anyone else sees it, whether a new post is
published or waits for a moderator (Discourse-style trust levels):

- the honeypot: a form field people never see; a bot that fills it is refused (400);
- the rate limit per member (``COMMUNITY_RATE_LIMIT`` posts per ``COMMUNITY_RATE_WINDOW``
  seconds), counted in the cache, so it fails open when Redis is away (``core.cache``);
- duplicates: the same text by the same member within a day is refused (409);
- trust: a new member's first ``COMMUNITY_TRUSTED_AFTER`` published posts, a post with
  ``COMMUNITY_MAX_LINKS`` links or more, and every post of a member with open reports against
  them are held; so is a post the spam model (``community.spam``) scores at ``HOLD_AT`` or more.

Moderators and Social Masters are trusted: their posts are never held by trust or score.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from core.errors import Conflict, InvalidInput, ServiceError
from people.models import Member

from .. import sanitise, selectors, spam
from ..models import PostStatus


class RateLimited(ServiceError):
    status_code = 429
    default_code = "rate_limited"


@dataclass(frozen=True)
class Verdict:
    status: str
    held_reason: str
    score: float


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def check_honeypot(value: str) -> None:
    if (value or "").strip():
        raise InvalidInput(_("This post looks automated and was not accepted."), code="honeypot")


def check_rate(*, member: Member, now: datetime.datetime) -> None:
    """Counts this attempt; raises ``RateLimited`` (429) past the limit."""
    window = _setting("COMMUNITY_RATE_WINDOW", 600)
    limit = _setting("COMMUNITY_RATE_LIMIT", 10)
    key = f"community:rate:{member.pk}:{int(now.timestamp()) // window}"
    try:
        cache.add(key, 0, timeout=window)
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    except Exception:  # noqa: BLE001 - a limit, never the reason a post fails
        return
    if count > limit:
        raise RateLimited(_("You are posting very quickly. Wait a few minutes and try again."))


def check_duplicate(*, member: Member, fingerprint: str, now: datetime.datetime) -> None:
    if selectors.recent_duplicate(member=member, fingerprint=fingerprint, since=now - datetime.timedelta(days=1)):
        raise Conflict(_("You posted this text already."), code="duplicate_post")


def judge(*, member: Member, body: str, trusted: bool, model: dict) -> Verdict:
    """The status of a new post by ``member`` (``trusted``: a moderator of the space)."""
    score = spam.score(model, body)
    if trusted:
        return Verdict(PostStatus.PUBLISHED, "", score)
    if sanitise.link_count(body) >= _setting("COMMUNITY_MAX_LINKS", 3):
        return Verdict(PostStatus.PENDING, "links", score)
    if selectors.open_report_count_against(member=member):
        return Verdict(PostStatus.PENDING, "reported_author", score)
    if score >= spam.HOLD_AT:
        return Verdict(PostStatus.PENDING, "spam_score", score)
    if selectors.published_post_count(member=member) < _setting("COMMUNITY_TRUSTED_AFTER", 2):
        return Verdict(PostStatus.PENDING, "new_member", score)
    return Verdict(PostStatus.PUBLISHED, "", score)
