"""Open Badges 3.0 (https://www.imsglobal.org/spec/ob/v3p0/): the OpenBadgeCredential of a
badge award or a course certificate, in the Verifiable Credentials 2.0 data model, and the
Bitstring Status List credential that revokes them (https://www.w3.org/TR/vc-bitstring-status-list/).

Plain values in, JSON out: the achievement comes as an ``Achievement`` so ``learning`` can
describe a course without gamification knowing courses. The recipient is a salted SHA-256 of
the e-mail address (an ``IdentityObject``), as in 2.0: the address never leaves."""

import base64
import datetime
import gzip
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from .did import did_web
from .hosting import absolute, hashed_identity

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
# 16 KiB: the minimum the spec asks for, so one revoked credential hides among many bits.
STATUS_LIST_BITS = 131072


@dataclass(frozen=True)
class Achievement:
    id: str  # an absolute URL that names the achievement (the badge class, the course)
    name: str
    description: str
    criteria_url: str
    criteria_narrative: str
    achievement_type: str = "Badge"  # or "Certificate" (OB 3.0 AchievementType)
    image_url: str = ""


def issuer_profile(name: str) -> dict:
    return {"id": did_web(), "type": ["Profile"], "name": name, "url": settings.BASE_URL}


def status_position(pk: int) -> tuple[int, int]:
    """(list number from 1, bit index) of the credential row ``pk``."""
    return (pk - 1) // STATUS_LIST_BITS + 1, (pk - 1) % STATUS_LIST_BITS


def status_list_url(number: int) -> str:
    return absolute(reverse("gamification:status_list", args=[number]))


def credential_url(subject, fmt: str = "json") -> str:
    name = "credential_jwt" if fmt == "jwt" else "credential_json"
    return absolute(reverse(f"gamification:{name}", args=[subject]))


def _iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def open_badge_credential(
    *,
    credential_uuid,
    pk: int,
    achievement: Achievement,
    issuer_name: str,
    email: str,
    salt: str,
    awarded_at: datetime.datetime,
    narrative: str = "",
) -> dict:
    """The credential as JSON (unsigned): ``OpenBadgeCredential`` with its status entry."""
    number, index = status_position(pk)
    achievement_json = {
        "id": achievement.id,
        "type": ["Achievement"],
        "achievementType": achievement.achievement_type,
        "name": achievement.name,
        "description": achievement.description or achievement.name,
        "criteria": {"id": achievement.criteria_url, "narrative": achievement.criteria_narrative or achievement.name},
    }
    if achievement.image_url:
        achievement_json["image"] = {"id": achievement.image_url, "type": "Image"}
    subject = {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityType": "emailAddress",
                "hashed": True,
                "identityHash": hashed_identity(email, salt),
                "salt": salt,
            }
        ],
        "achievement": achievement_json,
    }
    if narrative:
        subject["narrative"] = narrative
    status_list = status_list_url(number)
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": f"urn:uuid:{credential_uuid}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": achievement.name,
        "issuer": issuer_profile(issuer_name),
        "validFrom": _iso(awarded_at),
        "awardedDate": _iso(awarded_at),
        "credentialSubject": subject,
        "credentialStatus": {
            "id": f"{status_list}#{index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(index),
            "statusListCredential": status_list,
        },
    }


def jwt_claims(credential: dict) -> dict:
    """The credential as the JWT claims set (VC-JOSE-COSE: the claims are the credential),
    with the registered claims a JWT library checks: ``iss``, ``jti``, ``nbf``, ``iat``."""
    valid_from = datetime.datetime.fromisoformat(credential["validFrom"].replace("Z", "+00:00"))
    return credential | {
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "nbf": int(valid_from.timestamp()),
        "iat": int(valid_from.timestamp()),
    }


def encode_bitstring(revoked_indexes) -> str:
    """Multibase base64url (``u``) of the GZIP of the bitstring; bit 0 is the left-most bit
    of the first byte (the spec's order). GZIP without a timestamp: the same list, the same text."""
    bits = bytearray(STATUS_LIST_BITS // 8)
    for index in revoked_indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    packed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).rstrip(b"=").decode("ascii")


def status_list_credential(*, number: int, revoked_indexes, issuer_name: str, now: datetime.datetime) -> dict:
    url = status_list_url(number)
    return {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_profile(issuer_name),
        "validFrom": _iso(now),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode_bitstring(revoked_indexes),
        },
    }
