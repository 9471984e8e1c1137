"""Where Masters keep the content strategy and the content calendar in the admin: one
"Strategy" menu with goals, key messages, target audiences, the calendar and the guidelines."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Audience, CalendarEntry, Goal, Guidelines, KeyMessage, SixCQuestion


class GoalViewSet(SnippetViewSet):
    model = Goal
    icon = "crosshairs"
    menu_label = _("Goals")
    list_display = ["name", "kind", "target", "measure", "period_start", "period_end", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "name_en"]


class KeyMessageViewSet(SnippetViewSet):
    model = KeyMessage
    icon = "openquote"
    menu_label = _("Key messages")
    list_display = ["name", "goal", "active"]
    list_filter = ["goal", "active"]
    search_fields = ["name", "name_en", "description"]


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    menu_label = _("Target audiences")
    list_display = ["name", "name_en"]
    search_fields = ["name", "name_en"]


class CalendarEntryViewSet(SnippetViewSet):
    model = CalendarEntry
    icon = "date"
    menu_label = _("Content calendar")
    list_display = ["title", "kind", "starts_on", "ends_on"]
    list_filter = ["kind"]
    search_fields = ["title", "title_en"]
    ordering = ["starts_on"]
    # Activators may only view the calendar: they read an entry without its edit form.
    inspect_view_enabled = True


class GuidelinesViewSet(SnippetViewSet):
    """Versions of the social media guidelines; a published version refuses changes
    (``Guidelines.clean``): a Master adds a new version instead."""

    model = Guidelines
    icon = "doc-full"
    menu_label = _("Guidelines")
    list_display = ["title", "published", "published_at", "created_at"]
    list_filter = ["published"]


class SixCQuestionViewSet(SnippetViewSet):
    model = SixCQuestion
    icon = "list-ul"
    menu_label = _("6 C's questions")
    list_display = ["text", "c", "position", "active"]
    list_filter = ["c", "active"]
    search_fields = ["text", "text_en"]
    ordering = ["position"]


class StrategyGroup(SnippetViewSetGroup):
    items = (
        GoalViewSet,
        KeyMessageViewSet,
        AudienceViewSet,
        CalendarEntryViewSet,
        GuidelinesViewSet,
        SixCQuestionViewSet,
    )
    menu_icon = "crosshairs"
    menu_label = _("Strategy")
    menu_name = "strategy"


register_snippet(StrategyGroup)
