"""Wagtail admin: the Masters' "needs attention" home panel, the Activators' department
panel and menu items for reports, the pilot group and invitations. Imported from ``cms.wagtail_hooks``."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import ListingButton

from people import policies as people_policies

from . import policies, selectors


class AttentionPanel(Component):
    name = "socialshift_attention"
    order = 50
    template_name = "cms/reports/admin_attention_panel.html"

    def get_context_data(self, parent_context):
        return {"items": selectors.attention_counts()}


@hooks.register("construct_homepage_panels")
def add_attention_panel(request, panels):
    if policies.sees_attention_panel(request.user):
        panels.insert(0, AttentionPanel())


class DepartmentPanel(Component):
    """A Social Activator's start in Beheer: what they run for their own department."""

    name = "socialshift_department"
    order = 50
    template_name = "cms/reports/admin_department_panel.html"

    def __init__(self, member):
        self.member = member

    def get_context_data(self, parent_context):
        return {
            "department": self.member.department,
            "pilot": people_policies.can_build_pilot(self.member),
            "invite": people_policies.can_invite(self.member),
            "reports": policies.may_see_reports(self.member),
            "calendar": self.member.has_perm("strategy.view_calendarentry"),
        }


@hooks.register("construct_homepage_panels")
def add_department_panel(request, panels):
    member = request.user
    if people_policies.can_build_pilot(member) and people_policies.programme_department(member) is not None:
        panels.insert(0, DepartmentPanel(member))


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return policies.may_see_reports(request.user)


class PilotMenuItem(MenuItem):
    def is_shown(self, request):
        return people_policies.can_build_pilot(request.user)


class InvitationsMenuItem(MenuItem):
    def is_shown(self, request):
        return people_policies.can_invite(request.user)


@hooks.register("register_admin_menu_item")
def reports_menu_item():
    return ReportsMenuItem(_("Participation reports"), reverse("reports:dashboard"), icon_name="table", order=940)


@hooks.register("register_admin_menu_item")
def pilot_menu_item():
    return PilotMenuItem(_("Pilot group"), reverse("pilot"), icon_name="group", order=941)


@hooks.register("register_admin_menu_item")
def invitations_menu_item():
    return InvitationsMenuItem(_("Invitations"), reverse("people:invite"), icon_name="mail", order=942)


@hooks.register("register_user_listing_buttons")
def member_privacy_buttons(user, request_user):
    """Masters export or erase a member's data on request (both audited)."""
    if not people_policies.offers_personal_data_actions(request_user, user):
        return []
    return [
        ListingButton(_("Download data"), reverse("member-data", args=[user.pk]), priority=60),
        ListingButton(_("Erase personal data"), reverse("member-erase", args=[user.pk]), priority=70),
    ]
