"""Server-rendered session pages besides the Wagtail pages themselves.

- register / cancel / feedback / ``.ics`` / QR code of one's own registration: any
  signed-in member, for themselves (live sessions only, 404 otherwise);
- check-in list, scanner, action items, collected stories: the session's hosts and Social
  Masters (403 for others);
- ``/calendar/<secret>.ics``: whoever has the secret (that is the point of a feed);
- LinkedIn checklist, content calendar: any signed-in member;
- attendance overview: Social Masters.
"""

import datetime
import io

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks

from people.models import Member

from ..models import (
    ActionItem,
    CalendarEntry,
    CalendarFeed,
    LinkedInChecklistItem,
    Registration,
    SessionIndexPage,
    SessionPage,
)
from . import ics, selectors, services


def _session(pk) -> SessionPage:
    return get_object_or_404(SessionPage.objects.live(), pk=pk)


def _back(request, session, fallback=None):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback or session.get_url(request) or "/")


def _host_only(request, session):
    if not services.is_host(member=request.user, session=session):
        raise PermissionDenied(_("Only the hosts of this session and Social Masters may do this."))


def _calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def overview(request):
    """A stable address for the navigation: the session overview page, wherever it sits."""
    index = SessionIndexPage.objects.live().first()
    if index is None:
        raise Http404(_("There is no session overview yet."))
    return redirect(index.get_url(request) or "/")


# --- registration ------------------------------------------------------------------------------


@login_required
@require_POST
def register(request, pk):
    session = _session(pk)
    try:
        result = services.register(member=request.user, session=session)
    except services.SessionError as exc:
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
        services.cancel(member=request.user, session=session)
    except services.SessionError as exc:
        messages.error(request, exc.message)
        return _back(request, session)
    messages.success(request, _("Your registration has been cancelled."))
    return _back(request, session)


@login_required
@require_POST
def feedback(request, pk):
    session = _session(pk)
    try:
        services.give_feedback(
            session=session,
            member=request.user,
            rating=request.POST.get("rating"),
            comment=request.POST.get("comment", ""),
        )
    except services.SessionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Thank you for your feedback!"))
    return _back(request, session)


# --- calendars ------------------------------------------------------------------------------


@login_required
def session_ics(request, pk):
    session = _session(pk)
    registration = selectors.my_registration(session=session, member=request.user)
    show_link = services.is_host(member=request.user, session=session) or (
        registration is not None and registration.status == Registration.Status.REGISTERED
    )
    return _calendar_response(ics.session_calendar(session, show_link=show_link), f"session-{session.pk}.ics")


