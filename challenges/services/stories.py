"""A creator's story: submitted (inside an open challenge or as a free "share a moment") and
sent again after the editor asked for a change.

Everything is checked before anything is stored: who may submit (``challenges.policies``),
the uploads (``core.uploads``: re-encoded images, recognised videos), an empty
submission, what the challenge asks for. Files stored for a submission that then fails are
deleted again."""

import logging
import re

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import uploads
from core.errors import InvalidInput
from core.locking import lock
from people import services as people_services
from people.models import Member
from strategy import services as strategy_services
from strategy.selectors import plan as strategy_plan_selectors
from strategy.services import plan as strategy_plan

from .. import policies, selectors
from ..errors import InvalidTransition
from ..models import Challenge, ChallengeKind, Story, StoryImage, StoryStatus, story_media_storage
from .targeting import story_messages

logger = logging.getLogger(__name__)

MAX_IMAGES = 10


def _clean_uploads(images, video, *, existing_images: int = 0):
    images = [i for i in (images or []) if i]
    if existing_images + len(images) > MAX_IMAGES:
        raise uploads.InvalidUpload(_("Add at most %(count)s images.") % {"count": MAX_IMAGES})
    cleaned = [uploads.clean_image(image).content for image in images]
    video_ext = uploads.check_video(video) if video else None
    return cleaned, video_ext


def _check_kind(kind: str | None, *, text: str, images: int, video: bool, link: str) -> None:
    if not (text or images or video or link):
        raise InvalidInput(_("Add some text, a photo, a video or a link."))
    if kind == ChallengeKind.PHOTO and not images:
        raise InvalidInput(_("This challenge asks for a photo."))
    if kind == ChallengeKind.VIDEO and not video:
        raise InvalidInput(_("This challenge asks for a video."))
    if kind == ChallengeKind.LINK and not link:
        raise InvalidInput(_("This challenge asks for a link."))


def _check_link(link: str) -> str:
    link = (link or "").strip()
    if link and not re.match(r"^https?://[^\s/$.?#].[^\s]*$", link, re.IGNORECASE):
        raise InvalidInput(_("Enter a link that starts with http:// or https://."))
    if len(link) > 500:
        raise InvalidInput(_("The link is too long."))
    return link


def submit_story(
    *,
    member: Member,
    text: str = "",
    title: str = "",
    link_url: str = "",
    images=(),
    video=None,
    challenge: Challenge | None = None,
    language: str | None = None,
    photo_consent: bool = False,
    messages=None,
    checks=None,
    plan_item_id: int | None = None,
) -> Story:
    """Submit a story for review, inside an open challenge or as a free "share a moment";
    returns the new story (submitted) and tells its reviewers (``selectors.story_reviewers``:
    the department's editors, or the Masters and the editors for all departments). With
    photos the creator confirms that the people in them agreed (``photo_consent``; the time
    is stored).

    Entries per member are counted while holding the member's row (locked only for an
    entry to a challenge), so two parallel submissions cannot both take the last one.
    Raises ``NotFound`` (a challenge not open to the member), ``NotAllowed`` (not a
    Creator where one is needed), ``InvalidUpload``, ``InvalidInput`` (empty, not what the
    challenge asks for, or photos without consent: ``code="photo_consent_required"``),
    ``InvalidTransition`` (no entries left). ``messages`` are the ids of the key messages
    the story serves (``None``: the challenge's, as suggested; unknown or inactive ids:
    ``InvalidInput`` ``code="unknown_message"``); ``checks`` the keys of the current
    guidelines' per-story checks the creator ticked (all required:
    ``code="guideline_checks_required"``). With ``plan_item_id`` (an item of the member's
    in the content plan) the item is linked to the story and marked submitted; an item that
    is not the member's or not there is ``InvalidInput`` ``code="unknown_plan_item"``, one
    that has a story already (or was approved or shared) ``code="plan_item_taken"``, and
    then nothing is stored."""
    text = (text or "").strip()
    title = (title or "").strip()[:160]
    link_url = _check_link(link_url)
    if challenge is not None:
        policies.check_enter_challenge(member, challenge)
    else:
        policies.check_share_moments(member)
    images = [i for i in (images or []) if i]
    _check_kind(challenge.kind if challenge else None, text=text, images=len(images), video=bool(video), link=link_url)
    _check_photo_consent(images, photo_consent)
    served = story_messages(ids=messages, challenge=challenge)
    confirmed = strategy_services.confirm_story_checks(checks=checks)
    cleaned, video_ext = _clean_uploads(images, video)
    stored: list = []
    try:
        with transaction.atomic():
            if challenge is not None:
                lock((Member, member.pk))  # request.user is a lazy object, not a Member
                entries = (
                    Story.objects.filter(creator=member, challenge=challenge)
                    .exclude(status__in=[StoryStatus.REJECTED, StoryStatus.WITHDRAWN])
                    .count()
                )
                if entries >= challenge.entries_per_member:
                    raise InvalidTransition(
                        _("You have already sent in the entries this challenge allows."), code="entries_used_up"
                    )
            now = timezone.now()
            story = Story(
                creator=member,
                challenge=challenge,
                department_id=member.department_id,
                language=language if language in ("nl", "en") else member.language,
                title=title,
                original_text=text,
                text=text,
                link_url=link_url,
                submitted_at=now,
                created_at=now,
                photo_consent_at=now if images else None,
                guideline_checks=confirmed,
            )
            if video:
                story.video.save(f"video.{video_ext}", video, save=False)
                stored.append(story.video.name)
            story.save()
            story.messages.set(served)
            _store_images(story, cleaned, stored)
            if plan_item_id and not strategy_plan.link_story(
                item_id=plan_item_id, story_id=story.pk, owner_id=member.pk
            ):
                # The content plan's item this story was written for moves to "submitted";
                # when it cannot, nothing is stored (the transaction rolls back).
                _refuse_plan_item(plan_item_id, member)
            _notify_editors(story)
    except BaseException:
        _delete_files(stored)
        raise
    return story


