"""Read queries for session pages, the API, the calendar feed and Masters' overviews. Each
runs a fixed number of queries however many sessions, registrations or items there are.
Callers pass typed arguments; parsing a query string is the views' and the API's job."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Avg, Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant

from people.models import Department, Member

from .models import (
    ActionItem,
    CollectedStory,
    LinkedInChecklistItem,
    LinkedInChecklistTick,
    LinkedInProfile,
    Registration,
    SessionFeedback,
    SessionKind,
    SessionPage,
)
from .policies import can_see_online_link, is_host

ACTIVE = [Registration.Status.REGISTERED, Registration.Status.WAITLISTED]


def with_counts(queryset, member: Member | None = None):
    """Annotate places taken and waiting (and ``member``'s own status) in the same query."""
    queryset = queryset.annotate(
        registered_count=Count("registrations", filter=Q(registrations__status=Registration.Status.REGISTERED)),
        waitlisted_count=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)),
    )
    if member is not None and member.is_authenticated:
        mine = Registration.objects.filter(session=OuterRef("pk"), member=member, status__in=ACTIVE)
        queryset = queryset.annotate(
            my_status=Subquery(mine.values("status")[:1]),
            i_host=Exists(SessionPage.hosts.through.objects.filter(sessionpage_id=OuterRef("pk"), member_id=member.pk)),
        )
    return queryset


def sessions(
    *,
    member: Member | None = None,
    kind: str | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    department_id: int | None = None,
    mine: bool = False,
):
    """Live sessions in time order, filtered; ``start``/``end`` are days in the site's time
    zone (inclusive)."""
    queryset = SessionPage.objects.live().order_by("starts_at", "pk")
    if kind:
        queryset = queryset.filter(kind=kind)
    zone = timezone.get_default_timezone()
    if start:
        queryset = queryset.filter(ends_at__gte=datetime.datetime.combine(start, datetime.time.min, tzinfo=zone))
    if end:
        next_day = end + datetime.timedelta(days=1)
        queryset = queryset.filter(starts_at__lt=datetime.datetime.combine(next_day, datetime.time.min, tzinfo=zone))
    if department_id:
        # Sessions for that department, and those for everyone.
        for_department = SessionPage.audience_departments.through.objects.filter(sessionpage_id=OuterRef("pk"))
        queryset = queryset.filter(
            Q(Exists(for_department.filter(department_id=department_id))) | ~Q(Exists(for_department))
        )
    if mine and member is not None:
        queryset = queryset.filter(
            Q(registrations__member=member, registrations__status__in=ACTIVE) | Q(hosts=member)
        ).distinct()
    return with_counts(queryset, member)


def places_left(session) -> int:
    return max(session.capacity - getattr(session, "registered_count", 0), 0)


@dataclass
class Filters:
    """The session overview's filters, as the view parsed them from the query string."""

    kind: str = ""
    month: str = ""
    department: int | None = None
    mine: bool = False
    start: datetime.date | None = None
    end: datetime.date | None = None


def listing_context(*, member: Member, filters: Filters, today: datetime.date | None = None) -> dict:
    """The session overview: sessions from today on (or the chosen month, or all of
    "mine"), with places left, and the choices for the filters."""
    today = today or timezone.localdate()
    start = filters.start
    if start is None and not filters.mine:
        start = today
    items = list(
        sessions(
            member=member,
            kind=filters.kind,
            start=start,
            end=filters.end,
            department_id=filters.department,
            mine=filters.mine,
        ).select_related("locale")
    )
    for item in items:
        item.places_left = places_left(item)
    months = []
    first = today.replace(day=1)
    for offset in range(-2, 10):
        year, month = divmod(first.month - 1 + offset, 12)
        months.append(datetime.date(first.year + year, month + 1, 1))
    return {
        "sessions": items,
        "filters": filters,
        "kinds": SessionKind.choices,
        "departments": list(Department.objects.only("id", "name")),
        "months": months,
    }


def my_registration(*, session, member: Member) -> Registration | None:
    if not member.is_authenticated:
        return None
    return Registration.objects.filter(session=session, member=member, status__in=ACTIVE).first()


def waiting_position(registration: Registration) -> int | None:
    """1 for the first in line."""
    if registration is None or registration.status != Registration.Status.WAITLISTED:
        return None
    return (
        Registration.objects.filter(
            session_id=registration.session_id,
            status=Registration.Status.WAITLISTED,
            position__lt=registration.position,
        ).count()
        + 1
    )


