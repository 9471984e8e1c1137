"""Reach: shares and unique clicks, and the estimated media value."""

from decimal import Decimal

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from cms.models import ProgrammeSettings
from people.models import Department

from .. import metrics
from ..metrics import Scope
from .participation import MIN_GROUP, SUPPRESSED_NOTE, group_rows


def suppressed(cost_per_click: Decimal) -> dict:
    """Reach for a selection under ``MIN_GROUP`` members: no figure at all, as the other
    reports (a story or a network with one sharer would point at them)."""
    return {
        "suppressed": True,
        "suppressed_note": str(SUPPRESSED_NOTE),
        "stories": [],
        "departments": [],
        "networks": [],
        "shares": None,
        "unique_clicks": None,
        "cost_per_click": cost_per_click,
        "estimated_media_value": None,
    }


def reach(scope: Scope, *, limit: int = 50) -> dict | None:
    """Shares and unique clicks per story, department and network, and an estimated media
    value; nothing but ``suppressed`` when the selection has fewer than ``MIN_GROUP``
    members. ``None`` when the challenges app (stories and shares) is not installed."""
    share, click, story = (metrics.model(n) for n in ("challenges.Share", "challenges.ShareClick", "challenges.Story"))
    if share is None or click is None or story is None:
        return None
    settings = ProgrammeSettings.load()
    if metrics.members(scope, "total")["total"] < MIN_GROUP:
        return suppressed(settings.cost_per_click)
    member_scope = metrics.member_filter(scope, "member")
    shares = share.objects.filter(created_at__gte=scope.start, created_at__lte=scope.end, **member_scope).order_by()
    clicks = click.objects.filter(
        day__gte=scope.start.date(), day__lte=scope.end.date(), **metrics.member_filter(scope, "link__member")
    ).order_by()
    shares_by_story = dict(shares.values("story_id").annotate(n=Count("id")).values_list("story_id", "n"))
    clicks_by_story = dict(clicks.values("link__story_id").annotate(n=Count("id")).values_list("link__story_id", "n"))
    top = sorted(
        set(shares_by_story) | set(clicks_by_story),
        key=lambda pk: (-clicks_by_story.get(pk, 0), -shares_by_story.get(pk, 0), pk),
    )[:limit]
    titles = dict(story.objects.filter(pk__in=top).values_list("pk", "title"))
    by_network = dict(shares.values("network").annotate(n=Count("id")).values_list("network", "n"))
    network_labels = dict(share._meta.get_field("network").choices)
    total_clicks = clicks.count()
    departments = dict(Department.objects.values_list("id", "name"))
    raw = metrics.compute(scope, "department", {"members", "shares", "clicks"})
    department_rows, _total = group_rows(raw, "department", departments)
    value = (Decimal(total_clicks) * settings.cost_per_click).quantize(Decimal("0.01"))
    return {
        "suppressed": False,
        "suppressed_note": None,
        "stories": [
            {
                "id": pk,
                "title": titles.get(pk) or str(_("(untitled story)")),
                "shares": shares_by_story.get(pk, 0),
                "clicks": clicks_by_story.get(pk, 0),
            }
            for pk in top
        ],
        "departments": [
            {"name": r.label, "shares": r.raw.get("shares", 0), "clicks": r.raw.get("clicks", 0)}
            for r in department_rows
        ],
        "networks": [
            {"network": str(network_labels.get(key, key)), "shares": n} for key, n in sorted(by_network.items())
        ],
        "shares": sum(by_network.values()),
        "unique_clicks": total_clicks,
        "cost_per_click": settings.cost_per_click,
        "estimated_media_value": value,
    }