def personal_feed(request, secret):
    feed = CalendarFeed.objects.filter(secret=secret).select_related("member").first()
    if feed is None or not feed.member.is_active:
        raise Http404(_("This calendar address is no longer valid."))
    body = ics.feed_calendar(selectors.feed_sessions(member=feed.member), name=_("My sessions"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
def my_calendar(request):
    feed = services.calendar_feed(member=request.user)
    url = request.build_absolute_uri(reverse("learning:personal_feed", args=[feed.secret]))
    return render(
        request,
        "learning/sessions/my_calendar.html",
        {
            "feed_url": url,
            "webcal_url": "webcal://" + url.split("://", 1)[-1],
            "registrations": selectors.upcoming_registrations(member=request.user, limit=50),
        },
    )


@login_required
@require_POST
def revoke_feed(request):
    services.revoke_calendar_feed(member=request.user)
    messages.success(request, _("Your calendar has a new address. The old one no longer works."))
    return redirect("learning:my_calendar")


# --- check-in --------------------------------------------------------------------------------


@login_required
def registration_qr(request, code):
    registration = get_object_or_404(Registration.objects.select_related("session"), code=code.upper())
    if registration.member_id != request.user.pk and not services.is_host(
        member=request.user, session=registration.session
    ):
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
        "learning/sessions/check_in.html",
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
        return _back(request, session, reverse("learning:check_in_list", args=[pk]))
    try:
        result = services.check_in(session=session, registration=ref, by=request.user)
    except services.SessionError as exc:
        messages.error(request, exc.message)
    else:
        name = result.registration.member.name
        if result.newly:
            messages.success(request, _("%(name)s is checked in.") % {"name": name})
        else:
            messages.info(request, _("%(name)s was already checked in.") % {"name": name})
    return _back(request, session, reverse("learning:check_in_list", args=[pk]))


@login_required
def scan(request, pk):
    session = _session(pk)
    _host_only(request, session)
    return render(request, "learning/sessions/scan.html", {"session": session})


# --- meetups -----------------------------------------------------------------------------------


def _due_date(value):
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise services.InvalidInput(_("Enter the due date as a date.")) from None


@login_required
@require_POST
def add_action_item(request, pk):
    session = _session(pk)
    _host_only(request, session)
    owner = Member.objects.filter(pk=request.POST.get("owner") or 0, is_active=True).first()
    try:
        if owner is None:
            raise services.InvalidInput(_("Choose who will do it."))
        services.add_action_item(
            meetup=session,
            by=request.user,
            owner=owner,
            what=request.POST.get("what", ""),
            due_on=_due_date(request.POST.get("due_on")),
        )
    except services.SessionError as exc:
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
        services.evaluate_action_item(
            item=item, at_meetup=session, by=request.user, outcome=request.POST.get("outcome")
        )
    except services.SessionError as exc:
        messages.error(request, exc.message)
    return _back(request, session)


@login_required
@require_POST
def add_story(request, pk):
    session = _session(pk)
    _host_only(request, session)
    member = Member.objects.filter(pk=request.POST.get("member") or 0).first()
    try:
        services.add_collected_story(
            meetup=session, by=request.user, summary=request.POST.get("summary", ""), member=member
        )
    except services.SessionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Story noted."))
    return _back(request, session)


# --- LinkedIn checklist ----------------------------------------------------------------------


@login_required
def linkedin(request):
    if request.method == "POST":
        item = get_object_or_404(LinkedInChecklistItem.objects.filter(active=True), pk=request.POST.get("item") or 0)
        profile_url = request.POST.get("profile_url") if "profile_url" in request.POST else None
        try:
            completed = services.tick_linkedin_item(
                member=request.user, item=item, done=request.POST.get("done") == "1", profile_url=profile_url
            )
        except services.SessionError as exc:
            messages.error(request, exc.message)
        else:
            if completed:
                messages.success(request, _("Your LinkedIn profile is in order. Well done!"))
        return _back(request, None, reverse("learning:linkedin"))
    checklist = selectors.linkedin_checklist(member=request.user, language=request.user.language)
    return render(request, "learning/sessions/linkedin.html", {"checklist": checklist})


# --- content calendar ----------------------------------------------------------------------------


@login_required
def content_calendar(request):
    month = selectors.parse_month(request.GET.get("month", ""))
    first = month[0] if month else timezone.localdate().replace(day=1)
    context = {"month": selectors.month_view(first=first), "today": timezone.localdate()}
    # Apps above learning add their actions (e.g. "turn into a challenge") without learning knowing them.
    for fn in hooks.get_hooks("content_calendar_context"):
        context.update(fn(request=request) or {})
    return render(request, "learning/sessions/content_calendar.html", context)


@login_required
def content_calendar_ics(request):
    today = timezone.localdate()
    entries = CalendarEntry.objects.filter(starts_on__gte=today - datetime.timedelta(days=60)).order_by("starts_on")
    return _calendar_response(ics.content_calendar(entries, name=_("Content calendar")), "content-calendar.ics")


# --- Masters' overview ------------------------------------------------------------------------


@login_required
def attendance(request):
    if not request.user.is_master:
        raise PermissionDenied
    return render(request, "learning/sessions/attendance.html", {"sessions": selectors.attendance_overview()})