def counts(session) -> dict:
    row = Registration.objects.filter(session=session).aggregate(
        registered=Count("pk", filter=Q(status=Registration.Status.REGISTERED)),
        waitlisted=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
        attended=Count("pk", filter=Q(attended=True)),
    )
    row["places_left"] = max(session.capacity - row["registered"], 0)
    return row


def roster(*, session, query: str = "") -> list[Registration]:
    """Who has a place or waits, for the hosts' check-in list; ``query`` searches name,
    e-mail and check-in code."""
    registrations = Registration.objects.filter(session=session, status__in=ACTIVE).select_related(
        "member", "member__department"
    )
    query = (query or "").strip()
    if query:
        registrations = registrations.filter(
            Q(member__display_name__icontains=query)
            | Q(member__first_name__icontains=query)
            | Q(member__last_name__icontains=query)
            | Q(member__email__icontains=query)
            | Q(code__iexact=query)
        )
    return list(registrations.order_by("status", "position"))


def no_shows(*, session) -> list[Registration]:
    return list(
        Registration.objects.filter(session=session, status=Registration.Status.REGISTERED, attended=False)
        .select_related("member")
        .order_by("member__display_name")
    )


def feedback_summary(*, session) -> dict:
    aggregate = SessionFeedback.objects.filter(session=session).aggregate(average=Avg("rating"), count=Count("pk"))
    return {
        "average": round(aggregate["average"], 1) if aggregate["average"] is not None else None,
        "count": aggregate["count"],
        "comments": list(
            SessionFeedback.objects.filter(session=session).exclude(comment="").order_by("-created_at")[:50]
        ),
    }


def my_feedback(*, session, member) -> SessionFeedback | None:
    return SessionFeedback.objects.filter(session=session, member=member).first()


def previous_meetup(meetup) -> SessionPage | None:
    return (
        SessionPage.objects.live()
        .filter(kind=SessionKind.MEETUP, starts_at__lt=meetup.starts_at)
        .exclude(pk=meetup.pk)
        .order_by("-starts_at")
        .first()
    )


def action_items(*, meetup) -> list[ActionItem]:
    return list(ActionItem.objects.filter(meetup=meetup).select_related("owner"))


def items_to_evaluate(*, meetup) -> tuple[SessionPage | None, list[ActionItem]]:
    """The previous meetup and its items: open ones to evaluate, the rest with outcome."""
    previous = previous_meetup(meetup)
    if previous is None:
        return None, []
    return previous, list(ActionItem.objects.filter(meetup=previous).select_related("owner").order_by("status", "id"))


def open_action_items(*, member: Member) -> list[ActionItem]:
    return list(
        ActionItem.objects.filter(owner=member, status=ActionItem.Status.OPEN)
        .select_related("meetup")
        .order_by("due_on", "id")
    )


def upcoming_registrations(*, member: Member, limit: int = 5) -> list[Registration]:
    return list(
        Registration.objects.filter(
            member=member,
            status__in=ACTIVE,
            session__live=True,
            session__ends_at__gte=timezone.now(),
        )
        .select_related("session")
        .order_by("session__starts_at")[:limit]
    )


def feed_sessions(*, member: Member) -> list[tuple[SessionPage, bool]]:
    """Everything the member registered for (and hosts), with whether they may see the link."""
    registrations = {
        r.session_id: r.status
        for r in Registration.objects.filter(member=member, status__in=ACTIVE).only("session_id", "status")
    }
    hosted = set(SessionPage.hosts.through.objects.filter(member_id=member.pk).values_list("sessionpage_id", flat=True))
    pages = SessionPage.objects.live().filter(pk__in=set(registrations) | hosted).order_by("starts_at")
    return [(page, page.pk in hosted or registrations.get(page.pk) == Registration.Status.REGISTERED) for page in pages]


# --- LinkedIn checklist -------------------------------------------------------------------


@dataclass
class ChecklistLine:
    item: LinkedInChecklistItem
    done: bool


@dataclass
class Checklist:
    lines: list[ChecklistLine]
    profile: LinkedInProfile | None = None
    extra: dict = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.lines)

    @property
    def done(self) -> int:
        return sum(1 for line in self.lines if line.done)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def next(self) -> LinkedInChecklistItem | None:
        return next((line.item for line in self.lines if not line.done), None)

    @property
    def completed(self) -> bool:
        return bool(self.profile and self.profile.completed_at)


