"""The content calendar's pages: the month and the download. Any signed-in member; what a
Master may do with an entry (turn it into a challenge) comes from the apps above through the
``content_calendar_context`` Wagtail hook, so this app never imports them."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks

from core.dates import parse_month

from . import ics, selectors


@login_required
def content_calendar(request):
    month = parse_month(request.GET.get("month", ""))
    first = month[0] if month else timezone.localdate().replace(day=1)
    context = {"month": selectors.month_view(first=first), "today": timezone.localdate()}
    for fn in hooks.get_hooks("content_calendar_context"):
        context.update(fn(request=request) or {})
    return render(request, "strategy/content_calendar.html", context)


@login_required
def content_calendar_ics(request):
    entries = selectors.entries_for_download(today=timezone.localdate())
    response = HttpResponse(
        ics.content_calendar(entries, name=_("Content calendar")), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="content-calendar.ics"'
    return response
