"""Invitations to join the programme: bulk import from CSV, sending, reminders and
accepting (which creates the member). The join link itself is read in
``people.selectors.invitations``."""

import csv
import io
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core import branding
from core.errors import NotAllowed
from core.locking import lock
from core.queue import enqueue

from .. import policies
from ..errors import InvitationAlreadyAccepted, InvitationError
from ..models import AuditAction, Department, Invitation, Location, Member
from ..selectors.invitations import due_reminders, invitation_for_token, join_url, valid_days
from .audit import record
from .roles import sync_groups

MAX_ROWS = 5000
MAX_UPLOAD_BYTES = 2 * 1024 * 1024

# Column headers we understand, in English and Dutch, so a spreadsheet export just works.
HEADERS = {
    "name": "name",
    "naam": "name",
    "email": "email",
    "e-mail": "email",
    "e-mailadres": "email",
    "email address": "email",
    "department": "department",
    "afdeling": "department",
    "location": "location",
    "locatie": "location",
    "vestiging": "location",
}


@dataclass
class InvitationRow:
    line: int
    name: str
    email: str
    department: Department | None = None
    location: Location | None = None


# --- import -----------------------------------------------------------------------------


def rows_from_upload(*, upload: UploadedFile) -> list[dict]:
    """Read an uploaded CSV file (at most 2 MB) as ``rows_from_csv`` does. Changes nothing;
    raises ``InvitationError`` (400) for a larger file."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise InvitationError(_("The file is larger than 2 MB."))
    return rows_from_csv(data=upload.read())


def rows_from_pasted(*, text: str) -> list[dict]:
    """Read lines pasted into the invitation form (name, e-mail, department, location) as
    ``rows_from_csv`` does; a header line is optional. ``line`` numbers the lines as the
    Master sees them in the text box (the first pasted line is line 1). Changes nothing;
    raises ``InvitationError`` (400) as ``rows_from_csv`` does."""
    text = text.lstrip("\ufeff")
    first_line = text.strip().splitlines()[0] if text.strip() else ""
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    if {"name", "email"} <= {HEADERS.get(h.strip().lower()) for h in first_line.split(delimiter)}:
        return rows_from_csv(data=text)
    return rows_from_csv(
        data=delimiter.join(["name", "email", "department", "location"]) + "\n" + text, added_header=True
    )


def rows_from_csv(*, data: bytes | str, added_header: bool = False) -> list[dict]:
    """Read a CSV (comma or semicolon, with a header row, English or Dutch column names)
    into dicts with a ``line`` number: the line of the file as the user sees it (the header
    is line 1), or, with ``added_header``, not counting the header the caller put in front.
    Changes nothing; raises ``InvitationError`` (400) if the file cannot be read at all or
    holds more than ``MAX_ROWS`` lines."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvitationError(_("The file is not UTF-8 text. Save it as CSV UTF-8 and try again.")) from None
    data = data.lstrip("\ufeff")
    if not data.strip():
        raise InvitationError(_("The file is empty."))
    first_line = data.splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(data), delimiter=delimiter)
    header = [HEADERS.get(h.strip().lower()) for h in next(reader)]
    if "name" not in header or "email" not in header:
        raise InvitationError(_("The first line must name the columns: name, email, department, location."))
    rows = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        row = {key: value.strip() for key, value in zip(header, values, strict=False) if key}
        row["line"] = reader.line_num - 1 if added_header else reader.line_num
        rows.append(row)
        if len(rows) > MAX_ROWS:
            raise InvitationError(_("At most %(max)s invitations at a time.") % {"max": MAX_ROWS})
    return rows


