"""Reads the site shell needs from several apps."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from challenges import policies as challenge_policies
from challenges import selectors as challenge_selectors
from challenges.models import ChallengeState
from cms.models import WorkerHeartbeat
from cms.reports import selectors as report_selectors
from events import selectors as event_selectors
from events.models import SessionKind, SessionPage
from learning import selectors as learning_selectors
from people.models import Member
from strategy import selectors as strategy_selectors


def first_lesson_url(*, member: Member, language: str) -> str:
    """Where a member starts learning: the next lesson of their path, else of any open
    course, else the learning dashboard."""
    overview = learning_selectors.learning_overview(member=member, language=language)
    upcoming = overview.next or next((c for p in overview.paths for c in p.courses if c.next_lesson), None)
    if upcoming is None:
        upcoming = next((c for c in overview.courses if c.next_lesson and not c.locked_reason), None)
    if upcoming is not None and upcoming.next_lesson is not None:
        return upcoming.next_lesson.url
    return "/learn/"


# --- the home page per role ------------------------------------------------------------
# "What should I do now?": each section a few items and a count, read in a fixed number of
# queries whatever the number of stories, sessions or members. A section is None when the
# member's role does not have it; an empty list/zero is the section's empty state.

HOME_ITEMS = 3


@dataclass
class Section:
    items: list = field(default_factory=list)
    count: int = 0


@dataclass
class MemberHome:
    # Every member: what to do next.
    share: Section
    next_lesson: object | None
    challenges: Section
    sessions: Section
    # Editors (and Masters): the review queue.
    review: Section | None = None
    # Masters and Activators: what needs their attention.
    attention: list[dict] | None = None
    drafts: Section | None = None
    waiting_lists: Section | None = None
    # Departments without a Social Editor (filled by challenges' selector once it exists).
    unassigned_departments: list | None = None
    # HR (and Masters): the adoption funnel.
    funnel: dict | None = None
    funnel_suppressed: bool = False


def _section(queryset, limit: int = HOME_ITEMS) -> Section:
    """The first ``limit`` rows and how many there are, in one query (one more only when
    the first page is full)."""
    items = list(queryset[: limit + 1])
    if len(items) <= limit:
        return Section(items=items, count=len(items))
    return Section(items=items[:limit], count=queryset.order_by().count())


def _sessions_to_join(member: Member) -> Section:
    """Upcoming sessions the member is not registered for and does not host."""
    qs = event_selectors.sessions(member=member, start=timezone.localdate()).filter(
        my_status__isnull=True, i_host=False, cancelled=False, starts_at__gte=timezone.now()
    )
    section = _section(qs)
    for session in section.items:
        session.places_left = event_selectors.places_left(session)
    return section


def _waiting_lists(member: Member) -> Section:
    """Upcoming sessions with people on their waiting list."""
    qs = event_selectors.sessions(start=timezone.localdate()).filter(cancelled=False, waitlisted_count__gt=0)
    return _section(qs)


def _drafts(member: Member) -> Section:
    """Challenges the member runs that are still to launch (draft or scheduled)."""
    qs = challenge_selectors.managed_challenges(member=member).filter(
        state__in=[ChallengeState.DRAFT, ChallengeState.SCHEDULED]
    )
    return _section(qs.order_by("opens_at", "id"))


def _unassigned_departments() -> list:
    """Departments with members but no Social Editor of their own: their stories go to the
    Masters and the editors for all departments until a Master names one."""
    return list(challenge_selectors.unassigned_departments())


def _funnel(member: Member) -> tuple[dict | None, bool]:
    scope = report_selectors.scope_for(member=member, params={})
    report = report_selectors.participation(scope)
    return (report.funnel or None), report.suppressed


def member_home(*, member: Member, language: str) -> MemberHome:
    """The signed-in member's home: for everyone the stories to share (top three), the next
    lesson, open challenges and sessions to join; what their role adds (the review queue,
    the Masters' attention list, the funnel). Constant queries per role."""
    overview = learning_selectors.learning_overview(member=member, language=language)
    upcoming = overview.next or next((c for c in overview.courses if c.next_lesson and not c.locked_reason), None)
    home = MemberHome(
        share=_section(challenge_selectors.suggestion_feed(member=member)),
        next_lesson=upcoming,
        challenges=_section(challenge_selectors.open_challenges(member=member)),
        sessions=_sessions_to_join(member),
    )
    if challenge_policies.can_use_review_queue(member):
        home.review = _section(challenge_selectors.review_queue(editor=member))
    if challenge_policies.can_launch_challenges(member):
        home.drafts = _drafts(member)
    if member.is_master:
        home.attention = [a for a in report_selectors.attention_counts() if a["key"] != "review_queue"]
        home.waiting_lists = _waiting_lists(member)
        home.unassigned_departments = _unassigned_departments()
    if member.is_hr:
        home.funnel, home.funnel_suppressed = _funnel(member)
    return home


def worker_heartbeat_at() -> datetime.datetime | None:
    """When a Celery worker last ran the heartbeat task (one query), None if never."""
    return WorkerHeartbeat.objects.filter(name=WorkerHeartbeat.WORKER).values_list("beat_at", flat=True).first()


@dataclass
class StrategyFit:
    """Which active key messages a pilot candidate can carry: those their department's
    approved stories already served (so colleagues have material and experience with them)."""

    messages: list
    total: int


def strategy_fit(*, members) -> dict[int, StrategyFit]:
    """The strategy fit of each member by id (two queries at most, however many members;
    one without active messages)."""
    active = strategy_selectors.active_messages()
    department_ids = {m.department_id for m in members if m.department_id}
    by_department = (
        challenge_selectors.messages_by_department(department_ids=department_ids) if active and department_ids else {}
    )
    fits = {}
    for member in members:
        carried = by_department.get(member.department_id, set())
        fits[member.pk] = StrategyFit(messages=[m for m in active if m.pk in carried], total=len(active))
    return fits


def upcoming_meetups(*, language: str | None = None) -> list[SessionPage]:
    """Published meetups that have not started and are not cancelled, soonest first (one
    query): what a Social Master can put a weak C's actions on. In ``language`` when it has
    any, else in every language."""
    meetups = (
        SessionPage.objects.live()
        .filter(kind=SessionKind.MEETUP, cancelled=False, starts_at__gt=timezone.now())
        .select_related("locale")
        .order_by("starts_at", "pk")
    )
    meetups = list(meetups)
    local = [m for m in meetups if m.locale.language_code == language]
    return local or meetups
