"""What the report pages and the admin show beside the figures: filter choices, queued
exports, the Masters' "needs attention" panel."""

import datetime

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.models import ReportExport
from people.models import Department, Invitation, Location

from .. import metrics


def filter_choices(*, department_id: int | None) -> dict:
    """The departments (only ``department_id`` for an Activator) and locations a report can
    be filtered by (two queries, when the template lists them)."""
    departments = Department.objects.all()
    if department_id is not None:
        departments = departments.filter(pk=department_id)
    return {"departments": departments, "locations": Location.objects.all()}


def export_for(*, member, pk: int, ready: bool = False) -> ReportExport:
    """A queued export of ``member``'s own (``ready``: only once built). Raises ``Http404``
    for anyone else's, so they cannot even learn that it exists."""
    exports = ReportExport.objects.filter(requested_by=member)
    if ready:
        exports = exports.filter(status=ReportExport.Status.READY)
    return get_object_or_404(exports, pk=pk)


# --- the Masters' "needs attention" panel -------------------------------------------------


def _url(name: str, fallback: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:  # the other app's page is not there (yet)
        return fallback


def attention_counts(now: datetime.datetime | None = None) -> list[dict]:
    """What needs a Master's attention now, one query per kind; kinds whose app is not
    installed are left out."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    week_start = (local - datetime.timedelta(days=local.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    week_end = week_start + datetime.timedelta(days=7)
    items = []
    story = metrics.model("challenges.Story")
    if story is not None:
        items.append(
            {
                "key": "review_queue",
                "label": _("Stories waiting for review"),
                "count": story.objects.filter(status="submitted").count(),
                "url": _url("challenges:review_queue", "/admin/"),
            }
        )
    session = metrics.model("events.SessionPage")
    if session is not None:
        items.append(
            {
                "key": "sessions_this_week",
                "label": _("Sessions this week"),
                "count": session.objects.live()
                .filter(starts_at__gte=week_start, starts_at__lt=week_end, cancelled=False)
                .count(),
                "url": _url("events:attendance", "/admin/"),
            }
        )
    challenge = metrics.model("challenges.Challenge")
    if challenge is not None:
        items.append(
            {
                "key": "challenges_ending",
                "label": _("Challenges ending within 7 days"),
                "count": challenge.objects.filter(
                    state="open", closes_at__gte=now, closes_at__lt=now + datetime.timedelta(days=7)
                ).count(),
                "url": _url("challenges:manage", "/admin/"),
            }
        )
    invitations = Invitation.objects.aggregate(
        open=Count("id", filter=Q(accepted_at__isnull=True, sent_at__isnull=False))
    )
    items.append(
        {
            "key": "invitations_unanswered",
            "label": _("Invitations not answered yet"),
            "count": invitations["open"],
            "url": reverse("people:invite"),
        }
    )
    return items
