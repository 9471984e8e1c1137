"""Who may do what with members: one place that views, the API, admin hooks and services
ask. Each question takes the member asking (``actor``; anonymous visitors included) and
answers True or False; the caller decides what a "no" looks like (403, a hidden link)."""

from django.conf import settings

from .models import Member


def _signed_in(member) -> bool:
    return bool(member is not None and member.is_authenticated)


def runs_the_programme(member) -> bool:
    """Social Masters run the programme for the whole organisation, a Social Activator with a
    department for that department only (``programme_department``): inviting, the pilot,
    attendance of the department's sessions."""
    return _signed_in(member) and bool(member.is_master or (member.is_activator and member.department_id))


def programme_department(member) -> int | None:
    """The one department ``member`` invites into and builds the pilot for, or None for the
    whole organisation (Social Masters). Ask ``can_invite`` or ``can_build_pilot`` first."""
    if member.is_master:
        return None
    return member.department_id


def can_invite(member) -> bool:
    """Inviting people to the programme: the Social Master for the whole organisation, a
    Social Activator into their own department (``programme_department``)."""
    return runs_the_programme(member)


def can_invite_into(member, department_id: int | None) -> bool:
    """Whether ``member`` may invite someone into ``department_id`` (None: no department):
    a Master anywhere, an Activator into their own department only."""
    if not can_invite(member):
        return False
    scope = programme_department(member)
    return scope is None or department_id == scope


def can_build_pilot(member) -> bool:
    """The Social Master composes the pilot group; a Social Activator adds and removes
    members of their own department (``can_change_pilot_membership``), within the same limit."""
    return runs_the_programme(member)


def can_change_pilot_membership(member, target: Member) -> bool:
    """Whether ``member`` may put ``target`` in the pilot group or take them out."""
    if not can_build_pilot(member):
        return False
    scope = programme_department(member)
    return scope is None or target.department_id == scope


def can_see_reports(member) -> bool:
    """HR and Social Masters see participation reports for everyone, a Social Activator
    for their own department (so only with one)."""
    return _signed_in(member) and bool(
        member.is_master or member.is_hr or (member.is_activator and member.department_id)
    )


def may_get_monthly_summary(member) -> bool:
    """The monthly management summary is for managers of a department and for those who see
    the reports (HR, Social Masters, Activators)."""
    return _signed_in(member) and bool(member.manager_of_id or can_see_reports(member))


def report_department(member) -> int | None:
    """The one department ``member`` sees reports for, or None for the whole organisation.
    Ask ``can_see_reports`` first."""
    if member.is_master or member.is_hr:
        return None
    return member.department_id


def can_use_admin(member) -> bool:
    """Masters, Activators, Editors and HR work in the Wagtail admin (their groups grant it)."""
    return _signed_in(member) and member.has_perm("wagtailadmin.access_admin")


def can_edit_member(actor, target: Member) -> bool:
    """Only a superuser edits a superuser: changing their e-mail or password would be
    taking over their account."""
    return _signed_in(actor) and (actor.is_superuser or not target.is_superuser)


def can_grant_superuser(actor) -> bool:
    return _signed_in(actor) and actor.is_superuser


def can_handle_personal_data(actor) -> bool:
    """A Social Master exports or erases members' data on their request."""
    return _signed_in(actor) and actor.is_master


def can_handle_personal_data_of(actor, target: Member) -> bool:
    """...but not a superuser's, unless the Master is one too."""
    return can_handle_personal_data(actor) and can_edit_member(actor, target)


def offers_personal_data_actions(actor, target: Member) -> bool:
    """Whether the member list offers ``actor`` the export and erase buttons for ``target``:
    not for themselves (they use their profile) and not once erased."""
    return target.pk != actor.pk and target.erased_at is None and can_handle_personal_data_of(actor, target)


def can_end_sessions(actor, member) -> bool:
    """Logging out everywhere (ending sessions, revoking API tokens) is for the member themselves."""
    return _signed_in(actor) and member is not None and actor.pk == member.pk


def needs_second_factor(member) -> bool:
    """Whether ``member`` must use two-factor authentication when they log in with a password:
    their role, or ``hr`` for the HR flag, is in ``MFA_REQUIRED_FOR_ROLES``."""
    required = {role.strip().lower() for role in settings.MFA_REQUIRED_FOR_ROLES}
    if not required or member is None or not member.is_authenticated:
        return False
    return member.role in required or ("hr" in required and member.is_hr)


def may_log_in_with_password(
    *, email: str, sso_only: bool, break_glass_email: str | None, sso_configured: bool
) -> bool:
    """Whether a password login for ``email`` is allowed: always, unless a Master made single
    sign-on the only way in (and it is configured); then only for the break-glass account."""
    if not (sso_only and sso_configured):
        return True
    return bool(break_glass_email) and email.strip().lower() == break_glass_email.strip().lower()
