"""Who sees which reports: HR and Social Masters the whole organisation, a Social
Activator their own department, everyone else nothing."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from people import policies as people_policies


def may_see_reports(member) -> bool:
    return people_policies.can_see_reports(member)


def own_department_only(member) -> int | None:
    """The department ``member`` is held to (an Activator's own), or None for the whole
    organisation. Raises ``PermissionDenied`` (403) for anyone who sees no reports."""
    if not (member is not None and member.is_authenticated):
        raise PermissionDenied(_("Sign in to see reports."))
    if not people_policies.can_see_reports(member):
        raise PermissionDenied(_("Only HR, Social Masters and Social Activators see participation reports."))
    return people_policies.report_department(member)


def sees_attention_panel(member) -> bool:
    """The "needs attention" panel on the admin home is the Social Master's to-do list."""
    return bool(member.is_authenticated and member.is_master)