def validate_rows(*, rows: list[dict], department_id: int | None = None) -> list[InvitationRow]:
    """Check every row (four queries); raise ``InvitationError`` listing every bad line, or
    return them all. Departments and locations must already exist (a typo must not create
    a department). With ``department_id`` (a Social Activator's own department) every row
    goes into that department: a row without one is put there, a row naming another is a
    bad line."""
    departments = {d.name.lower(): d for d in Department.objects.all()}
    own = next((d for d in departments.values() if d.pk == department_id), None) if department_id else None
    locations = {loc.name.lower(): loc for loc in Location.objects.all()}
    emails = [str(r.get("email", "")).strip().lower() for r in rows]
    members = set(Member.objects.filter(email__in=emails).values_list("email", flat=True))
    invited = set(Invitation.objects.filter(email__in=emails).values_list("email", flat=True))
    errors, valid, seen = [], [], {}
    for index, row in enumerate(rows, start=1):
        line = row.get("line", index)
        name = str(row.get("name") or "").strip()
        email = str(row.get("email") or "").strip().lower()
        problems = []
        if not name:
            problems.append(_("name is missing"))
        elif len(name) > 120:
            problems.append(_("name is longer than 120 characters"))
        try:
            validate_email(email)
        except ValidationError:
            problems.append(_("“%(email)s” is not an e-mail address") % {"email": email})
        else:
            if email in members:
                problems.append(_("%(email)s is already a member") % {"email": email})
            elif email in invited:
                problems.append(_("%(email)s has already been invited") % {"email": email})
            elif email in seen:
                problems.append(_("%(email)s is also on line %(line)s") % {"email": email, "line": seen[email]})
            seen.setdefault(email, line)
        department = location = None
        if row.get("department"):
            department = departments.get(str(row["department"]).strip().lower())
            if department is None:
                problems.append(_("unknown department “%(name)s”") % {"name": row["department"]})
            elif own is not None and department != own:
                problems.append(
                    _("you may only invite people into your own department, %(own)s (not “%(name)s”)")
                    % {"own": own.name, "name": row["department"]}
                )
        elif own is not None:
            department = own
        if row.get("location"):
            location = locations.get(str(row["location"]).strip().lower())
            if location is None:
                problems.append(_("unknown location “%(name)s”") % {"name": row["location"]})
        if problems:
            errors.append({"line": line, "message": "; ".join(str(p) for p in problems)})
        else:
            valid.append(InvitationRow(line=line, name=name, email=email, department=department, location=location))
    if errors:
        raise InvitationError(
            ngettext(
                "%(count)s line has a problem; nothing was imported. Line %(line)s: %(message)s",
                "%(count)s lines have problems; nothing was imported. First: line %(line)s: %(message)s",
                len(errors),
            )
            % {"count": len(errors), "line": errors[0]["line"], "message": errors[0]["message"]},
            errors,
        )
    if not valid:
        raise InvitationError(_("There is nobody to invite."))
    return valid


def invite(*, rows: list[dict], by: Member, message: str = "", video_url: str = "") -> list[Invitation]:
    """Create an invitation for every row, all or none, and send them after commit.

    Locks nothing: every row is validated first, and a concurrent twin (the same address
    invited in another request at the same moment) hits the unique e-mail constraint and
    rolls the whole batch back, so a file is never half-imported. Returns the invitations.
    Raises ``InvitationError`` (400) listing every bad line, for a bad video link or
    message, or for that concurrent twin; ``NotAllowed`` (403) if ``by`` may not invite.
    A Social Activator invites into their own department only (``validate_rows``)."""
    if not policies.can_invite(by):
        raise NotAllowed(_("Only a Social Master, or a Social Activator for their own department, invites people."))
    if video_url:
        try:
            URLValidator(schemes=["https"])(video_url)
        except ValidationError:
            raise InvitationError(_("The video link must be an https:// address.")) from None
    if len(message) > 4000:
        raise InvitationError(_("The personal message is longer than 4000 characters."))
    valid = validate_rows(rows=rows, department_id=policies.programme_department(by))
    now = timezone.now()
    expires = now + timezone.timedelta(days=valid_days())
    try:
        with transaction.atomic():
            invitations = Invitation.objects.bulk_create(
                [
                    Invitation(
                        email=row.email,
                        name=row.name,
                        department=row.department,
                        location=row.location,
                        message=message,
                        video_url=video_url,
                        invited_by=by,
                        nonce=secrets.token_hex(8),
                        created_at=now,
                        expires_at=expires,
                    )
                    for row in valid
                ]
            )
            if invitations and invitations[0].pk is None:  # backends without RETURNING
                invitations = list(Invitation.objects.filter(email__in=[r.email for r in valid]))
            record(actor=by, action=AuditAction.INVITATIONS_SENT, count=len(invitations))
            for invitation in invitations:
                enqueue("people.tasks.send_invitation", invitation.pk)
    except IntegrityError:
        raise InvitationError(_("Someone invited one of these addresses at the same moment; try again.")) from None
    return invitations


