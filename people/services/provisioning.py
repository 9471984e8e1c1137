"""Members and departments as the organisation's identity provider provisions them (SCIM,
``people.api.scim``): create, change, switch off and delete members, and departments as
groups. The IdP is the source of truth for who works here; everything a member did in the
programme stays.

Switching a member off (``active: false``) works at once: ``is_active`` goes off (Django's
and allauth's backends then refuse the password and every session, DRF refuses the token),
the session generation is raised (every session signed with the old value ends, as "log out
everywhere" does) and their API tokens are deleted."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import Conflict, InvalidInput

from ..models import AuditAction, Department, Location, Member, Role
from .accounts import end_sessions
from .audit import record
from .roles import sync_groups

UNSET = object()


@dataclass
class MemberChanges:
    """What the IdP says about a person; ``UNSET`` fields are left as they are."""

    email: object = UNSET
    first_name: object = UNSET
    last_name: object = UNSET
    display_name: object = UNSET
    external_id: object = UNSET
    active: object = UNSET
    department: object = UNSET  # a name, or None for none
    location: object = UNSET  # a name, or None for none


def _unit(model, name: str | None):
    """The department or location called ``name`` (any case), made when new; None for none."""
    name = (name or "").strip()[:120]
    if not name:
        return None
    unit = model.objects.filter(name__iexact=name).first()
    if unit is None:
        unit, _created = model.objects.get_or_create(name=name)
    return unit


def _apply(member: Member, changes: MemberChanges) -> list[str]:
    """Copy ``changes`` onto ``member`` (not ``active``); returns the changed field names."""
    changed = []
    if changes.email is not UNSET:
        email = str(changes.email or "").strip().lower()
        if not email or "@" not in email:
            raise InvalidInput(_("userName must be an e-mail address."), code="invalidValue")
        if email != member.email:
            if Member.objects.filter(email__iexact=email).exclude(pk=member.pk).exists():
                raise Conflict(_("Another member has this e-mail address."), code="uniqueness")
            member.email = email
            changed.append("email")
    for field, limit in (("first_name", 150), ("last_name", 150), ("display_name", 120)):
        value = getattr(changes, field)
        if value is not UNSET:
            setattr(member, field, str(value or "").strip()[:limit])
            changed.append(field)
    if changes.external_id is not UNSET:
        member.scim_external_id = str(changes.external_id or "")[:255]
        changed.append("scim_external_id")
    if changes.department is not UNSET:
        member.department = _unit(Department, changes.department)
        changed.append("department")
    if changes.location is not UNSET:
        member.location = _unit(Location, changes.location)
        changed.append("location")
    return changed


def _switch(member: Member, *, active: bool) -> bool:
    """Switch ``member`` on or off inside the caller's transaction; returns whether it changed.
    Off: sessions end (session generation raised) and API tokens are deleted."""
    if member.is_active == active:
        return False
    member.is_active = active
    member.save(update_fields=["is_active"])
    if not active:
        end_sessions(member=member)
    record(actor=None, action=AuditAction.REACTIVATED if active else AuditAction.DEACTIVATED, target=member, via="scim")
    return True


def provision_member(*, changes: MemberChanges) -> tuple[Member, bool]:
    """Create the member the IdP sends (an Ambassador without a password: they log in by SSO,
    or choose a password with "forgot password"). A member the IdP deleted before, with the
    same e-mail address, comes back (with everything they did) instead of a second account.

    Locks nothing (the unique e-mail address decides a race: the loser gets ``Conflict``).
    Returns ``(member, created)``. Raises ``InvalidInput`` for a missing or bad userName and
    ``Conflict`` (409, ``uniqueness``) when an active member has the address."""
    email = str(changes.email if changes.email is not UNSET else "").strip().lower()
    if not email or "@" not in email:
        raise InvalidInput(_("userName must be an e-mail address."), code="invalidValue")
    with transaction.atomic():
        existing = Member.objects.select_for_update().filter(email__iexact=email).first()
        if existing is not None and existing.deprovisioned_at is None:
            raise Conflict(_("A member with this userName exists already."), code="uniqueness")
        if existing is not None:
            member = existing
            member.deprovisioned_at = None
            member.save(update_fields=["deprovisioned_at"])
        else:
            member = Member(
                email=email, role=Role.AMBASSADOR, is_active=changes.active is UNSET or bool(changes.active)
            )
            member.set_unusable_password()
        _apply(member, changes)
        try:
            with transaction.atomic():
                member.save()
        except IntegrityError:
            raise Conflict(_("A member with this userName exists already."), code="uniqueness") from None
        if existing is None:
            sync_groups(member=member)
            record(actor=None, action=AuditAction.PROVISIONED, target=member, via="scim")
        else:
            _switch(member, active=changes.active is UNSET or bool(changes.active))
    return member, existing is None


def update_member(*, member: Member, changes: MemberChanges) -> Member:
    """Change ``member`` as the IdP says (a PUT replaces, a PATCH sends only some fields);
    ``active: false`` switches them off at once (see the module docstring).

    Locks the member's row. Returns the member. Raises ``InvalidInput`` for a bad userName
    and ``Conflict`` (``uniqueness``) for an address another member has."""
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member.pk)
        changed = _apply(member, changes)
        if changed:
            member.save(update_fields=changed)
        if changes.active is not UNSET:
            _switch(member, active=bool(changes.active))
    return member


def deprovision_member(*, member: Member) -> Member:
    """The IdP deleted the person: switch them off (sessions and tokens end) and hide them from
    provisioning. Nothing they did is deleted; erasing personal data is a separate, deliberate
    step (``cms.services.privacy``). Locks the member's row; running it twice is harmless.
    Returns the member."""
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member.pk)
        _switch(member, active=False)
        if member.deprovisioned_at is None:
            member.deprovisioned_at = timezone.now()
            member.save(update_fields=["deprovisioned_at"])
            record(actor=None, action=AuditAction.DEPROVISIONED, target=member, via="scim")
    return member


# --- departments as groups --------------------------------------------------------------


def create_department(*, name: str, member_ids: list[int] | None = None) -> Department:
    """A department the IdP sends as a group, with its members. Locks nothing (the unique
    name decides a race). Returns it. Raises ``InvalidInput`` without a name and ``Conflict``
    (``uniqueness``) when the name is taken."""
    name = (name or "").strip()[:120]
    if not name:
        raise InvalidInput(_("displayName is required."), code="invalidValue")
    with transaction.atomic():
        if Department.objects.filter(name__iexact=name).exists():
            raise Conflict(_("A department with this name exists already."), code="uniqueness")
        department = Department.objects.create(name=name)
        if member_ids:
            set_department_members(department=department, add=member_ids)
    return department


def rename_department(*, department: Department, name: str) -> Department:
    """Give the department the IdP's new name. Locks nothing. Raises ``InvalidInput`` for an
    empty name and ``Conflict`` for a name another department has."""
    name = (name or "").strip()[:120]
    if not name:
        raise InvalidInput(_("displayName is required."), code="invalidValue")
    if Department.objects.filter(name__iexact=name).exclude(pk=department.pk).exists():
        raise Conflict(_("A department with this name exists already."), code="uniqueness")
    department.name = name
    department.save(update_fields=["name"])
    return department


def set_department_members(
    *, department: Department, add: list[int] = (), remove: list[int] = (), replace: list[int] | None = None
) -> int:
    """Move members into ``department`` (``add``), out of it (``remove``: only if they are in
    it), or make ``replace`` its exact membership. A member is in one department: adding moves
    them. Locks nothing (single UPDATE statements). Returns how many members changed."""
    changed = 0
    with transaction.atomic():
        if replace is not None:
            changed += Member.objects.filter(department=department).exclude(pk__in=replace).update(department=None)
            add = replace
        if remove:
            changed += Member.objects.filter(department=department, pk__in=remove).update(department=None)
        if add:
            changed += Member.objects.filter(pk__in=add).exclude(department=department).update(department=department)
    return changed


def release_department(*, department: Department) -> int:
    """The IdP deleted the group: its members leave the department. The department itself
    stays (challenges, courses and reports name it); a Master removes it in the admin.
    Locks nothing. Returns how many members left."""
    return Member.objects.filter(department=department).update(department=None)


def joined_through_sso(*, member: Member, department: str | None, location: str | None) -> Member:
    """A person's first login through single sign-on made ``member`` (allauth saved the row):
    make them a Social Ambassador in their role groups, in the department and location the
    identity provider's claims name (when it names them). Locks nothing (a new row nobody
    else knows yet). Returns the member."""
    changes = MemberChanges()
    if department:
        changes.department = str(department)
    if location:
        changes.location = str(location)
    with transaction.atomic():
        changed = _apply(member, changes)
        if member.role != Role.AMBASSADOR:
            member.role = Role.AMBASSADOR
            changed.append("role")
        if changed:
            member.save(update_fields=changed)
        sync_groups(member=member)
        record(actor=None, action=AuditAction.PROVISIONED, target=member, via="sso")
    return member


def updated_through_sso(
    *,
    member: Member,
    first_name: str | None = None,
    last_name: str | None = None,
    department: str | None = None,
    location: str | None = None,
) -> list[str]:
    """An existing member logged in through single sign-on: take the name, department and
    location the identity provider sends now (it is the source of truth, as with SCIM). A value
    it does not send, or sends empty, leaves ours as it is. Each change goes in the audit log
    (field names and ids, never the values themselves).

    Locks the member's row. Returns the names of the fields that changed."""
    changes = MemberChanges()
    for field, value in (("first_name", first_name), ("last_name", last_name)):
        if value and value.strip() and value.strip() != getattr(member, field):
            setattr(changes, field, value)
    for field, value in (("department", department), ("location", location)):
        current = getattr(member, field)
        if value and value.strip() and (current is None or current.name.lower() != value.strip().lower()):
            setattr(changes, field, value)
    if all(getattr(changes, field) is UNSET for field in ("first_name", "last_name", "department", "location")):
        return []
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member.pk)
        changed = _apply(member, changes)
        member.save(update_fields=changed)
        record(
            actor=None,
            action=AuditAction.UPDATED_BY_IDP,
            target=member,
            via="sso",
            fields=sorted(changed),
            department_id=member.department_id,
            location_id=member.location_id,
        )
    return changed
