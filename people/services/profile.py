"""What a member changes about themselves: profile, language, and the onboarding that
records their consent. The profile page, ``PATCH /api/v1/me/`` and the onboarding all go
through ``update_profile``."""

import copy
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from wagtail.users.models import UserProfile

from core.errors import InvalidInput
from core.locking import lock

from ..models import Department, Member


class _Keep:
    """The default of every field ``update_profile`` may change: leave it as it is."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()


def _save_admin_language(member: Member, language: str) -> None:
    profile = UserProfile.get_for_user(member)
    profile.preferred_language = language
    profile.save(update_fields=["preferred_language"])


def set_language(*, member: Member, language: str) -> None:
    """Store the member's language and make the Wagtail admin speak it too.

    Locks nothing (two columns, last write wins). Returns nothing. Raises ``ValueError`` for
    a language the site does not offer (a programming error: forms only offer real ones)."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unsupported language {language!r}")
    with transaction.atomic():
        member.language = language
        member.save(update_fields=["language"])
        _save_admin_language(member, language)


def _check(member: Member, fields: dict) -> None:
    """The model's own field rules (choices, lengths, the avatar validator) on a copy, with
    Django's translated messages."""
    candidate = copy.copy(member)
    for name, value in fields.items():
        setattr(candidate, name, value)
    try:
        candidate.clean_fields(exclude=[f.name for f in Member._meta.fields if f.name not in fields])
    except ValidationError as exc:
        raise InvalidInput(" ".join(exc.messages)) from None


def update_profile(
    *,
    member: Member,
    display_name: str | _Keep = KEEP,
    language: str | _Keep = KEEP,
    avatar: File | None | _Keep = KEEP,
    network_size: int | None | _Keep = KEEP,
    gender: str | _Keep = KEEP,
    age_band: str | _Keep = KEEP,
    department: Department | None | _Keep = KEEP,
    email_notifications: bool | _Keep = KEEP,
    email_outside_office_hours: bool | _Keep = KEEP,
    monthly_summary: bool | _Keep = KEEP,
) -> Member:
    """Change what a member may change about themselves; every field left out stays as it
    is. ``avatar=None`` removes the photo; a new language also becomes the admin's.

    Locks nothing: only the given columns are written, so a role change or an erasure at
    the same moment is not overwritten. Returns the member, changed in place. Raises
    ``InvalidInput`` for a value the form or serializer should have refused (an unknown
    language or choice, a name over 120 characters, an avatar that is not a modest
    JPEG/PNG/WebP)."""
    fields = {
        name: value
        for name, value in {
            "display_name": display_name,
            "language": language,
            "avatar": avatar,
            "network_size": network_size,
            "gender": gender,
            "age_band": age_band,
            "department": department,
            "email_notifications": email_notifications,
            "email_outside_office_hours": email_outside_office_hours,
            "monthly_summary": monthly_summary,
        }.items()
        if value is not KEEP
    }
    if "avatar" in fields and fields["avatar"] is None:
        fields["avatar"] = ""
    if not fields:
        return member
    _check(member, fields)
    with transaction.atomic():
        for name, value in fields.items():
            setattr(member, name, value)
        member.save(update_fields=list(fields))
        if "language" in fields:
            _save_admin_language(member, fields["language"])
    return member


def complete_onboarding(
    *,
    member: Member,
    language: str,
    department: Department | None,
    gender: str = "",
    age_band: str = "",
) -> Member:
    """Record a new member's choices and their consent to the privacy explanation (the
    onboarding's people part; ``cms.services.onboarding`` adds the leaderboard choice).
    Revisiting keeps the first consent and onboarding times.

    Locks the member row (so two submissions keep one first consent time). Returns the
    member, changed in place. Raises what ``update_profile`` raises, and ``Busy`` when the
    row stays locked too long."""
    with transaction.atomic():
        lock(member)
        live = Member.objects.filter(pk=member.pk).values("privacy_consent_at", "onboarded_at").get()
        update_profile(member=member, language=language, department=department, gender=gender, age_band=age_band)
        now = timezone.now()
        member.privacy_consent_at = live["privacy_consent_at"] or now
        member.onboarded_at = live["onboarded_at"] or now
        member.save(update_fields=["privacy_consent_at", "onboarded_at"])
    return member
