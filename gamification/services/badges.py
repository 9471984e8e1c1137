"""Giving badges: once per member, by the engine (``badge_evaluation``) or by a Master's hand,
and revoking them.

Every award is an Open Badges 2.0 hosted assertion (``gamification.openbadges``). An award is
unique per member and badge (a unique constraint decides), so evaluating twice, a retried
Celery task or the periodic sweep racing the task after an action all award once, and the
member is notified once (the notification's dedupe key backs that up).
"""

import secrets
import uuid
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import InvalidInput, NotAllowed
from core.locking import lock
from gamification import policies
from gamification.models import BadgeAward, BadgeClass
from gamification.services import credentials
from people import services as people_services
from people.models import Member


def new_salt() -> str:
    return secrets.token_hex(16)


def assertion_path(award: BadgeAward) -> str:
    return reverse("gamification:badge_assertion", args=[award.uuid])


_PLACEHOLDER = str(uuid.UUID(int=0))


def assertion_paths(awards: Iterable[BadgeAward]) -> list[str]:
    """``assertion_path`` of each award with one ``reverse`` for all (a sweep's thousands):
    the uuid is the only part of the path that differs."""
    template = reverse("gamification:badge_assertion", args=[_PLACEHOLDER])
    return [template.replace(_PLACEHOLDER, str(award_obj.uuid)) for award_obj in awards]


def award(*, member: Member, badge: BadgeClass, reason: str = "", by: Member | None = None) -> tuple[BadgeAward, bool]:
    """Give ``badge`` to ``member`` once, with an optional ``reason`` and the Master ``by``
    whom; the member is notified.

    Locks nothing: the (member, badge) unique constraint decides between concurrent twins,
    the loser gets the winner's award back. Returns ``(award, created)``; only the creator
    notifies, and the notification's dedupe key makes a second announcement impossible
    anyway. A revoked award stays revoked (``created`` False). Raises nothing of its own."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                award_obj, created = BadgeAward.objects.get_or_create(
                    member=member,
                    badge=badge,
                    defaults={"salt": new_salt(), "reason": reason.strip(), "awarded_by": by},
                )
        except IntegrityError:
            award_obj, created = BadgeAward.objects.get(member=member, badge=badge), False
        if created:
            _notify_awarded(award_obj)
    return award_obj, created


# The news of an award (``params={"badge": …}``), here and in the sweep's.
AWARDED_TITLE = _("New badge: %(badge)s")
AWARDED_BODY = _("You earned the badge “%(badge)s”. Download it or add it to your LinkedIn profile.")


def _notify_awarded(award_obj: BadgeAward) -> None:
    people_services.notify(
        member=award_obj.member,
        kind="badge_awarded",
        title=AWARDED_TITLE,
        body=AWARDED_BODY,
        # The badge renders its name in the member's language when the text is rendered.
        params={"badge": award_obj.badge},
        url=assertion_path(award_obj),
        dedupe_key=f"badge:{award_obj.badge_id}",
    )


def award_by_hand(*, member: Member, badge: BadgeClass, reason: str, by: Member) -> tuple[BadgeAward, bool]:
    """A Master gives a badge by hand, with a reason (required; shown on the assertion).

    Any badge may be given by hand, not only "manual" ones. Locks the award row
    (``core.lock``) to reinstate a revoked award, which then counts as new. Returns
    ``(award, created)``: ``created`` True when the member holds it now and did not before,
    False when they held it already (left as it is). Raises ``NotAllowed`` unless ``by`` may
    award badges (``policies.can_award_badges``), ``InvalidInput`` without a reason, ``Busy``
    when the award row stays locked."""
    if not policies.can_award_badges(by):
        raise NotAllowed(_("Only Social Masters award badges by hand."))
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("A badge awarded by hand needs a reason."))
    with transaction.atomic():
        award_obj, created = award(member=member, badge=badge, reason=reason, by=by)
        if created:
            return award_obj, True
        lock(award_obj)
        award_obj = BadgeAward.objects.get(pk=award_obj.pk)
        if award_obj.revoked_at is None:
            return award_obj, False
        award_obj.revoked_at = None
        award_obj.revocation_reason = ""
        award_obj.reason = reason
        award_obj.awarded_by = by
        award_obj.awarded_at = timezone.now()
        award_obj.save(update_fields=["revoked_at", "revocation_reason", "reason", "awarded_by", "awarded_at"])
    return award_obj, True


def revoke(*, award: BadgeAward, reason: str, by: Member) -> BadgeAward:
    """Revoke an award with a reason: its hosted assertion answers 410 Gone with the reason
    from now on, its Open Badges 3.0 credential's bit in the status list is set, and the
    engine never gives it back.

    Locks the award row (``core.lock``). Returns ``award``, updated; revoking a revoked award
    changes nothing. Raises ``NotAllowed`` unless ``by`` may revoke badges
    (``policies.can_revoke_badges``), ``InvalidInput`` without a reason, ``Busy`` when the
    award row stays locked."""
    if not policies.can_revoke_badges(by):
        raise NotAllowed(_("Only Social Masters revoke badges."))
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("A revocation needs a reason."))
    with transaction.atomic():
        lock(award)
        locked = BadgeAward.objects.get(pk=award.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.revocation_reason = reason
            locked.save(update_fields=["revoked_at", "revocation_reason"])
        credentials.revoke(subject=locked.uuid, now=locked.revoked_at)
    award.revoked_at, award.revocation_reason = locked.revoked_at, locked.revocation_reason
    return award
