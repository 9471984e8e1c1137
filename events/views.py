"""Server-rendered session pages besides the Wagtail pages themselves (whose context comes
from ``session_index_context`` and ``session_page_context`` below, through the pages'
Wagtail hooks).

- register / cancel / feedback / ``.ics`` / QR code of one's own registration: any
  signed-in member, for themselves (live sessions only, 404 otherwise);
- check-in list, scanner, action items, collected stories: the session's hosts and Social
  Masters (403 for others);
- ``/calendar/<secret>.ics``: whoever has the secret (that is the point of a feed);
- LinkedIn checklist: any signed-in member;
- attendance overview: Social Masters.
"""

import datetime
import functools
import io

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rest_framework.exceptions import AuthenticationFailed
from wagtail.models import Locale

from core import feeds
from core.dates import parse_month
from core.errors import InvalidInput, ServiceError
from people.authentication import member_from_token
from people.models import Member

from . import ics, policies, selectors
from .models import (
    ActionItem,
    CalendarFeed,
    LinkedInChecklistItem,
    Registration,
    SessionIndexPage,
    SessionKind,
    SessionPage,
)
from .services import calendar_feeds, meetups
from .services import check_in as check_in_services
from .services import feedback as feedback_services
from .services import linkedin as linkedin_services
from .services import registration as registration_services


def _session(pk) -> SessionPage:
    return get_object_or_404(SessionPage.objects.live(), pk=pk)


def _back(request, session, fallback=None):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback or session.get_url(request) or "/")


def _host_only(request, session):
    if not policies.can_manage_session(member=request.user, session=session):
        raise PermissionDenied(policies.HOSTS_ONLY)


def login_or_token_required(view):
    """``login_required`` that also lets an API client in with its token (the API links to
    these files); a wrong token answers 401 with a ``code``, never the login page."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            try:
                member = member_from_token(request)
            except AuthenticationFailed as error:
                return JsonResponse({"detail": str(error.detail), "code": "authentication_failed"}, status=401)
            if member is not None:
                request.user = member
        return login_required(view)(request, *args, **kwargs)

    return wrapper


def _number(value) -> int:
    """A number from a form; anything else is 0 (which the services refuse or find nothing for)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


# --- the Wagtail pages -------------------------------------------------------------------------


def parse_filters(params) -> selectors.Filters:
    """The overview's query string (``kind``, ``month``, ``department``, ``mine``); what
    does not parse is left out."""
    filters = selectors.Filters()
    kind = params.get("kind", "")
    filters.kind = kind if kind in SessionKind.values else ""
    month = parse_month(params.get("month", ""))
    if month:
        filters.month = params.get("month")
        filters.start, filters.end = month
    filters.department = _number(params.get("department")) or None
    filters.mine = params.get("mine") == "1"
    return filters


def session_index_context(request, page: SessionIndexPage) -> dict:
    return selectors.listing_context(member=request.user, filters=parse_filters(request.GET))


def session_page_context(request, page: SessionPage) -> dict:
    return selectors.session_context(session=page, member=request.user)


def overview(request):
    """A stable address for the navigation: the session overview page in the visitor's
    language (the Dutch one when there is no translation), wherever it sits. Anyone."""
    indexes = SessionIndexPage.objects.live()
    index = indexes.filter(locale=Locale.get_active()).first() or indexes.first()
    if index is None:
        raise Http404(_("There is no session overview yet."))
    return redirect(index.get_url(request) or "/")


# --- registration ------------------------------------------------------------------------------


@login_required
@require_POST
def register(request, pk):
    session = _session(pk)
    try:
        result = registration_services.register(member=request.user, session=session)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return _back(request, session)
    if result.registration.status == Registration.Status.REGISTERED:
        messages.success(request, _("You have a place. Add the session to your calendar so you don't forget it."))
    else:
        messages.info(
            request,
            _(
                "The session is full: you are number %(position)s on the waiting list. We will tell you when a place frees up."
            )
            % {"position": selectors.waiting_position(result.registration)},
        )
    return _back(request, session)


@login_required
@require_POST
def cancel(request, pk):
    session = _session(pk)
    try:
        registration_services.cancel(member=request.user, session=session)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return _back(request, session)
    messages.success(request, _("Your registration has been cancelled."))
    return _back(request, session)


