"""Wagtail admin for Masters: point rules, levels, badges and prize periods (snippets, in
``viewsets``), points corrections and badge awards (``admin_views``), and their menu items."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from . import policies
from .admin_views import badges as badge_admin
from .admin_views import corrections
from .viewsets import BadgeClassViewSet, LevelViewSet, PointRuleViewSet, PrizePeriodViewSet

register_snippet(PointRuleViewSet)
register_snippet(LevelViewSet)
register_snippet(BadgeClassViewSet)
register_snippet(PrizePeriodViewSet)


@hooks.register("register_admin_urls")
def admin_urls():
    return [
        path("gamification/corrections/", corrections.corrections, name="gamification_corrections"),
        path("gamification/badge-awards/", badge_admin.AwardIndexView.as_view(), name="gamification_badge_awards"),
        path("gamification/badge-awards/new/", badge_admin.AwardBadgeView.as_view(), name="gamification_badge_award"),
        path(
            "gamification/badge-awards/<id:pk>/revoke/",
            badge_admin.RevokeBadgeView.as_view(),
            name="gamification_badge_revoke",
        ),
    ]


class CorrectionMenuItem(MenuItem):
    def is_shown(self, request):
        return policies.can_correct_points(request.user)


@hooks.register("register_admin_menu_item")
def correction_menu_item():
    return CorrectionMenuItem(_("Points corrections"), reverse("gamification_corrections"), icon_name="pick", order=920)


class BadgeAwardMenuItem(MenuItem):
    def is_shown(self, request):
        return policies.can_award_badges(request.user)


@hooks.register("register_admin_menu_item")
def badge_award_menu_item():
    return BadgeAwardMenuItem(_("Badge awards"), reverse("gamification_badge_awards"), icon_name="success", order=930)
