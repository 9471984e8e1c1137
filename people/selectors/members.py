"""Members as pages and exports show them."""

from ..models import Invitation, Member, Notification

PROFILE_FIELDS = [
    "id",
    "email",
    "first_name",
    "last_name",
    "display_name",
    "role",
    "is_hr",
    "language",
    "network_size",
    "gender",
    "age_band",
    "in_pilot",
    "leaderboard_visibility",
    "email_notifications",
    "email_outside_office_hours",
    "date_joined",
    "last_login",
    "role_changed_at",
    "privacy_consent_at",
    "onboarded_at",
]


def member_with_relations(*, member_id: int) -> Member:
    """The member with department and location (one query); ``Member.DoesNotExist`` if gone."""
    return Member.objects.select_related("department", "location").get(pk=member_id)


def member_id_for_email(*, email: str, department_id: int | None = None) -> int | None:
    """The member with this address (within ``department_id`` when given), or None."""
    members = Member.objects.filter(email=email.strip().lower())
    if department_id is not None:
        members = members.filter(department_id=department_id)
    return members.values_list("pk", flat=True).first()


def personal_data(*, member: Member) -> dict:
    """The people part of a member's data download: profile, invitation, notifications
    (three queries). ``cms.services.privacy`` adds every other app's part."""
    profile = Member.objects.filter(pk=member.pk).values(*PROFILE_FIELDS, "department__name", "location__name").get()
    profile["department"] = profile.pop("department__name")
    profile["location"] = profile.pop("location__name")
    profile["avatar"] = member.avatar.name or None
    return {
        "profile": profile,
        "invitation": Invitation.objects.filter(member=member)
        .values("created_at", "accepted_at", "message", "video_url")
        .first(),
        "notifications": list(
            Notification.objects.filter(member=member).values("kind", "title", "body", "url", "created_at", "read_at")
        ),
    }
