from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import AuditLog, Department, Invitation, Location


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = _("Departments")
    list_display = ["name"]
    search_fields = ["name"]


class LocationViewSet(SnippetViewSet):
    model = Location
    icon = "site"
    menu_label = _("Locations")
    list_display = ["name"]
    search_fields = ["name"]


class OrganisationGroup(SnippetViewSetGroup):
    items = (DepartmentViewSet, LocationViewSet)
    menu_icon = "group"
    menu_label = _("Organisation")
    menu_name = "organisation"


register_snippet(OrganisationGroup)


class InvitationViewSet(SnippetViewSet):
    """Invitations are made on the invitation page (the service validates and sends them);
    here Masters see their status and may withdraw one."""

    model = Invitation
    icon = "mail"
    menu_label = _("Invitations")
    add_to_admin_menu = False
    list_display = ["email", "name", "department", "created_at", "sent_at", "reminders_sent", "accepted_at"]
    list_filter = ["department", "location"]
    search_fields = ["email", "name"]
    inspect_view_enabled = True


class AuditLogViewSet(SnippetViewSet):
    """Read-only: nobody may add or change audit entries (no such permission is granted)."""

    model = AuditLog
    icon = "history"
    menu_label = _("Audit log")
    add_to_admin_menu = True
    menu_order = 950
    list_display = ["created_at", "action", "actor", "target_id"]
    list_filter = ["action"]
    inspect_view_enabled = True


register_snippet(InvitationViewSet)
register_snippet(AuditLogViewSet)
