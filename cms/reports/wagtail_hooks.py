"""Wagtail admin: the Masters' "needs attention" home panel and menu items for reports,
the pilot group and invitations. Imported from ``cms.wagtail_hooks``."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from people.models import Invitation

from . import metrics, selectors


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


def _url(name: str, fallback: str) -> str:
    try:
        return reverse(name)
    except Exception:  # the other app's page is not there (yet)
        return fallback


class AttentionPanel(Component):
    name = "socialshift_attention"
    order = 50
    template_name = "cms/reports/admin_attention_panel.html"

    def get_context_data(self, parent_context):
        return {"items": attention_counts()}


@hooks.register("construct_homepage_panels")
def add_attention_panel(request, panels):
    if request.user.is_master:
        panels.insert(0, AttentionPanel())


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.may_see_reports(request.user)


class MastersMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_master


@hooks.register("register_admin_menu_item")
def reports_menu_item():
    return ReportsMenuItem(_("Participation reports"), reverse("reports:dashboard"), icon_name="table", order=940)


@hooks.register("register_admin_menu_item")
def pilot_menu_item():
    return MastersMenuItem(_("Pilot group"), reverse("pilot"), icon_name="group", order=941)


@hooks.register("register_admin_menu_item")
def invitations_menu_item():
    return MastersMenuItem(_("Invitations"), reverse("people:invite"), icon_name="mail", order=942)


@hooks.register("register_user_listing_buttons")
def member_privacy_buttons(user, request_user):
    """Masters export or erase a member's data on request (both audited)."""
    from wagtail.admin.widgets import ListingButton

    if not request_user.is_master or user.pk == request_user.pk or getattr(user, "erased_at", None):
        return []
    return [
        ListingButton(_("Download data"), reverse("member-data", args=[user.pk]), priority=60),
        ListingButton(_("Erase personal data"), reverse("member-erase", args=[user.pk]), priority=70),
    ]
