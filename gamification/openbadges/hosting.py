"""The addresses and JSON-LD of the issuer, badge classes and assertions (Open Badges 2.0
hosted verification). The recipient is a salted SHA-256 hash of the member's e-mail
address: the address itself never leaves the database. The issuer is the organisation as
its Social Master branded it (``core.branding``): name, logo, contact address."""

import hashlib

from django.conf import settings
from django.urls import reverse

from core import branding as core_branding
from gamification.models import BadgeAward, BadgeClass

CONTEXT = "https://w3id.org/openbadges/v2"


# --- addresses ------------------------------------------------------------------------


def absolute(path: str) -> str:
    return settings.BASE_URL.rstrip("/") + path


def issuer_id() -> str:
    return absolute(reverse("gamification:badge_issuer"))


def badge_class_id(badge: BadgeClass) -> str:
    return absolute(reverse("gamification:badge_class_json", args=[badge.pk]))


def badge_class_page_url(badge: BadgeClass) -> str:
    return absolute(reverse("gamification:badge_class", args=[badge.pk]))


def badge_image_url(badge: BadgeClass) -> str:
    return absolute(reverse("gamification:badge_class_image", args=[badge.pk]))


def assertion_id(award: BadgeAward) -> str:
    return absolute(reverse("gamification:badge_assertion_json", args=[award.uuid]))


def assertion_page_url(award: BadgeAward) -> str:
    return absolute(reverse("gamification:badge_assertion", args=[award.uuid]))


def baked_image_url(award: BadgeAward) -> str:
    return absolute(reverse("gamification:badge_assertion_png", args=[award.uuid]))


def issuer_name(branding: core_branding.Branding | None = None) -> str:
    """``BADGE_ISSUER_NAME`` when the deployment sets one, else the organisation's name."""
    override = getattr(settings, "BADGE_ISSUER_NAME", "")
    if override:
        return override
    return (branding or core_branding.current()).organisation_name or settings.WAGTAIL_SITE_NAME


# --- JSON-LD --------------------------------------------------------------------------


def hashed_identity(email: str, salt: str) -> str:
    """``sha256$`` + hex SHA-256 of the (lower-cased) address followed by the salt."""
    digest = hashlib.sha256((email.strip().lower() + salt).encode("utf-8")).hexdigest()
    return f"sha256${digest}"


def issuer_json(branding: core_branding.Branding | None = None) -> dict:
    """The Issuer profile; ``image`` (the logo, absolute) and ``email`` only when set
    (Open Badges 2.0 makes both optional)."""
    branding = branding or core_branding.current()
    data = {
        "@context": CONTEXT,
        "type": "Issuer",
        "id": issuer_id(),
        "name": issuer_name(branding),
        "url": settings.BASE_URL,
    }
    if branding.logo_url:
        data["image"] = branding.logo_url
    email = branding.contact_email or getattr(settings, "BADGE_ISSUER_EMAIL", "")
    if email:
        data["email"] = email
    return data


def badge_class_json(badge: BadgeClass, *, narrative: str) -> dict:
    """``narrative``: how the badge is earned, in words (``selectors.badges.how_to_earn``)."""
    return {
        "@context": CONTEXT,
        "type": "BadgeClass",
        "id": badge_class_id(badge),
        "name": badge.display_name,
        "description": badge.display_description,
        "image": badge_image_url(badge),
        "criteria": {"id": badge_class_page_url(badge), "narrative": narrative},
        "issuer": issuer_id(),
    }


def assertion_json(award: BadgeAward) -> dict:
    """The hosted assertion of a (not revoked) award. Needs ``award.member`` for the hash
    only: nothing else about the member is published."""
    data = {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": assertion_id(award),
        "recipient": {
            "type": "email",
            "hashed": True,
            "salt": award.salt,
            "identity": hashed_identity(award.member.email, award.salt),
        },
        "badge": badge_class_id(award.badge),
        "issuedOn": award.awarded_at.isoformat(),
        "verification": {"type": "HostedBadge"},
        "image": baked_image_url(award),
    }
    if award.reason:
        data["narrative"] = award.reason
    return data


def revoked_json(award: BadgeAward) -> dict:
    """What a revoked hosted assertion answers (with HTTP 410 Gone)."""
    data = {"@context": CONTEXT, "type": "Assertion", "id": assertion_id(award), "revoked": True}
    if award.revocation_reason:
        data["revocationReason"] = award.revocation_reason
    return data