def _refuse_plan_item(item_id: int, member: Member) -> None:
    if strategy_plan_selectors.owns_item(item_id=item_id, owner_id=member.pk):
        raise InvalidInput(_("This planned item already has a story."), code="plan_item_taken")
    raise InvalidInput(_("This planned item is not yours or does not exist."), code="unknown_plan_item")


def resubmit_story(
    *,
    member: Member,
    story: Story,
    text: str | None = None,
    link_url: str | None = None,
    images=(),
    photo_consent: bool = False,
) -> Story:
    """After "changes requested" the creator sends the story again, optionally with a new
    text, link and more images (new photos need ``photo_consent`` again): it returns to the
    review queue with its new submission time, and its reviewers are told. Locks the story
    row; returns it as it now is. Raises ``NotFound`` (not the member's story),
    ``InvalidTransition`` (no change was requested), ``InvalidUpload``, ``InvalidInput``
    (``code="photo_consent_required"`` for new photos without consent)."""
    policies.check_own_story(member, story)
    images = [i for i in (images or []) if i]
    _check_photo_consent(images, photo_consent)
    link = _check_link(link_url) if link_url is not None else None
    stored: list = []
    try:
        with transaction.atomic():
            lock(story)
            locked = Story.objects.select_related("challenge").get(pk=story.pk)
            if locked.status != StoryStatus.CHANGES_REQUESTED:
                raise InvalidTransition(_("Only a story with requested changes can be sent again."))
            existing = locked.images.count()
            cleaned, _video = _clean_uploads(images, None, existing_images=existing)
            if text is not None:
                locked.original_text = locked.text = text.strip()
            if link is not None:
                locked.link_url = link
            _check_kind(
                locked.challenge.kind if locked.challenge_id else None,
                text=locked.text,
                images=existing + len(cleaned),
                video=bool(locked.video),
                link=locked.link_url,
            )
            locked.status = StoryStatus.SUBMITTED
            locked.submitted_at = timezone.now()
            if cleaned:
                locked.photo_consent_at = locked.submitted_at
            locked.save()
            _store_images(locked, cleaned, stored, start=existing)
            _notify_editors(locked)
    except BaseException:
        _delete_files(stored)
        raise
    return locked


def _check_photo_consent(images, photo_consent: bool) -> None:
    if images and not photo_consent:
        raise InvalidInput(
            _("Confirm that the people in the photos agreed to them being shared."), code="photo_consent_required"
        )


def withdraw_story(*, member: Member, story: Story) -> Story:
    """The creator takes back their own story while it waits for review: it becomes
    withdrawn (kept in "My stories", out of every review queue, no longer counted as an
    entry to its challenge). Locks the story row, so a withdrawal and a review at the same
    moment cannot both happen. Withdrawing a withdrawn story again returns it unchanged
    (a double click does nothing twice). Returns the story as it now is. Raises
    ``NotFound`` (not the member's story), ``InvalidTransition`` with
    ``code="story_already_reviewed"`` (approved, rejected or sent back already)."""
    policies.check_withdraw(member, story)
    with transaction.atomic():
        lock(story)
        locked = Story.objects.get(pk=story.pk)
        policies.check_withdraw(member, locked)
        if locked.status == StoryStatus.WITHDRAWN:
            return locked
        locked.status = StoryStatus.WITHDRAWN
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["status", "withdrawn_at"])
    return locked


def _store_images(story: Story, cleaned, stored: list, start: int = 0) -> None:
    for position, content in enumerate(cleaned, start=start):
        image = StoryImage(story=story, position=position)
        image.image.save(content.name, content, save=False)
        stored.append(image.image.name)
        image.save()


def _delete_files(names) -> None:
    for name in names:
        try:
            story_media_storage().delete(name)
        except Exception:
            logger.warning("Could not delete %s after a failed submission", name, exc_info=True)


def _notify_editors(story: Story) -> None:
    """In-app only: the queue (and its count in the admin menu) is where editors work; an
    e-mail per story would be noise for a role of a few hours a month. Who is told is who
    may review it (``selectors.story_reviewers``)."""
    for reviewer in selectors.story_reviewers(story=story).members:
        people_services.notify(
            member=reviewer,
            kind="story_submitted",
            title=_("A story is waiting for review"),
            body=_("%(name)s sent in “%(story)s”."),
            params={"name": story.creator.name, "story": str(story)[:80]},
            url=reverse("challenges:review_queue"),
            dedupe_key=f"story-submitted:{story.pk}:{story.submitted_at.timestamp():.0f}",
            email=False,
        )