def checklist_items(*, language: str) -> list[LinkedInChecklistItem]:
    """Active items, one per translation key, in ``language`` where translated (else the
    default language, else any)."""
    items = list(LinkedInChecklistItem.objects.filter(active=True).select_related("locale"))
    try:
        default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    except LookupError:
        default = settings.LANGUAGE_CODE
    chosen = {}
    for item in items:
        code = item.locale.language_code
        rank = 0 if code == language else 1 if code == default else 2
        current = chosen.get(item.translation_key)
        if current is None or rank < current[0]:
            chosen[item.translation_key] = (rank, item)
    return sorted((item for _rank, item in chosen.values()), key=lambda i: (i.sort_order, i.pk))


def linkedin_checklist(*, member: Member, language: str) -> Checklist:
    items = checklist_items(language=language)
    ticked = set(LinkedInChecklistTick.objects.filter(member=member).values_list("item_key", flat=True))
    profile = LinkedInProfile.objects.filter(member=member).first()
    return Checklist(lines=[ChecklistLine(item=i, done=i.translation_key in ticked) for i in items], profile=profile)


# --- session page -------------------------------------------------------------------------


def session_context(*, session, member: Member, now: datetime.datetime | None = None) -> dict:
    """Everything the session page shows ``member``: their registration, what hosts see
    (feedback, no-shows, the members to give action items to), the workshop's checklist and
    the meetup's items."""
    now = now or timezone.now()
    registration = my_registration(session=session, member=member)
    hosting = is_host(member=member, session=session)
    has_place = registration is not None and registration.status == Registration.Status.REGISTERED
    context = {
        "registration": registration,
        "has_place": has_place,
        "waiting_position": waiting_position(registration),
        "is_host": hosting,
        "can_see_link": can_see_online_link(
            member=member, status=registration.status if registration else None, hosting=hosting
        ),
        "counts": counts(session),
        "hosts": list(session.hosts.all()),
        "audience": list(session.audience_departments.all()),
        "started": now >= session.starts_at,
        "ended": now >= session.ends_at,
        "registration_open": not session.cancelled and now < session.deadline,
        "local_start": session.local(session.starts_at),
        "local_end": session.local(session.ends_at),
        "local_deadline": session.local(session.deadline),
        "member_zone_differs": session.time_zone != settings.TIME_ZONE,
    }
    if has_place and now >= session.starts_at:
        context["my_feedback"] = my_feedback(session=session, member=member)
    if hosting:
        context["feedback_summary"] = feedback_summary(session=session)
        if now >= session.ends_at:
            context["no_shows"] = no_shows(session=session)
    if session.kind == SessionKind.LINKEDIN_WORKSHOP and (has_place or hosting):
        context["checklist"] = linkedin_checklist(member=member, language=member.language)
    if session.kind == SessionKind.MEETUP:
        previous, earlier_items = items_to_evaluate(meetup=session)
        context["previous_meetup"] = previous
        context["earlier_items"] = earlier_items
        context["action_items"] = action_items(meetup=session)
        context["collected_stories"] = list(CollectedStory.objects.filter(meetup=session).select_related("member"))
        if hosting:
            context["members"] = list(Member.objects.filter(is_active=True).only("id", "display_name", "email"))
    return context


# --- Masters' overview ----------------------------------------------------------------------


def attendance_overview(*, department_id: int | None = None, limit: int = 100) -> list[SessionPage]:
    """Sessions that started, with places taken, attended, no-shows and average rating (one
    query): all, or those for ``department_id`` (its department among the audience)."""
    queryset = SessionPage.objects.live().filter(starts_at__lte=timezone.now())
    if department_id is not None:
        for_department = SessionPage.audience_departments.through.objects.filter(
            sessionpage_id=OuterRef("pk"), department_id=department_id
        )
        queryset = queryset.filter(Exists(for_department))
    queryset = queryset.annotate(
        registered_count=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.REGISTERED), distinct=True
        ),
        attended_count=Count("registrations", filter=Q(registrations__attended=True), distinct=True),
        average_rating=Subquery(
            SessionFeedback.objects.filter(session=OuterRef("pk"))
            .values("session")
            .annotate(avg=Avg("rating"))
            .values("avg")[:1]
        ),
        feedback_count=Count("feedback", distinct=True),
    ).order_by("-starts_at")[:limit]
    result = list(queryset)
    for session in result:
        session.no_show_count = session.registered_count - session.attended_count
    return result
