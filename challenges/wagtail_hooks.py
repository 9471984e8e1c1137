"""Wagtail admin: challenges, stories and the decision log (Masters; Editors read stories),
sharing settings, and the review queue with its count in the menu."""

from django import forms
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    HistoryView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
    UsageView,
)

from . import policies, selectors, services
from .models import Challenge, ChallengeState, ReviewDecision, Story


class ChallengeAdminForm(WagtailAdminModelForm):
    """What members entered for does not change under them: an open or finished challenge
    is read-only here, as it is in the services."""

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.instance.state not in (ChallengeState.DRAFT, ChallengeState.SCHEDULED):
            raise forms.ValidationError(_("An open or finished challenge can no longer be changed."))
        if "brief" in cleaned:
            cleaned["brief"] = services.clean_brief(cleaned["brief"])
        return cleaned


class ChallengeViewSet(SnippetViewSet):
    """Edits the challenge's content; its state moves only through the services (the
    front-end manage page's buttons and the scheduled task), so it is not a form field."""

    model = Challenge
    icon = "flag"
    menu_label = _("Challenges")
    list_display = ["title", "state", "kind", "audience", "opens_at", "closes_at"]
    list_filter = ["state", "kind", "audience", "participation", "winner_rule"]
    search_fields = ["title"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("brief"),
            FieldPanel("example"),
            FieldPanel("kind"),
            FieldPanel("participation"),
            MultiFieldPanel(
                [FieldPanel("audience"), FieldPanel("departments"), FieldPanel("locations")],
                heading=_("Audience"),
            ),
            FieldPanel("messages"),
            FieldPanel("open_to_all_members"),
            FieldPanel("opens_at"),
            FieldPanel("closes_at"),
            FieldPanel("points_per_entry"),
            FieldPanel("winner_bonus"),
            FieldPanel("entries_per_member"),
            FieldPanel("winner_rule"),
            FieldPanel("badge"),
            FieldPanel("department"),
        ],
        base_form_class=ChallengeAdminForm,
    )


class ScopedObject:
    """A view of one object that answers 404 for an object outside the member's list
    (``scope(member=…)``, the viewset's ``get_queryset``): Wagtail looks a snippet up by its
    id alone, so without this an Editor could open another department's decision by its
    address."""

    scope = None

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not type(self).scope(member=self.request.user).filter(pk=obj.pk).exists():
            raise Http404
        return obj


def scoped(view_class, scope):
    return type(f"Scoped{view_class.__name__}", (ScopedObject, view_class), {"scope": staticmethod(scope)})


class StoryViewSet(SnippetViewSet):
    """Masters see every story; an Editor those they review (``selectors.admin_stories``).
    Editors only list stories (no view of one story is open to them)."""

    model = Story
    icon = "doc-full"
    menu_label = _("Stories")
    list_display = ["__str__", "creator", "status", "department", "challenge", "submitted_at"]
    list_filter = ["status", "department", "challenge", "language"]
    panels = [FieldPanel("title"), FieldPanel("text"), FieldPanel("caption"), FieldPanel("caption_fixed")]

    def get_queryset(self, request):
        return selectors.admin_stories(member=request.user)


class ReviewDecisionViewSet(SnippetViewSet):
    """Masters see every decision; an Editor those on their own departments' stories
    (``selectors.admin_review_decisions``), in the list and behind every address of one."""

    model = ReviewDecision
    icon = "list-ul"
    menu_label = _("Review decisions")
    list_display = ["story", "editor", "decision", "created_at"]
    list_filter = ["decision"]
    inspect_view_enabled = True
    edit_view_class = scoped(EditView, selectors.admin_review_decisions)
    delete_view_class = scoped(DeleteView, selectors.admin_review_decisions)
    history_view_class = scoped(HistoryView, selectors.admin_review_decisions)
    usage_view_class = scoped(UsageView, selectors.admin_review_decisions)
    inspect_view_class = scoped(InspectView, selectors.admin_review_decisions)

    def get_queryset(self, request):
        return selectors.admin_review_decisions(member=request.user)


class ContentFlowGroup(SnippetViewSetGroup):
    items = (ChallengeViewSet, StoryViewSet, ReviewDecisionViewSet)
    menu_icon = "flag"
    menu_label = _("Challenges")
    menu_name = "challenges"


register_snippet(ContentFlowGroup)


class ReviewQueueMenuItem(MenuItem):
    """ "Review queue (3)": the editor's waiting stories, counted for their department."""

    def is_shown(self, request):
        return policies.can_use_review_queue(request.user)

    def render_component(self, request):
        count = selectors.review_queue_count(editor=request.user)
        label = f"{self.label} ({count})" if count else self.label
        return LinkMenuItemComponent(self.name, label, self.url, icon_name=self.icon_name, attrs=self.attrs)


@hooks.register("register_admin_menu_item")
def review_queue_menu_item():
    return ReviewQueueMenuItem(_("Review queue"), reverse("challenges:review_queue"), icon_name="tasks", order=210)


@hooks.register("content_calendar_context")
def calendar_challenge_action(*, request):
    """The content calendar (strategy) offers "turn into a challenge" to those who may."""
    if policies.can_plan_from_calendar(request.user):
        return {"turn_into_challenge_url": "challenges:from_calendar"}
    return {}


@hooks.register("plan_board_context")
def plan_board_write_story(*, request):
    """The planning board (strategy) links an owner's item to "share a moment" for its story."""
    if policies.can_share_moments(request.user):
        return {"write_story_url": reverse("challenges:submit")}
    return {}
