"""Where Masters keep the content calendar in the admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CalendarEntry


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


register_snippet(CalendarEntryViewSet)
