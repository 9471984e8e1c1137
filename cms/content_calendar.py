"""The content calendar's one-step "turn this day into a challenge" (Social Masters only;
403 for everyone else). Lives in cms because it joins strategy (the calendar) and
challenges; it is to become a challenges service."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks

from challenges import services as challenge_services
from challenges.models import Challenge, ChallengeKind
from core.errors import ServiceError
from people.models import Member
from strategy import services as strategy_services
from strategy.models import CalendarEntry


class EntryInThePast(ServiceError):
    status_code = 409


def turn_into_challenge(*, entry: CalendarEntry, by: Member, now: datetime.datetime | None = None) -> Challenge:
    """A draft challenge for the entry's days (the angle becomes the brief), linked to the
    entry. Once: the entry's row is locked, and an entry that has a challenge returns it."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = CalendarEntry.objects.select_for_update().get(pk=entry.pk)
        if locked.challenge_id:
            existing = Challenge.objects.filter(pk=locked.challenge_id).first()
            if existing is not None:
                return existing
        zone = timezone.get_default_timezone()
        closes_at = datetime.datetime.combine(locked.last_day, datetime.time(23, 59), tzinfo=zone)
        if closes_at <= now:
            raise EntryInThePast(_("This day has passed; choose an entry that is still to come."))
        opens_at = max(datetime.datetime.combine(locked.starts_on, datetime.time(8, 0), tzinfo=zone), now)
        challenge = challenge_services.create_challenge(
            by=by,
            title=locked.display_title[:160],
            brief=f"<p>{escape(locked.suggested_angle)}</p>" if locked.suggested_angle else "",
            kind=ChallengeKind.STORY,
            opens_at=opens_at,
            closes_at=closes_at,
        )
        strategy_services.mark_turned_into_challenge(entry=locked, challenge_id=challenge.pk)
    return challenge


@login_required
@require_POST
def turn_into_challenge_view(request, pk):
    if not request.user.is_master:
        raise PermissionDenied
    entry = get_object_or_404(CalendarEntry, pk=pk)
    try:
        challenge = turn_into_challenge(entry=entry, by=request.user)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect(f"/content-calendar/?month={entry.starts_on:%Y-%m}")
    messages.success(request, _("A draft challenge is ready. Check it and schedule it."))
    return redirect("challenges:manage_detail", challenge.pk)


@hooks.register("content_calendar_context")
def calendar_challenge_action(*, request):
    return {"turn_into_challenge_url": "content_calendar_challenge"}
