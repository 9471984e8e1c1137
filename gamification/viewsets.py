"""What Masters edit in the Wagtail admin as snippets (registered in ``wagtail_hooks``): point
rules, levels, badges and prize periods."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.snippets.views.snippets import CreateView as SnippetCreateView
from wagtail.snippets.views.snippets import DeleteView as SnippetDeleteView
from wagtail.snippets.views.snippets import SnippetViewSet

from core.admin_columns import yes_no
from gamification.models import BadgeClass, Level, PointRule, PrizePeriod, PrizeStatus
from gamification.selectors.prizes import default_quarter


class PointRuleViewSet(SnippetViewSet):
    model = PointRule
    icon = "pick"
    menu_label = _("Point rules")
    list_display = ["action", "label", "points", yes_no(PointRule, "active"), "daily_cap", "cooldown_seconds"]
    list_filter = ["active"]
    search_fields = ["action", "label"]


class LevelViewSet(SnippetViewSet):
    model = Level
    icon = "order"
    menu_label = _("Levels")
    list_display = ["number", "name", "name_en", "threshold"]


# --- badges ----------------------------------------------------------------------------------


class BadgeClassDeleteView(SnippetDeleteView):
    """Awarded badges are history (their assertions stay verifiable): they can be
    switched off, not deleted."""

    def form_valid(self, form):
        if self.object.awards.exists():
            messages.error(
                self.request,
                _("“%(badge)s” has been awarded, so it cannot be deleted. Untick “active” to retire it instead.")
                % {"badge": self.object.display_name},
            )
            return redirect(self.get_success_url())
        return super().form_valid(form)


class BadgeClassViewSet(SnippetViewSet):
    model = BadgeClass
    icon = "success"
    menu_label = _("Badges")
    delete_view_class = BadgeClassDeleteView
    list_display = ["name", "criterion", yes_no(BadgeClass, "active")]
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


# --- prize periods: the "best social media user" prize -------------------------------------


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
        starts_at, ends_at = default_quarter()
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
