"""Sessions in Wagtail: the pages' context, the LinkedIn checklist snippet, the attendance
menu item and the check-in button in the page editor (Masters), and a section on
``learning``'s dashboard."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.admin_columns import yes_no

from . import policies, views
from .models import LinkedInChecklistItem, SessionPage


@hooks.register("session_index_page_context")
def session_index_context(*, request, page):
    return views.session_index_context(request, page)


@hooks.register("session_page_context")
def session_page_context(*, request, page):
    return views.session_page_context(request, page)


@hooks.register("learning_dashboard_sections")
def dashboard_section(*, request):
    return views.dashboard_section(request)


class LinkedInChecklistViewSet(SnippetViewSet):
    model = LinkedInChecklistItem
    icon = "tick"
    menu_label = _("LinkedIn checklist")
    list_display = ["title", "sort_order", yes_no(LinkedInChecklistItem, "active"), "locale"]
    list_filter = ["active", "locale"]
    search_fields = ["title"]
    ordering = ["sort_order", "id"]


register_snippet(LinkedInChecklistViewSet)


class AttendanceMenuItem(MenuItem):
    """Shown to whom may see the attendance overview (Masters; Activators for their department)."""

    def is_shown(self, request):
        return policies.can_see_attendance(member=request.user)


@hooks.register("register_admin_menu_item")
def session_attendance_menu_item():
    return AttendanceMenuItem(_("Session attendance"), reverse("events:attendance"), icon_name="group", order=930)


@hooks.register("register_page_header_buttons")
def session_check_in_button(page, user, view_name, next_url=None):
    """From a session in the admin straight to its check-in list (attendance, no-shows)."""
    if page.specific_class is SessionPage and user.is_master:
        yield Button(
            _("Check-in list"), reverse("events:check_in_list", args=[page.pk]), icon_name="group", priority=80
        )