@login_required
@require_POST
def feedback(request, pk):
    session = _session(pk)
    try:
        feedback_services.give_feedback(
            session=session,
            member=request.user,
            rating=_number(request.POST.get("rating")),
            comment=request.POST.get("comment", ""),
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Thank you for your feedback!"))
    return _back(request, session)


# --- calendars ------------------------------------------------------------------------------


@login_or_token_required
def session_ics(request, pk):
    session = _session(pk)
    registration = selectors.my_registration(session=session, member=request.user)
    show_link = policies.can_see_online_link(
        member=request.user,
        status=registration.status if registration else None,
        hosting=policies.is_host(member=request.user, session=session),
    )
    return feeds.calendar_response(
        request,
        ics.session_calendar(session, show_link=show_link),
        last_modified=ics.changed_at(session),
        filename=f"session-{session.pk}.ics",
    )


def personal_feed(request, secret):
    feed = feeds.by_secret(CalendarFeed, secret)
    if feed is None:
        raise Http404(feeds.GONE)
    sessions = selectors.feed_sessions(member=feed.member)
    body = ics.feed_calendar(sessions, name=_("My sessions"))
    stamps = [ics.changed_at(session) for session, _has_place in sessions] + [feed.created_at]
    return feeds.calendar_response(request, body, last_modified=max(stamps))


@login_required
def my_calendar(request):
    feed = calendar_feeds.calendar_feed(member=request.user)
    url = request.build_absolute_uri(reverse("events:personal_feed", args=[feed.secret]))
    return render(
        request,
        "events/my_calendar.html",
        {
            "feed_url": url,
            "webcal_url": "webcal://" + url.split("://", 1)[-1],
            "registrations": selectors.upcoming_registrations(member=request.user, limit=50),
        },
    )


@login_required
@require_POST
def revoke_feed(request):
    calendar_feeds.revoke_calendar_feed(member=request.user)
    messages.success(request, _("Your calendar has a new address. The old one no longer works."))
    return redirect("events:my_calendar")


# --- check-in --------------------------------------------------------------------------------


@login_required
def registration_qr(request, code):
    registration = get_object_or_404(Registration.objects.select_related("session"), code=code.upper())
    if not policies.can_see_registration_code(member=request.user, registration=registration):
        raise Http404
    out = io.BytesIO()
    segno.make(registration.code, error="m").save(out, kind="svg", scale=6, border=2, title=registration.code)
    response = HttpResponse(out.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
def check_in_list(request, pk):
    session = _session(pk)
    _host_only(request, session)
    query = request.GET.get("q", "")
    return render(
        request,
        "events/check_in.html",
        {
            "session": session,
            "query": query,
            "roster": selectors.roster(session=session, query=query),
            "counts": selectors.counts(session),
            "no_shows": selectors.no_shows(session=session) if timezone.now() >= session.ends_at else None,
        },
    )


@login_required
@require_POST
def check_in(request, pk):
    session = _session(pk)
    _host_only(request, session)
    ref = request.POST.get("registration") or request.POST.get("code") or ""
    if not ref.strip():
        messages.error(request, _("Enter a check-in code."))
        return _back(request, session, reverse("events:check_in_list", args=[pk]))
    try:
        result = check_in_services.check_in(session=session, registration=ref, by=request.user)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        name = result.registration.member.name
        if result.newly:
            messages.success(request, _("%(name)s is checked in.") % {"name": name})
        else:
            messages.info(request, _("%(name)s was already checked in.") % {"name": name})
    return _back(request, session, reverse("events:check_in_list", args=[pk]))


@login_required
def scan(request, pk):
    session = _session(pk)
    _host_only(request, session)
    return render(request, "events/scan.html", {"session": session})


# --- meetups -----------------------------------------------------------------------------------


def _due_date(value):
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(_("Enter the due date as a date.")) from None


@login_required
@require_POST
def add_action_item(request, pk):
    session = _session(pk)
    _host_only(request, session)
    owner = Member.objects.filter(pk=_number(request.POST.get("owner")), is_active=True).first()
    try:
        if owner is None:
            raise InvalidInput(_("Choose who will do it."))
        meetups.add_action_item(
            meetup=session,
            by=request.user,
            owner=owner,
            what=request.POST.get("what", ""),
            due_on=_due_date(request.POST.get("due_on")),
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Action item added."))
    return _back(request, session)


@login_required
@require_POST
def evaluate_action_item(request, pk, item_pk):
    session = _session(pk)
    _host_only(request, session)
    item = get_object_or_404(ActionItem, pk=item_pk)
    previous = selectors.previous_meetup(session)
    if previous is None or item.meetup_id != previous.pk:
        raise Http404
    try:
        meetups.evaluate_action_item(
            item=item, at_meetup=session, by=request.user, outcome=request.POST.get("outcome", "")
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
    return _back(request, session)


@login_required
@require_POST
def add_story(request, pk):
    session = _session(pk)
    _host_only(request, session)
    member = Member.objects.filter(pk=_number(request.POST.get("member"))).first()
    try:
        meetups.add_collected_story(
            meetup=session, by=request.user, summary=request.POST.get("summary", ""), member=member
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Story noted."))
    return _back(request, session)


# --- LinkedIn checklist ----------------------------------------------------------------------


@login_required
def linkedin(request):
    if request.method == "POST":
        item = get_object_or_404(
            LinkedInChecklistItem.objects.filter(active=True), pk=_number(request.POST.get("item"))
        )
        profile_url = request.POST.get("profile_url") if "profile_url" in request.POST else None
        try:
            completed = linkedin_services.tick_linkedin_item(
                member=request.user, item=item, done=request.POST.get("done") == "1", profile_url=profile_url
            )
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            if completed:
                messages.success(request, _("Your LinkedIn profile is in order. Well done!"))
        return _back(request, None, reverse("events:linkedin"))
    checklist = selectors.linkedin_checklist(member=request.user, language=request.user.language)
    return render(request, "events/linkedin.html", {"checklist": checklist})


# --- Masters' overview ------------------------------------------------------------------------


@login_required
def attendance(request):
    if not policies.can_see_attendance(member=request.user):
        raise PermissionDenied
    department_id = policies.attendance_department(member=request.user)
    context = {
        "sessions": selectors.attendance_overview(department_id=department_id),
        "department": request.user.department if department_id else None,
        "all_sessions": department_id is None,
    }
    return render(request, "events/attendance.html", context)


# --- on the learning dashboard ------------------------------------------------------------------


def dashboard_section(request) -> dict:
    """My upcoming sessions and open action items, for ``learning``'s dashboard (which asks
    through the ``learning_dashboard_sections`` hook and never imports this app)."""
    return {
        "template": "events/_dashboard.html",
        "upcoming_registrations": selectors.upcoming_registrations(member=request.user),
        "open_action_items": selectors.open_action_items(member=request.user),
    }