# --- sending and reminders ---------------------------------------------------------------


def send_invitation(*, invitation_id: int, reminder: bool = False) -> bool:
    """E-mail the invitation (or a reminder, with a fresh link valid for the full period).

    Locks nothing: the claim is one conditional UPDATE, so a task that runs twice sends
    once; if sending fails the claim is released for the next try and the error is
    raised. Returns whether this call sent it."""
    now = timezone.now()
    claim = Invitation.objects.filter(pk=invitation_id, accepted_at__isnull=True)
    if reminder:
        claimed = claim.filter(sent_at__isnull=False).filter(
            Q(reminded_at__isnull=True) | Q(reminded_at__lt=now - timezone.timedelta(hours=1))
        )
        updated = claimed.update(
            reminded_at=now, nonce=secrets.token_hex(8), expires_at=now + timezone.timedelta(days=valid_days())
        )
    else:
        updated = claim.filter(sent_at__isnull=True).update(sent_at=now)
    if not updated:
        return False
    invitation = Invitation.objects.select_related("invited_by").get(pk=invitation_id)
    language = invitation.invited_by.language if invitation.invited_by else settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            context = {
                "invitation": invitation,
                "url": join_url(invitation),
                "reminder": reminder,
                "inviter": invitation.invited_by.name if invitation.invited_by else "",
                "branding": branding.current(),
            }
            subject = render_to_string("people/email/invitation_subject.txt", context).strip()
            body = render_to_string("people/email/invitation.txt", context)
            html = render_to_string("people/email/invitation.html", context)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email], html_message=html)
    except Exception:
        if reminder:
            Invitation.objects.filter(pk=invitation_id).update(reminded_at=None)
        else:
            Invitation.objects.filter(pk=invitation_id).update(sent_at=None)
        raise
    if reminder:
        Invitation.objects.filter(pk=invitation_id).update(reminders_sent=invitation.reminders_sent + 1)
    return True


def send_due_reminders(*, limit: int = 500) -> int:
    """Remind up to ``limit`` invitations that are due (the periodic sweep), each claimed as
    ``send_invitation`` does. Returns how many this call sent."""
    ids = list(due_reminders().order_by("sent_at").values_list("pk", flat=True)[:limit])
    return sum(1 for pk in ids if send_invitation(invitation_id=pk, reminder=True))


# --- accepting ---------------------------------------------------------------------------


def accept(*, token: str, password: str, display_name: str = "") -> Member:
    """Create the member an invitation was for, with its department and location.

    Locks the invitation row, so a double click creates one member; the unique e-mail
    constraint catches a member created by hand in the meantime. Returns the new member.
    Raises ``InvalidInvitationLink`` (404) for a bad link, ``InvitationError`` (400) for a
    password that is too weak, ``InvitationAlreadyAccepted`` (409) once used, and ``Busy``
    when the row stays locked too long."""
    found = invitation_for_token(token)
    try:
        validate_password(password, user=Member(email=found.email, display_name=found.name))
    except ValidationError as exc:
        raise InvitationError(" ".join(exc.messages)) from None
    try:
        with transaction.atomic():
            lock(found)
            invitation = Invitation.objects.get(pk=found.pk)
            if invitation.accepted_at is not None:
                raise InvitationAlreadyAccepted(_("This invitation has already been accepted. Log in instead."))
            member = Member.objects.create_user(
                email=invitation.email,
                password=password,
                display_name=(display_name or invitation.name).strip()[:120],
                department=invitation.department,
                location=invitation.location,
                language=translation.get_language() if translation.get_language() in ("nl", "en") else "nl",
            )
            sync_groups(member=member)
            invitation.accepted_at = timezone.now()
            invitation.member = member
            invitation.save(update_fields=["accepted_at", "member"])
    except IntegrityError:
        raise InvitationAlreadyAccepted(_("There is already an account for this address. Log in instead.")) from None
    return member
