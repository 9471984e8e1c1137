"""Open Badges 3.0 credentials: issuing (signed VC-JWT), revoking (a bit in the status list)
and the organisation's signing key (made on first use, rotated by a Master's command).

Apps above issue their own achievements here with plain values: ``learning`` issues a course
certificate with ``issue(subject=…, achievement=Achievement(…), …)``; a badge award is issued
on first use by ``credential_for_award``. Signing is ``gamification.openbadges``."""

import datetime
import logging
import secrets
import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from core import sealed
from gamification.models import BadgeAward, Credential, SigningKey
from gamification.openbadges import credentials as ob3
from gamification.openbadges import did, hosting
from gamification.selectors.badges import how_to_earn

logger = logging.getLogger(__name__)

# What a page or endpoint says while the signing key cannot be opened (a changed SECRET_KEY
# without its fallback): a clear refusal, never a 500.
SIGNING_UNAVAILABLE = gettext_lazy("Badges and certificates cannot be signed right now. Try again later.")

# What the signing keys are sealed for (core.sealed): a key sealed for anything else never opens here.
KEY_PURPOSE = "openbadges-signing-key"


def _new_key_row(**fields) -> SigningKey:
    kid, pem, jwk = did.new_key()
    return SigningKey.objects.create(
        kid=kid, private_key=sealed.seal(pem, purpose=KEY_PURPOSE), public_jwk=jwk, **fields
    )


def current_key() -> SigningKey:
    """The current signing key, made on first use.

    Locks nothing: a partial unique constraint (one current key) decides between two first
    uses, the loser reads the winner's key. Returns the key; raises nothing of its own."""
    key = SigningKey.objects.filter(is_current=True).first()
    if key is not None:
        return key
    try:
        with transaction.atomic():
            return _new_key_row(is_current=True)
    except IntegrityError:
        return SigningKey.objects.get(is_current=True)


def rotate_key() -> SigningKey:
    """A new current key; the old one stays in the DID document (what it signed still
    verifies). Locks the current key's row (``select_for_update``). Returns the new key."""
    with transaction.atomic():
        SigningKey.objects.select_for_update().filter(is_current=True).update(is_current=False)
        return _new_key_row(is_current=True)


def reseal_keys() -> int:
    """Every signing key sealed again under the current ``SECRET_KEY`` (after a rotation, while
    the old one is still in ``SECRET_KEY_FALLBACKS``). Locks the key rows. Returns how many
    keys were resealed; raises ``core.sealed.Unsealable`` when a key opens with no secret of
    this installation (nothing is changed then)."""
    with transaction.atomic():
        keys = list(SigningKey.objects.select_for_update().order_by("pk"))
        for key in keys:
            key.private_key = sealed.reseal(key.private_key, purpose=KEY_PURPOSE)
        SigningKey.objects.bulk_update(keys, ["private_key"])
    return len(keys)


def sign(payload: dict) -> str:
    """``payload`` signed (VC-JWT) with the current key. Raises ``core.sealed.Unsealable`` when
    the key cannot be opened (``SECRET_KEY`` changed without a fallback)."""
    key = current_key()
    pem = sealed.unseal(key.private_key, purpose=KEY_PURPOSE)
    return did.sign_jwt(payload, private_key_pem=pem, kid=key.kid)


def issue(
    *,
    subject: uuid.UUID,
    achievement: ob3.Achievement,
    email: str,
    awarded_at: datetime.datetime,
    narrative: str = "",
) -> Credential:
    """The valid credential of ``subject`` (an award's or certificate's uuid), issued and
    signed now unless there is one already (idempotent: a retry returns the same one).

    Locks nothing: a partial unique constraint (one valid credential per subject) decides
    between concurrent twins; the loser returns the winner's. Returns the ``Credential``.
    Raises ``core.sealed.Unsealable`` when the signing key cannot be opened (nothing is kept
    then: callers issue again later, and ``signing_unavailable`` says why in the log)."""
    existing = Credential.objects.filter(subject=subject, revoked_at__isnull=True).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            row = Credential.objects.create(subject=subject)
            row.data = ob3.open_badge_credential(
                credential_uuid=row.uuid,
                pk=row.pk,
                achievement=achievement,
                issuer_name=hosting.issuer_name(),
                email=email,
                salt=secrets.token_hex(16),
                awarded_at=awarded_at,
                narrative=narrative,
            )
            row.jwt = sign(ob3.jwt_claims(row.data))
            row.save(update_fields=["data", "jwt"])
            return row
    except IntegrityError:
        return Credential.objects.get(subject=subject, revoked_at__isnull=True)


def signing_unavailable(error: sealed.Unsealable) -> None:
    """Tell the operator, in the log, that credentials cannot be signed now and how to mend it
    (a changed ``SECRET_KEY``). Pages go on without the credential; the public endpoints
    answer 503 until then."""
    logger.error(
        "Open Badges credentials cannot be signed: %s Put the SECRET_KEY the signing keys were "
        "sealed with in SECRET_KEY_FALLBACKS and run `manage.py rotate_badge_key --reseal`, or run "
        "`manage.py rotate_badge_key` for a new key.",
        error,
    )


def revoke(*, subject: uuid.UUID, now: datetime.datetime | None = None) -> int:
    """Revoke the valid credential of ``subject``: its bit in the status list is set from now
    on. Locks nothing (one UPDATE). Returns how many were revoked (0 or 1; again: 0)."""
    return Credential.objects.filter(subject=subject, revoked_at__isnull=True).update(revoked_at=now or timezone.now())


def badge_achievement(award: BadgeAward) -> ob3.Achievement:
    badge = award.badge
    return ob3.Achievement(
        id=hosting.badge_class_id(badge),
        name=badge.display_name,
        description=badge.display_description,
        criteria_url=hosting.badge_class_page_url(badge),
        criteria_narrative=how_to_earn(badge),
        image_url=hosting.badge_image_url(badge),
    )


def credential_for_award(award: BadgeAward) -> Credential | None:
    """The award's valid credential, issued on first use (awards from before Open Badges 3.0
    too); None when the award is revoked or its member gone (deactivated or erased). Needs
    ``award.badge`` and ``award.member``."""
    if award.revoked_at is not None or not award.member.is_active:
        return None
    existing = Credential.objects.filter(subject=award.uuid, revoked_at__isnull=True).first()
    if existing is not None:
        return existing
    with translation.override(settings.LANGUAGE_CODE):  # one text for everyone who verifies
        achievement = badge_achievement(award)
    return issue(
        subject=award.uuid,
        achievement=achievement,
        email=award.member.email,
        awarded_at=award.awarded_at,
        narrative=award.reason,
    )


def forget(*, subjects, now: datetime.datetime | None = None) -> int:
    """Erasure: the credentials of ``subjects`` (a member's award and certificate uuids) are
    revoked (their bits stay set, so a copy kept elsewhere no longer verifies) and emptied
    (the recipient's hash is no longer published). Locks nothing (one UPDATE per state).
    Returns how many rows were emptied."""
    subjects = list(subjects)
    revoke_many = Credential.objects.filter(subject__in=subjects, revoked_at__isnull=True)
    revoke_many.update(revoked_at=now or timezone.now())
    return Credential.objects.filter(subject__in=subjects).update(data={}, jwt="")
