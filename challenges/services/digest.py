"""The weekly digest: each member hears once a week about new stories to share."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people import services as people_services
from people.models import Member

from .. import selectors
from ..models import SharingSettings, Story, StoryStatus, SuggestionDigest


def send_weekly_digests(*, now: datetime.datetime | None = None) -> int:
    """Tell every active member about new suggestions of the past week (approved in the
    last seven days, not yet shared by them), at most the weekly cap; returns how many
    members were told. Once per member and week: a unique row per member and week (and the
    notification's dedupe key) decide, so the task is safe to run twice; locks nothing.
    Only stories suggested to the member now count (``selectors.suggestions``: the editor's
    audience and period). E-mails respect each member's quiet hours (``notify`` holds them
    until the next working morning unless the member chose e-mail outside office hours)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    week = today - datetime.timedelta(days=today.weekday())
    cap = SharingSettings.load().weekly_suggestion_cap
    since = now - datetime.timedelta(days=7)
    # New this week: approved this week, or suggested from a moment this week (share_from).
    new = Q(approved_at__gte=since) | Q(share_from__gte=since, share_from__lte=now)
    if not Story.objects.filter(new, status=StoryStatus.APPROVED).exists():
        return 0
    sent = 0
    members = Member.objects.filter(is_active=True).exclude(
        pk__in=SuggestionDigest.objects.filter(week=week).values("member_id")
    )
    for member in members.iterator():
        stories = list(selectors.suggestions(member=member, now=now).filter(new).exclude(shares__member=member)[:cap])
        if not stories:
            continue
        try:
            with transaction.atomic():
                SuggestionDigest.objects.create(member=member, week=week, story_ids=[s.pk for s in stories])
                titles = "\n".join(f"• {str(s)[:100]}" for s in stories)
                people_services.notify(
                    member=member,
                    kind="suggestions_digest",
                    title=_("New stories to share this week"),
                    body=_("Your colleagues' stories, ready to share if you like them:\n%(stories)s"),
                    params={"stories": titles},
                    url=reverse("challenges:feed"),
                    dedupe_key=f"digest:{week.isoformat()}",
                )
        except IntegrityError:
            continue
        sent += 1
    return sent
