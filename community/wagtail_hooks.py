"""Where Masters make community spaces and name their moderators, in the admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Space


class SpaceViewSet(SnippetViewSet):
    model = Space
    icon = "group"
    menu_label = _("Community spaces")
    list_display = ["name", "read_audience", "department", "post_role", "scope"]
    search_fields = ["name", "name_en"]
    ordering = ["position", "name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("read_audience"),
        FieldPanel("department"),
        FieldPanel("post_role"),
        FieldPanel("scope"),
        FieldPanel("moderators"),
        FieldPanel("position"),
    ]


register_snippet(SpaceViewSet)
