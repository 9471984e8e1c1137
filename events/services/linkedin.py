"""The LinkedIn profile checklist: ticking steps, and the checklist completed once."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import InvalidInput, NotFound
from core.locking import lock
from gamification.services.points import record_action
from people import services as people_services
from people.models import Member

from ..models import LinkedInChecklistItem, LinkedInChecklistTick, LinkedInProfile


def _clean_profile_url(profile_url: str) -> str:
    profile_url = profile_url.strip()
    if profile_url:
        try:
            URLValidator(schemes=["https", "http"])(profile_url)
        except ValidationError:
            raise InvalidInput(_("Enter the full address of your LinkedIn profile.")) from None
        if "linkedin.com/" not in profile_url.lower():
            raise InvalidInput(_("Enter the address of your LinkedIn profile (linkedin.com/in/…)."))
    return profile_url


def tick_linkedin_item(
    *, member: Member, item: LinkedInChecklistItem, done: bool, profile_url: str | None = None
) -> bool:
    """Tick (or untick) a checklist step, and save the member's public profile address when
    one is given. Ticking the last open step completes the checklist once:
    ``linkedin_profile_completed`` is recorded and the member told.

    Locks the member's row, so two last ticks at once complete it once. Returns whether this
    call completed the checklist. Raises ``NotFound`` (404) for a step no longer in use,
    ``InvalidInput`` (400) for an address that is not a LinkedIn profile."""
    if not item.active:
        raise NotFound(_("This checklist item is not in use."))
    if profile_url is not None:
        profile_url = _clean_profile_url(profile_url)
    with transaction.atomic():
        lock((Member, member.pk))  # request.user is a lazy object, not a Member
        if done:
            try:
                with transaction.atomic():
                    LinkedInChecklistTick.objects.get_or_create(member=member, item_key=item.translation_key)
            except IntegrityError:
                pass
        else:
            LinkedInChecklistTick.objects.filter(member=member, item_key=item.translation_key).delete()
        profile, _created = LinkedInProfile.objects.get_or_create(member=member)
        if profile_url is not None and profile.profile_url != profile_url:
            profile.profile_url = profile_url
            profile.save(update_fields=["profile_url"])
        required = set(
            LinkedInChecklistItem.objects.filter(active=True).values_list("translation_key", flat=True).distinct()
        )
        ticked = set(
            LinkedInChecklistTick.objects.filter(member=member, item_key__in=required).values_list(
                "item_key", flat=True
            )
        )
        if profile.completed_at is not None or not required or ticked != required:
            return False
        profile.completed_at = timezone.now()
        profile.save(update_fields=["completed_at"])
        record_action(
            member=member,
            action="linkedin_profile_completed",
            ref="linkedin-profile",
            label=str(_("LinkedIn profile in order")),
            url=reverse("events:linkedin"),
        )
        people_services.notify(
            member=member,
            kind="linkedin_profile_completed",
            title=_("Your LinkedIn profile is in order!"),
            body=_("You finished every step of the checklist. Time to share your first story."),
            url=reverse("events:linkedin"),
            dedupe_key="linkedin_profile_completed",
        )
        return True
