"""Wagtail admin for Masters: point rules, levels, corrections, badges, prize periods."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import Level, PointRule


class PointRuleViewSet(SnippetViewSet):
    model = PointRule
    icon = "pick"
    menu_label = _("Point rules")
    list_display = ["action", "label", "points", "active", "daily_cap", "cooldown_seconds"]
    list_filter = ["active"]
    search_fields = ["action", "label"]


class LevelViewSet(SnippetViewSet):
    model = Level
    icon = "order"
    menu_label = _("Levels")
    list_display = ["number", "name", "name_en", "threshold"]


register_snippet(PointRuleViewSet)
register_snippet(LevelViewSet)


@hooks.register("register_admin_urls")
def correction_urls():
    return [path("gamification/corrections/", admin_views.corrections, name="gamification_corrections")]


class CorrectionMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def correction_menu_item():
    return CorrectionMenuItem(_("Points corrections"), reverse("gamification_corrections"), icon_name="pick", order=920)


# Badges and prize periods register their admin below.


# --- badges: badge classes (snippets), awards by hand and revocation (Masters) ----------

from wagtail.admin.panels import FieldPanel, MultiFieldPanel  # noqa: E402

from . import badge_views  # noqa: E402
from .models import BadgeClass  # noqa: E402


class BadgeClassViewSet(SnippetViewSet):
    model = BadgeClass
    icon = "success"
    menu_label = _("Badges")
    delete_view_class = badge_views.BadgeClassDeleteView
    list_display = ["name", "criterion", "active"]
    list_filter = ["criterion", "active"]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("description_en"),
        FieldPanel("image"),
        MultiFieldPanel(
            [
                FieldPanel("criterion"),
                FieldPanel("action"),
                FieldPanel("count"),
                FieldPanel("period_days"),
                FieldPanel("level"),
                FieldPanel("ref"),
            ],
            heading=_("How it is earned"),
        ),
        FieldPanel("active"),
    ]


register_snippet(BadgeClassViewSet)


@hooks.register("register_admin_urls")
def badge_award_urls():
    return [
        path("gamification/badge-awards/", badge_views.AwardIndexView.as_view(), name="gamification_badge_awards"),
        path("gamification/badge-awards/new/", badge_views.AwardBadgeView.as_view(), name="gamification_badge_award"),
        path(
            "gamification/badge-awards/<id:pk>/revoke/",
            badge_views.RevokeBadgeView.as_view(),
            name="gamification_badge_revoke",
        ),
    ]


class BadgeAwardMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("gamification.add_badgeaward")


@hooks.register("register_admin_menu_item")
def badge_award_menu_item():
    return BadgeAwardMenuItem(_("Badge awards"), reverse("gamification_badge_awards"), icon_name="success", order=930)


# --- prize periods: the "best social media user" prize (Masters) ------------------------

import datetime  # noqa: E402

from django import forms  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402
from wagtail.admin.forms import WagtailAdminModelForm  # noqa: E402
from wagtail.admin.panels import ObjectList  # noqa: E402
from wagtail.snippets.views.snippets import CreateView as SnippetCreateView  # noqa: E402

from . import prizes  # noqa: E402
from .models import PrizePeriod, PrizeStatus  # noqa: E402


class PrizePeriodForm(WagtailAdminModelForm):
    """Once a period is closed its published rules are history: they cannot change."""

    RULES = ["starts_at", "ends_at", "formula", "nomination_weight", "departments", "winners_count", "jury"]

    def clean(self):
        cleaned = super().clean()
        closed = self.instance.pk and self.instance.status != PrizeStatus.OPEN
        if closed and any(self._changed(name, cleaned) for name in self.RULES if name in self.fields):
            raise ValidationError(_("This period is closed: its rules can no longer change."))
        return cleaned

    def _changed(self, name, cleaned) -> bool:
        if name not in cleaned:
            return False
        new = cleaned[name]
        if name == "departments":
            return {d.pk for d in new} != set(self.instance.departments.values_list("pk", flat=True))
        old = getattr(self.instance, name)
        if name in ("starts_at", "ends_at") and old and new:
            # The admin's date-time widget shows minutes: compare at that precision.
            return abs(old - new) >= datetime.timedelta(minutes=1)
        return old != new


class PrizePeriodCreateView(SnippetCreateView):
    def get_initial(self):
        """A new period defaults to the current quarter (Europe/Amsterdam)."""
        initial = super().get_initial()
        starts_at, ends_at = prizes.default_quarter()
        initial.setdefault("starts_at", starts_at)
        initial.setdefault("ends_at", ends_at)
        return initial


class PrizePeriodViewSet(SnippetViewSet):
    model = PrizePeriod
    icon = "success"
    menu_label = _("Prize periods")
    add_view_class = PrizePeriodCreateView
    list_display = ["title", "starts_at", "ends_at", "status"]
    list_filter = ["status"]
    search_fields = ["title"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("description"),
            MultiFieldPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("Period")),
            MultiFieldPanel(
                [
                    FieldPanel("formula"),
                    FieldPanel("nomination_weight"),
                    FieldPanel("departments", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("winners_count"),
                    FieldPanel("jury"),
                ],
                heading=_("Published rules"),
            ),
            MultiFieldPanel(
                [FieldPanel("badge")],
                heading=_("Reward"),
                help_text=_("Winners also get the points of the “Prize won” point rule."),
            ),
        ],
        base_form_class=PrizePeriodForm,
    )


register_snippet(PrizePeriodViewSet)
