"""Erasure's people part: what identifies the member goes, the row stays.
``cms.services.privacy`` assembles it with every other app's part."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Value
from django.db.models.functions import Replace
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from ..models import Invitation, LeaderboardVisibility, Member, Notification


def erased_email(member_id: int) -> str:
    return f"erased-{member_id}@erased.invalid"


def anonymise(*, member: Member) -> None:
    """Remove the member's name, e-mail, avatar, free texts and optional profile data and
    switch the account off. The row (and its id) stays, so every count that includes the
    member stays correct; other members' notifications that named them say "a former
    member". Avatar files are deleted from storage.

    Locks nothing itself: callers lock the member and run this inside their transaction
    (``cms.services.privacy.erase_member``). Returns nothing."""
    old_names = {n for n in (member.display_name, member.get_full_name(), member.email) if n and len(n) >= 4}
    if member.avatar:
        member.avatar.delete(save=False)
    member.email = erased_email(member.pk)
    member.first_name = member.last_name = member.display_name = ""
    member.avatar = ""
    member.network_size = None
    member.gender = member.age_band = ""
    member.in_pilot = False
    member.is_staff = False
    member.is_active = False
    member.leaderboard_visibility = LeaderboardVisibility.HIDDEN
    member.erased_at = timezone.now()
    member.set_unusable_password()
    member.save()
    Notification.objects.filter(member=member).delete()
    for old in old_names:
        for column in ("title", "body"):
            Notification.objects.filter(**{f"{column}__contains": old}).update(
                **{column: Replace(column, Value(old), Value(str(_("a former member"))))}
            )
    Token.objects.filter(user=member).delete()
    Invitation.objects.filter(member=member).update(email=member.email, name="", message="", nonce="erased")
    profile = UserProfile.objects.filter(user=member).first()
    if profile is not None and profile.avatar:
        profile.avatar.delete(save=False)
        UserProfile.objects.filter(pk=profile.pk).update(avatar="")
    # The admin's history of edits to this member is labelled with their name.
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Member), object_id=str(member.pk)
    ).update(label=member.email, data={})
