"""Invitations as their join link and the Master's list show them."""

from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..errors import InvalidInvitationLink, InvitationAlreadyAccepted
from ..models import Invitation

TOKEN_SALT = "people.invitation"  # noqa: S105 (a signing salt, not a secret)


def valid_days() -> int:
    return settings.INVITATION_VALID_DAYS


def token_for(invitation: Invitation) -> str:
    """The signed token in the join link; a new ``nonce`` (a reminder) invalidates older ones."""
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=TOKEN_SALT, compress=True)


def join_url(invitation: Invitation) -> str:
    return settings.BASE_URL + reverse("people:join", args=[token_for(invitation)])


def invitation_for_token(token: str) -> Invitation:
    """The open invitation a join link points to (one query). Links expire after
    ``INVITATION_VALID_DAYS`` and when a reminder issues a fresh one.

    Raises ``InvalidInvitationLink`` (404) for a bad, expired or replaced link and
    ``InvitationAlreadyAccepted`` (409) once it has been used."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=valid_days() * 86400)
    except signing.SignatureExpired:
        raise InvalidInvitationLink(
            _("This invitation link has expired. Ask the Social Master for a new one.")
        ) from None
    except signing.BadSignature:
        raise InvalidInvitationLink(_("This invitation link is not valid.")) from None
    invitation = (
        Invitation.objects.select_related("department", "location", "invited_by")
        .filter(pk=data.get("i"), nonce=data.get("n"))
        .first()
    )
    if invitation is None:
        raise InvalidInvitationLink(_("This invitation link is no longer valid. Use the link in the latest e-mail."))
    if invitation.accepted_at is not None:
        raise InvitationAlreadyAccepted(_("This invitation has already been accepted. Log in instead."))
    return invitation


def due_reminders(*, now=None):
    """Open invitations that were sent ``INVITATION_REMINDER_DAYS`` ago (or reminded that long
    ago) and have had fewer than ``INVITATION_MAX_REMINDERS`` reminders."""
    now = now or timezone.now()
    cutoff = now - timezone.timedelta(days=settings.INVITATION_REMINDER_DAYS)
    return Invitation.objects.filter(
        accepted_at__isnull=True,
        sent_at__lte=cutoff,
        reminders_sent__lt=settings.INVITATION_MAX_REMINDERS,
    ).filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=cutoff))


def recent_invitations(*, department_id: int | None = None, limit: int = 50) -> list[Invitation]:
    """The newest invitations for the invitation page (one query): all of them, or those
    into one department (a Social Activator's, ``policies.programme_department``)."""
    invitations = Invitation.objects.select_related("department", "location")
    if department_id is not None:
        invitations = invitations.filter(department_id=department_id)
    return list(invitations[:limit])
