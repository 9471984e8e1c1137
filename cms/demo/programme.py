"""Demo programme data: optional gender and age for part of the members, a pilot group,
open and accepted invitations, onboarding consent, and the organisation's size for the 10%
goal. Idempotent: only fills what is still empty."""

import datetime
import random
import secrets

from django.utils import timezone

from cms.models import ProgrammeSettings
from people.models import AgeBand, Gender, Invitation, Member

INVITEES = [
    ("Ilse de Boer", "ilse.deboer@example.com"),
    ("Youssef Amrani", "youssef.amrani@example.com"),
    ("Sanne Vermeulen", "sanne.vermeulen@example.com"),
    ("Pieter Bakker", "pieter.bakker@example.com"),
    ("Fatima El Idrissi", "fatima.elidrissi@example.com"),
    ("Daan Smit", "daan.smit@example.com"),
    ("Noor Visser", "noor.visser@example.com"),
    ("Ruben Mulder", "ruben.mulder@example.com"),
]
MESSAGE = (
    "Je bent uitgenodigd voor onze pilotgroep Social Shift. We zoeken collega's die graag laten zien "
    "wat er bij ons gebeurt. Je blijft altijd zelf de redacteur van je eigen kanaal."
)


def seed(members: list[Member]) -> None:
    rng = random.Random(6)
    now = timezone.now()
    programme = ProgrammeSettings.load()
    if programme.employee_count is None:
        programme.employee_count = 400
        programme.save(update_fields=["employee_count"])
    genders = [g for g in Gender.values if g] + [""]
    ages = [a for a in AgeBand.values if a] + [""]
    changed = []
    for member in members:
        if member.privacy_consent_at is None:
            member.gender = rng.choice(genders)
            member.age_band = rng.choice(ages)
            member.privacy_consent_at = member.onboarded_at = member.date_joined
            changed.append(member)
    Member.objects.bulk_update(changed, ["gender", "age_band", "privacy_consent_at", "onboarded_at"])
    if not Member.objects.filter(in_pilot=True).exists():
        pilot = sorted(members, key=lambda m: -(m.network_size or 0))[:12] + rng.sample(members, 8)
        Member.objects.filter(pk__in=[m.pk for m in pilot]).update(in_pilot=True)
    inviter = Member.objects.filter(email="master@example.com").first()
    for i, (name, email) in enumerate(INVITEES):
        sent = now - datetime.timedelta(days=1 + i)
        Invitation.objects.get_or_create(
            email=email,
            defaults={
                "name": name,
                "department": members[i].department if members else None,
                "location": members[i].location if members else None,
                "message": MESSAGE,
                "invited_by": inviter,
                "nonce": secrets.token_hex(8),
                "created_at": sent,
                "sent_at": sent,
                "expires_at": sent + datetime.timedelta(days=14),
            },
        )
