"""Streaks: runs of consecutive weeks (Monday to Sunday, local time) in which a member earned
points. The weeks are the ``ActiveWeek`` rows awards write."""

import datetime

from django.utils import timezone

from gamification.models import ActiveWeek
from people.models import Member


def streak(member: Member) -> dict:
    """Current and longest run of consecutive active weeks. The current week only breaks
    the streak once it is over: a streak through last week is still alive this week. One
    query."""
    weeks = sorted(ActiveWeek.objects.filter(member=member).values_list("week", flat=True))
    return streak_from_weeks(weeks, timezone.localdate())


def streak_from_weeks(weeks: list[datetime.date], today: datetime.date) -> dict:
    longest = run = 0
    previous = None
    for week in weeks:
        run = run + 1 if previous is not None and (week - previous).days == 7 else 1
        longest = max(longest, run)
        previous = week
    this_week = today - datetime.timedelta(days=today.weekday())
    current = 0
    if weeks and (this_week - weeks[-1]).days <= 7:
        current = 1
        for earlier, later in zip(reversed(weeks[:-1]), reversed(weeks[1:]), strict=True):
            if (later - earlier).days != 7:
                break
            current += 1
    return {"current": current, "longest": longest}
