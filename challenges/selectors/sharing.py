"""Reads for sharing: the member's feed of suggestions, a tracked link, and what a share
button needs (the network's dialog, the tracked URL with UTM tags, the caption with the
organisation's disclosure line)."""

from urllib.parse import quote, urlencode

from django.conf import settings
from django.db.models import Case, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone

from people.models import Member

from ..models import Network, Share, ShareLink, SharingSettings, Story, StoryStatus, SuggestionDismissal
from .stories import with_story_details


def targeted_at(member: Member, *, now=None) -> Q:
    """Stories the approving editor suggests to ``member`` now: inside their period
    (``share_from``..``share_until``) and, where the editor chose an audience, in every part
    of it the member falls under (departments, locations, roles, languages)."""
    now = now or timezone.now()
    departments = Story.target_departments.through.objects.filter(story_id=OuterRef("pk"))
    locations = Story.target_locations.through.objects.filter(story_id=OuterRef("pk"))
    return (
        (Q(share_from__isnull=True) | Q(share_from__lte=now))
        & (Q(share_until__isnull=True) | Q(share_until__gt=now))
        & (~Exists(departments) | Exists(departments.filter(department_id=member.department_id or 0)))
        & (~Exists(locations) | Exists(locations.filter(location_id=member.location_id or 0)))
        & (Q(target_roles="") | Q(target_roles__contains=f",{member.role},"))
        & (Q(target_languages="") | Q(target_languages__contains=f",{member.language},"))
    )


def suggestions(*, member: Member, now=None) -> QuerySet[Story]:
    """Approved stories for the member's feed: suggested to them now (``targeted_at``), not
    dismissed, most relevant first (their department, their language, not yet shared by
    them), then newest."""
    dismissed = SuggestionDismissal.objects.filter(member=member, story_id=OuterRef("pk"))
    shared = Share.objects.filter(member=member, story_id=OuterRef("pk"))
    relevance = (
        Case(When(department_id=member.department_id, then=Value(4)), default=Value(0), output_field=IntegerField())
        + Case(When(language=member.language, then=Value(2)), default=Value(0), output_field=IntegerField())
        + Case(When(Exists(shared), then=Value(0)), default=Value(1), output_field=IntegerField())
    )
    return (
        Story.objects.filter(targeted_at(member, now=now), status=StoryStatus.APPROVED)
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


def my_shares(*, member: Member) -> QuerySet[Share]:
    """The member's own shares, newest first, with their story (one query)."""
    return Share.objects.filter(member=member).select_related("story").order_by("-created_at", "-id")


def outbound_url(*, story: Story, params) -> str:
    """The story's own link as the public page shows it: when the visitor came through a
    tracked link, with its UTM tags and ``ss_link`` code added, so the organisation's site
    can pass the code on with a conversion (docs/outcomes.md)."""
    from urllib.parse import parse_qsl, urlsplit, urlunsplit

    if not story.link_url:
        return ""
    code = (params.get("ss_link") or "")[:20]
    if not code or not code.replace("-", "").replace("_", "").isalnum():
        return story.link_url
    extra = {k: v[:60] for k, v in params.items() if k.startswith("utm_")}
    extra.update({"utm_content": code, "ss_link": code})
    parts = urlsplit(story.link_url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in extra]
    return urlunsplit(parts._replace(query=urlencode([*query, *extra.items()])))
