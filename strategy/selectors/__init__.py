"""Reads of the content strategy (goals, key messages) and of the content calendar (the month
page, the API and the download)."""

import calendar as pycalendar
import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from core.errors import InvalidInput
from core.memo import SharedMemo

from ..models import Audience, CalendarEntry, Goal, Guidelines, GuidelinesAcceptance, KeyMessage

# The download covers what is coming and the recent past (a calendar app keeps the rest).
DOWNLOAD_DAYS_BACK = 60


@dataclass
class MonthView:
    first: datetime.date
    last: datetime.date
    weeks: list[list[tuple[datetime.date, list[CalendarEntry]]]]
    entries: list[CalendarEntry]

    @property
    def previous(self) -> datetime.date:
        return (self.first - datetime.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> datetime.date:
        return self.last + datetime.timedelta(days=1)


def calendar_entries(*, first: datetime.date, last: datetime.date) -> list[CalendarEntry]:
    """Entries that touch the days first..last (a range that started earlier counts)."""
    return list(
        CalendarEntry.objects.filter(starts_on__lte=last)
        .filter(Q(ends_on__isnull=True, starts_on__gte=first) | Q(ends_on__gte=first))
        .order_by("starts_on", "title")
    )


def month_view(*, first: datetime.date) -> MonthView:
    """One month as weeks of (day, entries that day), Monday first; one query."""
    first = first.replace(day=1)
    last = first.replace(day=pycalendar.monthrange(first.year, first.month)[1])
    entries = calendar_entries(first=first, last=last)
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        weeks.append([(day, [e for e in entries if e.starts_on <= day <= e.last_day]) for day in week])
    return MonthView(first=first, last=last, weeks=weeks, entries=entries)


def entries_for_download(*, today: datetime.date) -> list[CalendarEntry]:
    return list(
        CalendarEntry.objects.filter(starts_on__gte=today - datetime.timedelta(days=DOWNLOAD_DAYS_BACK)).order_by(
            "starts_on"
        )
    )


def goals_with_messages(*, active_only: bool = True) -> list[Goal]:
    """Goals with their active key messages prefetched (two queries, however many goals)."""
    goals = Goal.objects.all()
    if active_only:
        goals = goals.filter(active=True)
    return list(
        goals.prefetch_related(
            Prefetch("messages", queryset=KeyMessage.objects.filter(active=True).order_by("name"))
        ).order_by("period_start", "name")
    )


@dataclass
class OurStrategy:
    """What every member reads on "Onze strategie": the active goals with their active key
    messages (each with its audiences), the audiences those messages reach, and the current
    guidelines (None while none are published)."""

    goals: list[Goal]
    audiences: list[Audience]
    guidelines: Guidelines | None

    @property
    def empty(self) -> bool:
        return not self.goals


def our_strategy() -> OurStrategy:
    """The organisation's strategy as members read it: four queries, however many goals,
    messages and audiences (goals, messages, their audiences, the guidelines)."""
    messages = KeyMessage.objects.filter(active=True).prefetch_related("audiences").order_by("name")
    goals = list(
        Goal.objects.filter(active=True)
        .prefetch_related(Prefetch("messages", queryset=messages))
        .order_by("period_start", "name")
    )
    audiences: dict[int, Audience] = {}
    for goal in goals:
        for message in goal.messages.all():
            for audience in message.audiences.all():
                audiences.setdefault(audience.pk, audience)
    return OurStrategy(
        goals=goals,
        audiences=sorted(audiences.values(), key=lambda a: a.display_name.lower()),
        guidelines=current_guidelines(),
    )


def active_messages() -> list[KeyMessage]:
    """Active key messages of active goals, with their goal (one query): what a creator,
    an editor or a planner picks from."""
    return list(
        KeyMessage.objects.filter(active=True, goal__active=True)
        .select_related("goal")
        .order_by("goal__period_start", "goal__name", "name")
    )


def last_changed(entries: list[CalendarEntry]) -> datetime.datetime | None:
    """When the latest of ``entries`` changed (the feed's Last-Modified), or None."""
    return max((entry.updated_at for entry in entries), default=None)


def messages_by_ids(ids) -> list[KeyMessage]:
    """The active key messages (of active goals) with these ids, in one query. Raises
    ``InvalidInput`` (``code="unknown_message"``) when an id is not one of them: unknown,
    inactive, or of an inactive goal."""
    try:
        wanted = {int(i) for i in ids or []}
    except (TypeError, ValueError):
        raise InvalidInput(_("Choose key messages from the list."), code="unknown_message") from None
    if not wanted:
        return []
    found = list(KeyMessage.objects.filter(pk__in=wanted, active=True, goal__active=True))
    if len(found) != len(wanted):
        raise InvalidInput(_("Choose key messages from the list."), code="unknown_message")
    return found


def current_guidelines() -> Guidelines | None:
    """The newest published version of the social media guidelines, or None (one query)."""
    return Guidelines.objects.filter(published=True).order_by("-published_at", "-pk").first()


def has_accepted(*, member, guidelines: Guidelines | None) -> bool:
    """Whether ``member`` accepted ``guidelines``; true when there are none (one query at most)."""
    if guidelines is None:
        return True
    return GuidelinesAcceptance.objects.filter(member_id=member.pk, guidelines=guidelines).exists()


def guidelines_accepted(*, member) -> bool:
    """Whether ``member`` accepted the current guidelines (or none are published)."""
    return has_accepted(member=member, guidelines=current_guidelines())


def published_guidelines(*, pk: int) -> Guidelines | None:
    return Guidelines.objects.filter(pk=pk, published=True).first()


def _current_guidelines_id() -> int:
    return (
        Guidelines.objects.filter(published=True).order_by("-published_at", "-pk").values_list("pk", flat=True).first()
        or 0
    )


# Read on every gated request; cleared when a version is saved or deleted (``StrategyConfig.ready``).
current_guidelines_memo = SharedMemo("strategy:current-guidelines", _current_guidelines_id)


def current_guidelines_id() -> int:
    """The id of the current guidelines, 0 while none are published (usually no query)."""
    return current_guidelines_memo.get()


def has_accepted_id(*, member, guidelines_id: int) -> bool:
    return GuidelinesAcceptance.objects.filter(member_id=member.pk, guidelines_id=guidelines_id).exists()
