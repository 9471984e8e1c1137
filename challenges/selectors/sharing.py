"""Reads for sharing: the member's feed of suggestions, a tracked link, and what a share
button needs (the network's dialog, the tracked URL with UTM tags, the caption with the
organisation's disclosure line)."""

from urllib.parse import quote, urlencode

from django.conf import settings
from django.db.models import Case, Exists, IntegerField, OuterRef, Prefetch, QuerySet, Value, When
from django.urls import reverse

from people.models import Member

from ..models import Network, Share, ShareLink, SharingSettings, Story, StoryStatus, SuggestionDismissal
from .stories import with_story_details


def suggestions(*, member: Member) -> QuerySet[Story]:
    """Approved stories for the member's feed: not dismissed, most relevant first (their
    department, their language), then newest."""
    dismissed = SuggestionDismissal.objects.filter(member=member, story_id=OuterRef("pk"))
    relevance = Case(
        When(department_id=member.department_id, then=Value(2)), default=Value(0), output_field=IntegerField()
    ) + Case(When(language=member.language, then=Value(1)), default=Value(0), output_field=IntegerField())
    return (
        Story.objects.filter(status=StoryStatus.APPROVED)
        .exclude(Exists(dismissed))
        .annotate(relevance=relevance)
        .order_by("-relevance", "-approved_at", "-id")
    )


def suggestion_feed(*, member: Member) -> QuerySet[Story]:
    """``suggestions`` with what the feed shows: images, creator, and my shares
    (``my_shares``)."""
    return with_story_details(suggestions(member=member)).prefetch_related(
        Prefetch("shares", queryset=Share.objects.filter(member=member), to_attr="my_shares")
    )


def share_link(*, code: str) -> ShareLink | None:
    """The tracked link ``/s/<code>`` if its story is still approved, else None."""
    return ShareLink.objects.select_related("story").filter(code=code[:20], story__status=StoryStatus.APPROVED).first()


def disclosure_line() -> str:
    return SharingSettings.load().disclosure_line.strip()


def caption_for(*, story: Story, caption: str | None = None, disclosure: str | None = None) -> str:
    """The caption to share: the member's own words unless the editor fixed it, with the
    organisation's disclosure line appended where it wants one (pass ``disclosure`` to
    read the settings once for a whole feed)."""
    text = story.caption or story.text
    if caption and caption.strip() and not story.caption_fixed:
        text = caption.strip()
    disclosure = disclosure_line() if disclosure is None else disclosure
    if disclosure and disclosure not in text:
        text = f"{text}\n\n{disclosure}" if text else disclosure
    return text


def utm_params(*, story: Story, network: str) -> dict:
    return {
        "utm_source": network,
        "utm_medium": "social",
        "utm_campaign": f"challenge-{story.challenge_id}" if story.challenge_id else "ambassadors",
    }


def tracking_url(*, link: ShareLink, network: str) -> str:
    base = settings.BASE_URL.rstrip("/")
    query = urlencode(utm_params(story=link.story, network=network))
    return f"{base}{reverse('challenges:share_redirect', args=[link.code])}?{query}"


def share_dialog_url(*, network: str, url: str, caption: str, title: str = "") -> str:
    """The network's own share dialog: the member posts (or not) on their own channel."""
    if network == Network.LINKEDIN:
        return "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})
    if network == Network.X:
        return "https://x.com/intent/post?" + urlencode({"text": caption[:200], "url": url})
    if network == Network.FACEBOOK:
        return "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})
    if network == Network.WHATSAPP:
        return "https://wa.me/?" + urlencode({"text": f"{caption}\n{url}".strip()})
    body = f"{caption}\n\n{url}".strip()
    return f"mailto:?subject={quote(title or caption[:80])}&body={quote(body)}"


def share_payload(*, link: ShareLink, network: str, caption: str | None = None) -> dict:
    """What the share button needs: the network's dialog with the tracked link, the link
    itself and the caption to paste."""
    url = tracking_url(link=link, network=network)
    text = caption_for(story=link.story, caption=caption)
    return {
        "network": network,
        "tracking_url": url,
        "share_url": share_dialog_url(network=network, url=url, caption=text, title=str(link.story)),
        "caption": text,
    }
