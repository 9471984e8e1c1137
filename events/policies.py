"""Who may do what with a session. Views, the API and the services ask these; a service
that is refused raises ``core.errors.NotAllowed``."""

from django.utils.translation import gettext_lazy as _

from people import policies as people_policies
from people.models import Member

from .models import Registration, SessionPage

# What a member who is refused a host's tool is told (pages, API and services alike).
HOSTS_ONLY = _("Only the hosts of this session and Social Masters may do this.")


def is_host(*, member: Member, session: SessionPage) -> bool:
    """Hosts of the session and Social Masters run it."""
    if not member.is_authenticated:
        return False
    if member.is_master:
        return True
    return session.hosts.filter(pk=member.pk).exists()


def can_manage_session(*, member: Member, session: SessionPage) -> bool:
    """The roster, no-shows, feedback summary, meetup action items and collected stories."""
    return is_host(member=member, session=session)


def can_check_in(*, member: Member, session: SessionPage) -> bool:
    """Record who is present (the check-in list, the QR scanner, the API)."""
    return is_host(member=member, session=session)


def can_see_online_link(*, member: Member, status: str | None, hosting: bool) -> bool:
    """The online link is for members with a place (not the waiting list), hosts and Masters."""
    return hosting or member.is_master or status == Registration.Status.REGISTERED


def can_see_registration_code(*, member: Member, registration: Registration) -> bool:
    """A check-in code (and its QR code) is for its member and the session's hosts."""
    return registration.member_id == member.pk or is_host(member=member, session=registration.session)


def can_see_attendance(*, member: Member) -> bool:
    """The attendance overview across sessions: Social Masters; a Social Activator for the
    sessions of their own department (``attendance_department``)."""
    return people_policies.runs_the_programme(member)


def attendance_department(*, member: Member) -> int | None:
    """The department whose sessions ``member`` sees in the attendance overview, or None for
    all sessions. Ask ``can_see_attendance`` first."""
    return people_policies.programme_department(member)
