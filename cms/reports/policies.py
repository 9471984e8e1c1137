"""Who sees which reports: HR and Social Masters the whole organisation, a Social
Activator their own department, everyone else nothing."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from cms.models import ProgrammeSettings
from people import policies as people_policies


def may_see_reports(member) -> bool:
    return people_policies.can_see_reports(member)


def may_download_export(member, export) -> bool:
    """A prepared export is for the member who asked, and only while they may still see
    reports (and, for the per-person table, while the works council allows per-person data)."""
    if not (member is not None and member.is_authenticated and export.requested_by_id == member.pk):
        return False
    if not people_policies.can_see_reports(member):
        return False
    return not ("people" in export.table.split(",") and ProgrammeSettings.load().aggregates_only)


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
