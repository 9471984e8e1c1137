"""The content calendar's pages (the month, the download and the member's secret feed) and
the social media guidelines page (read and accept; where the guidelines gate sends a member
first). Any signed-in member; the feed (``/content-calendar/feed/<secret>.ics``) for whoever has
the secret (a calendar app cannot sign in; that is the point of a feed). What a Master may do with
an entry (turn it into a challenge) comes from the apps above through the
``content_calendar_context`` Wagtail hook, so this app never imports them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from wagtail import hooks

from core import feeds
from core.dates import parse_month

from .. import ics, policies, selectors, services
from ..middleware import SESSION_KEY
from ..models import ContentCalendarFeed


@login_required
def content_calendar(request):
    month = parse_month(request.GET.get("month", ""))
    first = month[0] if month else timezone.localdate().replace(day=1)
    feed = services.content_calendar_feed(member=request.user)
    feed_url = request.build_absolute_uri(reverse("strategy:content_calendar_feed", args=[feed.secret]))
    context = {
        "month": selectors.month_view(first=first),
        "today": timezone.localdate(),
        "can_plan": policies.can_use_plan(request.user),
        "feed_url": feed_url,
        "webcal_url": "webcal://" + feed_url.split("://", 1)[-1],
    }
    for fn in hooks.get_hooks("content_calendar_context"):
        context.update(fn(request=request) or {})
    return render(request, "strategy/content_calendar.html", context)


def _calendar(request, *, filename: str = ""):
    entries = selectors.entries_for_download(today=timezone.localdate())
    body = ics.content_calendar(entries, name=_("Content calendar"))
    return feeds.calendar_response(request, body, last_modified=selectors.last_changed(entries), filename=filename)


@login_required
def content_calendar_ics(request):
    return _calendar(request, filename="content-calendar.ics")


def content_calendar_feed(request, secret):
    if feeds.by_secret(ContentCalendarFeed, secret) is None:
        raise Http404(feeds.GONE)
    return _calendar(request)


@login_required
@require_POST
def revoke_feed(request):
    services.revoke_content_calendar_feed(member=request.user)
    messages.success(request, _("Your content calendar has a new address. The old one no longer works."))
    return redirect("strategy:content_calendar")


@login_required
@require_http_methods(["GET", "POST"])
def guidelines(request):
    """The current guidelines; accepting them (idempotent) goes on to ``next``. Any
    signed-in member; an empty state while none are published."""
    current = selectors.current_guidelines()
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}) or next_url.startswith(
        "/guidelines/"
    ):
        next_url = "/"
    if request.method == "POST" and current is not None:
        _acceptance, created = services.accept_guidelines(member=request.user, guidelines=current)
        request.session[SESSION_KEY] = current.pk
        if created:
            messages.success(request, _("Thank you: you accepted the social media guidelines."))
        return redirect(next_url)
    accepted = current is not None and selectors.has_accepted(member=request.user, guidelines=current)
    return render(request, "strategy/guidelines.html", {"guidelines": current, "accepted": accepted, "next": next_url})


@login_required
def our_strategy(request):
    """ "Onze strategie": the organisation's goals, key messages and audiences, and a link to
    the current guidelines. Any signed-in member; an empty state until a Master writes it."""
    return render(request, "strategy/our_strategy.html", {"strategy": selectors.our_strategy()})
