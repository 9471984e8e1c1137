"""Every state change of challenges, stories, reviews, compliments and shares.

Who may do what (checked here, so the API, the pages and the admin agree):
- launch and manage challenges: a Social Master; a Social Activator for their own department;
- submit stories: Social Creators and up; any member when an open challenge allows it;
- review: a Social Master, or a Social Editor for stories of their own department;
- compliment: Social Masters and Activators (managers);
- share: any member, an approved story, on their own channel (we only open the dialog).
"""

import datetime
import hashlib
import hmac
import logging
import re
from urllib.parse import quote, urlencode

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import ServiceError
from gamification.models import BoardEntry, PointRule
from gamification.services.points import record_action
from people import services as people_services
from people.models import ROLE_RANK, Member, Role

from . import uploads
from .models import (
    Audience,
    Challenge,
    ChallengeKind,
    ChallengeState,
    Compliment,
    Decision,
    Network,
    Participation,
    ReviewDecision,
    Share,
    ShareClick,
    ShareLink,
    SharingSettings,
    Story,
    StoryImage,
    StoryStatus,
    SuggestionDigest,
    SuggestionDismissal,
    WinnerRule,
)

logger = logging.getLogger(__name__)

MAX_IMAGES = 10


class ChallengeError(ServiceError):
    """A refused challenge or story action (see the subclasses for the status)."""


class NotAllowed(ChallengeError):
    status_code = 403


class NotFound(ChallengeError):
    status_code = 404


class InvalidTransition(ChallengeError):
    status_code = 409


class InvalidInput(ChallengeError):
    status_code = 400


InvalidUpload = uploads.InvalidUpload


# --- who may do what ------------------------------------------------------------------


def is_creator(member: Member) -> bool:
    return member.is_superuser or ROLE_RANK.get(Role(member.role), 0) >= ROLE_RANK[Role.CREATOR]


def can_launch(member: Member) -> bool:
    return member.is_authenticated and (member.is_master or (member.is_activator and member.department_id is not None))


def can_manage(member: Member, challenge: Challenge) -> bool:
    if not member.is_authenticated:
        return False
    if member.is_master:
        return True
    return member.is_activator and member.department_id is not None and challenge.department_id == member.department_id


def can_review(member: Member, story: Story) -> bool:
    if member.is_master:
        return True
    return member.is_editor and member.department_id is not None and story.department_id == member.department_id


def can_compliment(member: Member) -> bool:
    return member.is_master or member.is_activator


def in_audience(member: Member, challenge: Challenge) -> bool:
    """Whether ``member`` is among the challenge's audience (Masters and the challenge's
    managers see it too, for the preview)."""
    audience = challenge.audience
    if audience == Audience.EVERYONE:
        return True
    if audience == Audience.DEPARTMENTS:
        return member.department_id is not None and challenge.departments.filter(pk=member.department_id).exists()
    if audience == Audience.LOCATIONS:
        return member.location_id is not None and challenge.locations.filter(pk=member.location_id).exists()
    if audience == Audience.PILOT:
        return bool(member.in_pilot)
    if audience == Audience.ROLES:
        return member.role in challenge.role_list
    return False


def _check_manage(by: Member, challenge: Challenge) -> None:
    if not can_manage(by, challenge):
        raise NotAllowed(_("Only a Social Master, or a Social Activator for their own department, manages challenges."))


# --- challenges -----------------------------------------------------------------------

CHALLENGE_FIELDS = {
    "example",
    "participation",
    "audience",
    "open_to_all_members",
    "points_per_entry",
    "winner_bonus",
    "entries_per_member",
    "winner_rule",
    "badge",
}


AUDIENCE_FIELDS = {"departments", "locations", "roles"}


def _apply_fields(challenge: Challenge, *, by: Member, fields: dict) -> tuple[list, list]:
    unknown = set(fields) - CHALLENGE_FIELDS - {"title", "brief", "kind", "opens_at", "closes_at"} - AUDIENCE_FIELDS
    if unknown:
        raise TypeError(f"Unknown challenge fields: {', '.join(sorted(unknown))}")
    departments = fields.pop("departments", None)
    locations = fields.pop("locations", None)
    roles = fields.pop("roles", None)
    if "brief" in fields:
        fields["brief"] = clean_brief(fields["brief"])
    for name, value in fields.items():
        setattr(challenge, name, value)
    if roles is not None:
        challenge.set_roles(roles)
    challenge.title = (challenge.title or "").strip()
    if not challenge.title:
        raise InvalidInput(_("A challenge needs a title."))
    if len(challenge.title) > 160:
        raise InvalidInput(_("Keep the title to 160 characters."))
    if challenge.kind not in ChallengeKind.values:
        raise InvalidInput(_("Choose a kind of challenge."))
    if challenge.participation not in Participation.values:
        raise InvalidInput(_("Choose individuals or teams."))
    if challenge.audience not in Audience.values:
        raise InvalidInput(_("Choose an audience."))
    if challenge.winner_rule not in WinnerRule.values:
        raise InvalidInput(_("Choose how the winner is chosen."))
    if not challenge.opens_at or not challenge.closes_at or challenge.closes_at <= challenge.opens_at:
        raise InvalidInput(_("The challenge must close after it opens."))
    if (challenge.entries_per_member or 0) < 1:
        raise InvalidInput(_("Allow at least one entry per member."))
    if not by.is_master:
        # An Activator runs challenges for their own department only.
        challenge.department_id = by.department_id
        challenge.audience = Audience.DEPARTMENTS
        departments = [by.department_id]
        locations = []
    if challenge.audience == Audience.ROLES and not challenge.role_list:
        raise InvalidInput(_("Choose at least one role for the audience."))
    if (
        challenge.audience == Audience.DEPARTMENTS
        and not departments
        and not (challenge.pk and departments is None and challenge.departments.exists())
    ):
        raise InvalidInput(_("Choose at least one department for the audience."))
    if (
        challenge.audience == Audience.LOCATIONS
        and not locations
        and not (challenge.pk and locations is None and challenge.locations.exists())
    ):
        raise InvalidInput(_("Choose at least one location for the audience."))
    return departments, locations


def clean_brief(brief: str) -> str:
    """The brief as safe rich text: HTML from the API or the admin is reduced to the tags
    rich text allows (no scripts, no javascript: links); plain text becomes paragraphs."""
    from django.utils.html import escape
    from wagtail.whitelist import Whitelister

    brief = (brief or "").strip()
    if not brief:
        return ""
    if "<" not in brief:
        return "".join(f"<p>{escape(part).replace(chr(10), '<br>')}</p>" for part in re.split(r"\n\s*\n", brief))
    return Whitelister().clean(brief)


def create_challenge(
    *,
    by: Member,
    title: str,
    brief: str = "",
    kind: str,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    **optional,
) -> Challenge:
    """A new challenge in the draft state. ``optional``: example, participation, audience,
    departments, locations (ids or objects), roles, open_to_all_members, points_per_entry,
    winner_bonus, entries_per_member, winner_rule, badge.

    A Master may launch any challenge; an Activator one for their own department (its
    audience becomes that department). Others: ``NotAllowed``."""
    if not can_launch(by):
        raise NotAllowed(
            _("Only a Social Master, or a Social Activator for their own department, launches challenges.")
        )
    challenge = Challenge(created_by=by, state=ChallengeState.DRAFT)
    departments, locations = _apply_fields(
        challenge,
        by=by,
        fields={"title": title, "brief": brief, "kind": kind, "opens_at": opens_at, "closes_at": closes_at, **optional},
    )
    with transaction.atomic():
        challenge.save()
        if departments:
            challenge.departments.set(departments)
        if locations:
            challenge.locations.set(locations)
    return challenge


def update_challenge(*, by: Member, challenge: Challenge, **fields) -> Challenge:
    """Change a draft or scheduled challenge; once open it is what members entered for
    (``InvalidTransition``). Locks the challenge row so the opening task cannot race it."""
    _check_manage(by, challenge)
    with transaction.atomic():
        locked = Challenge.objects.select_for_update().get(pk=challenge.pk)
        if locked.state not in (ChallengeState.DRAFT, ChallengeState.SCHEDULED):
            raise InvalidTransition(_("An open or finished challenge can no longer be changed."))
        departments, locations = _apply_fields(locked, by=by, fields=fields)
        locked.save()
        if departments is not None:
            locked.departments.set(departments)
        if locations is not None:
            locked.locations.set(locations)
    return locked


def _locked(challenge: Challenge) -> Challenge:
    return Challenge.objects.select_for_update().get(pk=challenge.pk)


_STATE_ERRORS = {
    "schedule": _("Only a draft challenge can be scheduled."),
    "unschedule": _("Only a scheduled challenge can go back to draft."),
    "open": _("Only a scheduled challenge can be opened."),
    "close": _("Only an open challenge can be closed."),
    "judge": _("Winners can only be chosen for a closed challenge that is judged by the Social Master."),
}


def schedule_challenge(*, by: Member, challenge: Challenge, now: datetime.datetime | None = None) -> Challenge:
    """draft → scheduled; a challenge whose start has come opens at once. Locks the row."""
    _check_manage(by, challenge)
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(challenge)
        if locked.state != ChallengeState.DRAFT:
            raise InvalidTransition(_STATE_ERRORS["schedule"])
        if locked.closes_at <= now:
            raise InvalidTransition(_("The closing time has passed; choose a later one first."))
        locked.state = ChallengeState.SCHEDULED
        locked.save(update_fields=["state", "updated_at"])
        if locked.opens_at <= now:
            _open(locked, now)
    return locked


def unschedule_challenge(*, by: Member, challenge: Challenge) -> Challenge:
    """scheduled → draft (before it opens). Locks the row."""
    _check_manage(by, challenge)
    with transaction.atomic():
        locked = _locked(challenge)
        if locked.state != ChallengeState.SCHEDULED:
            raise InvalidTransition(_STATE_ERRORS["unschedule"])
        locked.state = ChallengeState.DRAFT
        locked.save(update_fields=["state", "updated_at"])
    return locked


def open_challenge(*, by: Member, challenge: Challenge, now: datetime.datetime | None = None) -> Challenge:
    """scheduled → open now (earlier than planned). Locks the row."""
    _check_manage(by, challenge)
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(challenge)
        if locked.state != ChallengeState.SCHEDULED:
            raise InvalidTransition(_STATE_ERRORS["open"])
        _open(locked, now)
    return locked


def _open(challenge: Challenge, now: datetime.datetime) -> None:
    if challenge.opens_at > now:
        challenge.opens_at = now
    challenge.state = ChallengeState.OPEN
    challenge.opened_at = now
    challenge.save(update_fields=["state", "opens_at", "opened_at", "updated_at"])


def close_challenge(*, by: Member | None, challenge: Challenge, now: datetime.datetime | None = None) -> Challenge:
    """open → closed: the standings are fixed. With "most points" the winners follow at
    once (→ judged); with a judge the Masters are asked to choose. ``by`` None is the
    closing task. Locks the row, so closing twice (task and Master at once) awards once."""
    if by is not None:
        _check_manage(by, challenge)
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(challenge)
        if locked.state != ChallengeState.OPEN:
            raise InvalidTransition(_STATE_ERRORS["close"])
        if locked.closes_at > now:
            locked.closes_at = now
        locked.state = ChallengeState.CLOSED
        locked.closed_at = now
        locked.standings = standings(locked)
        locked.save(update_fields=["state", "closes_at", "closed_at", "standings", "updated_at"])
        if locked.winner_rule == WinnerRule.MOST_POINTS:
            top = [row for row in locked.standings if row["rank"] == 1 and row["score"] > 0]
            _judge(locked, top, now)
        else:
            _ask_judge(locked)
    return locked


def judge_challenge(*, by: Member, challenge: Challenge, winner_ids: list[int]) -> Challenge:
    """closed → judged: the Master's choice of winners (member ids, or department ids for a
    team challenge), each from the challenge's standings. Locks the row."""
    _check_manage(by, challenge)
    with transaction.atomic():
        locked = _locked(challenge)
        if locked.state != ChallengeState.CLOSED or locked.winner_rule != WinnerRule.JUDGED:
            raise InvalidTransition(_STATE_ERRORS["judge"])
        key = "department_id" if locked.is_team else "member_id"
        pool = {row[key]: row for row in locked.standings}
        try:
            ids = list(dict.fromkeys(int(pk) for pk in winner_ids))
        except (TypeError, ValueError):
            raise InvalidInput(_("Choose the winners from the entrants.")) from None
        if not ids or any(pk not in pool for pk in ids):
            raise InvalidInput(_("Choose the winners from the entrants."))
        _judge(locked, [pool[pk] for pk in ids], timezone.now())
    return locked


def _judge(challenge: Challenge, rows: list[dict], now: datetime.datetime) -> None:
    """Record the winners (ties are all winners, and said so), award the winner points and
    badge once each, and announce. Runs holding the challenge row."""
    winners = [dict(row) for row in rows]
    members = _winning_members(challenge, winners)
    for member in members:
        _award_win(challenge, member)
    challenge.winners = winners
    challenge.state = ChallengeState.JUDGED
    challenge.judged_at = now
    challenge.save(update_fields=["winners", "state", "judged_at", "updated_at"])
    _announce(challenge, members)


def _winning_members(challenge: Challenge, winners: list[dict]) -> list[Member]:
    if challenge.is_team:
        # The members of a winning department who took part (an approved entry).
        departments = [row["department_id"] for row in winners]
        return list(
            Member.objects.filter(
                department_id__in=departments,
                stories__challenge=challenge,
                stories__status=StoryStatus.APPROVED,
            ).distinct()
        )
    return list(Member.objects.filter(pk__in=[row["member_id"] for row in winners]))


def _award_win(challenge: Challenge, member: Member) -> None:
    url = reverse("challenges:detail", args=[challenge.pk])
    ref = f"challenge:{challenge.pk}"
    record_action(member=member, action="challenge_won", ref=ref, label=challenge.title, url=url)
    if challenge.winner_bonus:
        action = _challenge_rule(challenge, "bonus", challenge.winner_bonus)
        record_action(member=member, action=action, ref=ref, label=challenge.title, url=url)
    if challenge.badge_id:
        from gamification.services import badges

        badges.award(member=member, badge=challenge.badge, reason=challenge.title)


def _challenge_rule(challenge: Challenge, what: str, points: int) -> str:
    """The point rule for this challenge's own numbers (points per entry, winner bonus),
    kept in line with what the Master set on the challenge."""
    action = f"challenge-{challenge.pk}-{what}"
    labels = {
        "entry": ("Inzending voor challenge “%s”", "Entry for challenge “%s”"),
        "bonus": ("Winnaarsbonus challenge “%s”", "Winner bonus challenge “%s”"),
    }[what]
    rule, created = PointRule.objects.get_or_create(
        action=action,
        defaults={
            "label": (labels[0] % challenge.title)[:120],
            "label_en": (labels[1] % challenge.title)[:120],
            "points": points,
        },
    )
    if not created and rule.points != points:
        rule.points = points
        rule.save(update_fields=["points"])
    return action


def _announce(challenge: Challenge, winners: list[Member]) -> None:
    url = reverse("challenges:detail", args=[challenge.pk])
    names = ", ".join(sorted(str(row.get("name", "")) for row in challenge.winners))
    shared = len(challenge.winners) > 1
    winner_ids = {m.pk for m in winners}
    for member in winners:
        people_services.notify(
            member=member,
            kind="challenge_won",
            title=_("You won the challenge “%(title)s”!"),
            body=_("Congratulations: you share first place in “%(title)s” with %(names)s.")
            if shared
            else _("Congratulations: you won “%(title)s”."),
            params={"title": challenge.title, "names": names},
            url=url,
            dedupe_key=f"challenge-won:{challenge.pk}",
        )
    entrants = Member.objects.filter(stories__challenge=challenge).exclude(pk__in=winner_ids).distinct()
    for member in entrants:
        people_services.notify(
            member=member,
            kind="challenge_results",
            title=_("Results of “%(title)s”"),
            body=_("The winners are: %(names)s.") if names else _("There is no winner this time."),
            params={"title": challenge.title, "names": names},
            url=url,
            dedupe_key=f"challenge-results:{challenge.pk}",
        )


def _ask_judge(challenge: Challenge) -> None:
    url = reverse("challenges:manage_detail", args=[challenge.pk])
    judges = Member.objects.filter(Q(role=Role.MASTER) | Q(is_superuser=True), is_active=True)
    if challenge.created_by_id:
        judges = judges | Member.objects.filter(pk=challenge.created_by_id)
    for judge in judges.distinct():
        people_services.notify(
            member=judge,
            kind="challenge_judge",
            title=_("“%(title)s” is closed: choose the winners"),
            params={"title": challenge.title},
            url=url,
            dedupe_key=f"challenge-judge:{challenge.pk}",
        )


def standings(challenge: Challenge) -> list[dict]:
    """Points earned inside the challenge (its board: approvals, entry points, shares and
    clicks of its stories), ranked; equal scores share a rank. Teams: departments on their
    members' points."""
    entries = BoardEntry.objects.filter(board=challenge.board)
    if not challenge.is_team and challenge.kind != ChallengeKind.SHARE:
        # Colleagues who shared an entry earn points on the board too, but only those who
        # took part with an approved entry can win; in a share challenge sharing is taking part.
        entrants = Story.objects.filter(challenge=challenge, status=StoryStatus.APPROVED).values("creator_id")
        entries = entries.filter(member_id__in=entrants)
    if challenge.is_team:
        rows = list(
            entries.filter(member__department__isnull=False)
            .values("member__department_id", "member__department__name")
            .annotate(score=Sum("points"))
            .order_by("-score", "member__department__name")
        )
        rows = [
            {"department_id": r["member__department_id"], "name": r["member__department__name"], "score": r["score"]}
            for r in rows
        ]
    else:
        rows = list(
            entries.values("member_id", "member__display_name", "member__email")
            .annotate(score=Sum("points"))
            .order_by("-score", "member_id")
        )
        rows = [
            {
                "member_id": r["member_id"],
                "name": r["member__display_name"] or r["member__email"].split("@")[0],
                "score": r["score"],
            }
            for r in rows
        ]
    rank, previous = 0, None
    for position, row in enumerate(rows, start=1):
        if row["score"] != previous:
            rank, previous = position, row["score"]
        row["rank"] = rank
    return rows


def open_and_close_due(now: datetime.datetime | None = None) -> tuple[int, int]:
    """Open scheduled challenges whose time has come and close open ones that are over
    (Celery beat, every minute). Each runs under its own row lock and re-checks the state,
    so running twice or in parallel changes each challenge once."""
    now = now or timezone.now()
    opened = closed = 0
    for pk in Challenge.objects.filter(state=ChallengeState.SCHEDULED, opens_at__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            locked = Challenge.objects.select_for_update().get(pk=pk)
            if locked.state == ChallengeState.SCHEDULED and locked.opens_at <= now:
                _open(locked, now)
                opened += 1
    for pk in Challenge.objects.filter(state=ChallengeState.OPEN, closes_at__lte=now).values_list("pk", flat=True):
        try:
            close_challenge(by=None, challenge=Challenge(pk=pk), now=now)
            closed += 1
        except InvalidTransition:
            continue
        except Exception:  # one broken challenge must not keep the others open
            logger.exception("Could not close challenge %s", pk)
    return opened, closed


# --- stories --------------------------------------------------------------------------


def _clean_uploads(images, video, *, existing_images: int = 0):
    images = [i for i in (images or []) if i]
    if existing_images + len(images) > MAX_IMAGES:
        raise InvalidUpload(_("Add at most %(count)s images.") % {"count": MAX_IMAGES})
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


def challenge_open_for(member: Member, challenge: Challenge, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return challenge.state == ChallengeState.OPEN and challenge.closes_at > now and in_audience(member, challenge)


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
) -> Story:
    """Submit a story for review, inside an open challenge or as a free "share a moment".

    Everything is checked before anything is stored: the uploads (``InvalidUpload``), an
    empty submission, what the challenge asks for. Entries per member are counted while
    holding the member's row, so two parallel submissions cannot both take the last one."""
    text = (text or "").strip()
    title = (title or "").strip()[:160]
    link_url = _check_link(link_url)
    if challenge is not None:
        if not challenge_open_for(member, challenge):
            raise NotFound(_("This challenge is not open for you."))
        if not (is_creator(member) or challenge.open_to_all_members):
            raise NotAllowed(_("Only Social Creators submit entries to this challenge."))
    elif not is_creator(member):
        raise NotAllowed(_("Social Creators share moments; follow the e-learning to become one."))
    images = [i for i in (images or []) if i]
    _check_kind(challenge.kind if challenge else None, text=text, images=len(images), video=bool(video), link=link_url)
    cleaned, video_ext = _clean_uploads(images, video)
    stored: list = []
    try:
        with transaction.atomic():
            if challenge is not None:
                Member.objects.select_for_update().filter(pk=member.pk).values_list("pk", flat=True).first()
                entries = (
                    Story.objects.filter(creator=member, challenge=challenge)
                    .exclude(status=StoryStatus.REJECTED)
                    .count()
                )
                if entries >= challenge.entries_per_member:
                    raise InvalidTransition(_("You have already sent in the entries this challenge allows."))
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
            )
            if video:
                story.video.save(f"video.{video_ext}", video, save=False)
                stored.append(story.video.name)
            story.save()
            _store_images(story, cleaned, stored)
            _notify_editors(story)
    except BaseException:
        _delete_files(stored)
        raise
    return story


def _notify_editors(story: Story) -> None:
    """In-app only: the queue (and its count in the admin menu) is where editors work; an
    e-mail per story would be noise for a role of a few hours a month."""
    if not story.department_id:
        return
    editors = Member.objects.filter(role=Role.EDITOR, department_id=story.department_id, is_active=True)
    for editor in editors:
        people_services.notify(
            member=editor,
            kind="story_submitted",
            title=_("A story is waiting for review"),
            body=_("%(name)s sent in “%(story)s”."),
            params={"name": story.creator.name, "story": str(story)[:80]},
            url=reverse("challenges:review_queue"),
            dedupe_key=f"story-submitted:{story.pk}:{story.submitted_at.timestamp():.0f}",
            email=False,
        )


def _store_images(story: Story, cleaned, stored: list, start: int = 0) -> None:
    for position, content in enumerate(cleaned, start=start):
        image = StoryImage(story=story, position=position)
        image.image.save(content.name, content, save=False)
        stored.append(image.image.name)
        image.save()


def _delete_files(names) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        try:
            default_storage.delete(name)
        except Exception:
            logger.warning("Could not delete %s after a failed submission", name, exc_info=True)


def resubmit_story(
    *, member: Member, story: Story, text: str | None = None, link_url: str | None = None, images=()
) -> Story:
    """After "changes requested" the creator sends the story again: it returns to the
    review queue (with its new submission time). Locks the story row."""
    if story.creator_id != member.pk:
        raise NotFound(_("Story not found."))
    images = [i for i in (images or []) if i]
    link = _check_link(link_url) if link_url is not None else None
    stored: list = []
    try:
        with transaction.atomic():
            locked = Story.objects.select_for_update().get(pk=story.pk)
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
            locked.save()
            _store_images(locked, cleaned, stored, start=existing)
            _notify_editors(locked)
    except BaseException:
        _delete_files(stored)
        raise
    return locked


def review_story(
    *,
    editor: Member,
    story: Story,
    decision: str,
    feedback: str = "",
    text: str | None = None,
    caption: str | None = None,
    caption_fixed: bool | None = None,
) -> Story:
    """An editor's decision: approve (optionally with an edited text; the creator's
    original stays), request changes (feedback required) or reject (a reason required).

    Locks the story row: of two editors (or a double click) deciding at once, the second
    finds the story decided. Approving an approved story again is a no-op, so a retry
    never awards twice; any other decision on a decided story is ``InvalidTransition``."""
    if not can_review(editor, story):
        raise NotAllowed(_("Only the Social Editor of the story's department reviews it."))
    if decision not in Decision.values:
        raise InvalidInput(_("Choose approve, request_changes or reject."))
    feedback = (feedback or "").strip()
    if decision != Decision.APPROVE and not feedback:
        raise InvalidInput(
            _("Tell the creator what to change.")
            if decision == Decision.REQUEST_CHANGES
            else _("Give the creator a reason.")
        )
    with transaction.atomic():
        locked = Story.objects.select_for_update().get(pk=story.pk)
        if locked.status == StoryStatus.APPROVED and decision == Decision.APPROVE:
            return locked
        if locked.status != StoryStatus.SUBMITTED:
            raise InvalidTransition(_("This story has already been reviewed."))
        now = timezone.now()
        edited = False
        if decision == Decision.APPROVE:
            if text is not None and text.strip() and text.strip() != locked.text:
                locked.text = text.strip()
                edited = True
            locked.edited_by_editor = locked.edited_by_editor or edited
            if caption is not None:
                locked.caption = caption.strip()
            if not locked.caption:
                locked.caption = locked.text[:1000]
            if caption_fixed is not None:
                locked.caption_fixed = bool(caption_fixed)
            locked.status = StoryStatus.APPROVED
            locked.approved_at = now
        elif decision == Decision.REQUEST_CHANGES:
            locked.status = StoryStatus.CHANGES_REQUESTED
        else:
            locked.status = StoryStatus.REJECTED
        locked.feedback = feedback
        locked.reviewed_by = editor
        locked.save()
        ReviewDecision.objects.create(
            story=locked, editor=editor, decision=decision, feedback=feedback, edited=edited, created_at=now
        )
        if decision == Decision.APPROVE:
            _reward_approval(locked)
        _notify_decision(locked, decision, feedback)
    return locked


def _boards(story: Story) -> list[str]:
    return [f"challenge-{story.challenge_id}"] if story.challenge_id else []


def _reward_approval(story: Story) -> None:
    creator = story.creator
    url = reverse("challenges:my_stories")
    label = str(story)[:200]
    ref = f"story:{story.pk}"
    record_action(member=creator, action="story_approved", ref=ref, boards=_boards(story), label=label, url=url)
    challenge = story.challenge
    if challenge is not None and challenge.points_per_entry:
        action = _challenge_rule(challenge, "entry", challenge.points_per_entry)
        record_action(member=creator, action=action, ref=ref, boards=_boards(story), label=label, url=url)


_DECISION_TEXTS = {
    Decision.APPROVE: (_("Your story was approved"), _("Colleagues can now share “%(story)s”.")),
    Decision.REQUEST_CHANGES: (
        _("Your story needs a change"),
        _("The editor asks for a change to “%(story)s”: %(feedback)s"),
    ),
    Decision.REJECT: (_("Your story was not approved"), _("“%(story)s” was not approved: %(feedback)s")),
}


def _notify_decision(story: Story, decision: str, feedback: str) -> None:
    title, body = _DECISION_TEXTS[decision]
    people_services.notify(
        member=story.creator,
        kind=f"story_{decision}",
        title=title,
        body=body,
        params={"story": str(story)[:80], "feedback": feedback},
        url=reverse("challenges:my_stories"),
        dedupe_key=f"story-{decision}:{story.pk}:{story.submitted_at.timestamp():.0f}",
    )


def give_compliment(*, by: Member, story: Story, message: str = "") -> tuple[Compliment, bool]:
    """A manager's or Master's recognition of an approved story; once per person and story
    (a unique constraint decides between twins). The creator is notified once."""
    if not can_compliment(by):
        raise NotAllowed(_("Social Masters and Activators give compliments."))
    if story.status != StoryStatus.APPROVED:
        raise NotFound(_("Story not found."))
    if story.creator_id == by.pk:
        raise InvalidInput(_("Compliment a colleague's story, not your own."))
    message = (message or "").strip()[:500]
    try:
        with transaction.atomic():
            compliment, created = Compliment.objects.get_or_create(story=story, by=by, defaults={"message": message})
    except IntegrityError:
        return Compliment.objects.get(story=story, by=by), False
    if created:
        people_services.notify(
            member=story.creator,
            kind="story_compliment",
            title=_("%(name)s complimented your story"),
            body=_("“%(story)s”: %(message)s") if message else _("“%(story)s”"),
            params={"name": by.name, "story": str(story)[:80], "message": message},
            url=reverse("challenges:my_stories"),
            dedupe_key=f"compliment:{compliment.pk}",
        )
    return compliment, created


# --- sharing --------------------------------------------------------------------------


def dismiss_suggestion(*, member: Member, story: Story) -> None:
    """Hide a suggestion from the member's feed (idempotent)."""
    try:
        with transaction.atomic():
            SuggestionDismissal.objects.get_or_create(member=member, story=story)
    except IntegrityError:
        pass


def share_link_for(*, member: Member, story: Story) -> ShareLink:
    """The member's tracked link for the story, created once (a unique constraint decides)."""
    try:
        with transaction.atomic():
            link, _created = ShareLink.objects.get_or_create(member=member, story=story)
    except IntegrityError:
        link = ShareLink.objects.get(member=member, story=story)
    link.story = story
    return link


def share_story(*, member: Member, story: Story, network: str) -> tuple[ShareLink, Share, bool]:
    """Record that ``member`` chose to share ``story`` on ``network`` and return their
    tracked link. Points once per story per network: the Share row and the ledger
    reference are both unique, so a double click or concurrent requests award once."""
    if story.status != StoryStatus.APPROVED:
        raise NotFound(_("Story not found."))
    if network not in Network.values:
        raise InvalidInput(_("Choose one of: %(networks)s.") % {"networks": ", ".join(Network.values)})
    link = share_link_for(member=member, story=story)
    try:
        with transaction.atomic():
            share, created = Share.objects.get_or_create(member=member, story=story, network=network)
    except IntegrityError:
        share, created = Share.objects.get(member=member, story=story, network=network), False
    record_action(
        member=member,
        action="story_shared",
        ref=f"story:{story.pk}:{network}",
        boards=_boards(story),
        label=str(story)[:200],
        url=reverse("challenges:feed"),
    )
    return link, share, created


def utm_params(*, story: Story, network: str) -> dict:
    return {
        "utm_source": network,
        "utm_medium": "social",
        "utm_campaign": f"challenge-{story.challenge_id}" if story.challenge_id else "ambassadors",
    }


def tracking_url(*, link: ShareLink, network: str) -> str:
    base = settings.BASE_URL.rstrip("/")
    query = urlencode(utm_params(story=link.story, network=network))
    return f"{base}{reverse('challenges:share_redirect', args=[link.code])}?{query}"


def disclosure_line() -> str:
    return SharingSettings.load().disclosure_line.strip()


def caption_for(*, story: Story, caption: str | None = None, disclosure: str | None = None) -> str:
    """The caption to share: the member's own words unless the editor fixed it, with the
    organisation's disclosure line appended where it wants one."""
    text = story.caption or story.text
    if caption and caption.strip() and not story.caption_fixed:
        text = caption.strip()
    disclosure = disclosure_line() if disclosure is None else disclosure
    if disclosure and disclosure not in text:
        text = f"{text}\n\n{disclosure}" if text else disclosure
    return text


def share_payload(*, link: ShareLink, network: str, caption: str | None = None) -> dict:
    """What the share button needs: the network's dialog with the tracked link, the link
    itself and the caption to paste."""
    url = tracking_url(link=link, network=network)
    text = caption_for(story=link.story, caption=caption)
    return {
        "network": network,
        "tracking_url": url,
        "share_url": share_dialog_url(network=network, url=url, caption=text, title=str(link.story)),
        "caption": text,
    }


def share_dialog_url(*, network: str, url: str, caption: str, title: str = "") -> str:
    """The network's own share dialog: the member posts (or not) on their own channel."""
    if network == Network.LINKEDIN:
        return "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})
    if network == Network.X:
        return "https://x.com/intent/post?" + urlencode({"text": caption[:200], "url": url})
    if network == Network.FACEBOOK:
        return "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})
    if network == Network.WHATSAPP:
        return "https://wa.me/?" + urlencode({"text": f"{caption}\n{url}".strip()})
    body = f"{caption}\n\n{url}".strip()
    return f"mailto:?subject={quote(title or caption[:80])}&body={quote(body)}"


BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|preview|facebookexternalhit|linkedinbot|whatsapp|embedly|curl|wget|"
    r"python-requests|httpclient|headless|monitor|scan|fetch",
    re.IGNORECASE,
)


def is_bot(user_agent: str) -> bool:
    return not user_agent or bool(BOT_PATTERN.search(user_agent))


def visitor_hash(*, ip: str, user_agent: str, day: datetime.date) -> str:
    """A one-way hash of the visitor with a salt that changes every day: counts unique
    visitors per day without storing an IP address or linking days together."""
    salt = hmac.new(settings.SECRET_KEY.encode(), f"share-click:{day.isoformat()}".encode(), hashlib.sha256).digest()
    return hmac.new(salt, f"{ip}|{user_agent}".encode(), hashlib.sha256).hexdigest()


def record_click(
    *, link: ShareLink, ip: str, user_agent: str, viewer: Member | None = None, now: datetime.datetime | None = None
) -> bool:
    """Count a visit on a tracked link: once per visitor per day, not for bots (by user
    agent) and not for the member's own clicks. The (link, day, hash) unique constraint
    decides between retries; only the visit that created the row awards the click point
    (capped per day by the ``share_click`` rule). Returns whether it counted."""
    if is_bot(user_agent):
        return False
    if viewer is not None and viewer.is_authenticated and viewer.pk == link.member_id:
        return False
    now = now or timezone.now()
    day = timezone.localdate(now)
    digest = visitor_hash(ip=ip, user_agent=user_agent, day=day)
    try:
        with transaction.atomic():
            click, created = ShareClick.objects.get_or_create(
                link=link, day=day, visitor_hash=digest, defaults={"created_at": now}
            )
    except IntegrityError:
        return False
    if created:
        story = link.story
        record_action(
            member=link.member,
            action="share_click",
            ref=f"click:{click.pk}",
            occurred_at=now,
            boards=_boards(story),
            label=str(story)[:200],
            url=reverse("challenges:feed"),
        )
    return created


def delete_old_clicks(*, now: datetime.datetime | None = None) -> int:
    """Delete click logs older than the retention period the organisation set (daily task)."""
    now = now or timezone.now()
    days = SharingSettings.load().click_retention_days
    deleted, _ = ShareClick.objects.filter(created_at__lt=now - datetime.timedelta(days=days)).delete()
    return deleted


# --- weekly digest --------------------------------------------------------------------


def send_weekly_digests(*, now: datetime.datetime | None = None) -> int:
    """Tell every active member about new suggestions of the past week, at most the weekly
    cap, once per week (a unique row per member and week; the notification's dedupe key
    too). E-mails respect each member's quiet hours (``notify`` holds them until morning)."""
    from . import selectors

    now = now or timezone.now()
    today = timezone.localdate(now)
    week = today - datetime.timedelta(days=today.weekday())
    cap = SharingSettings.load().weekly_suggestion_cap
    since = now - datetime.timedelta(days=7)
    if not Story.objects.filter(status=StoryStatus.APPROVED, approved_at__gte=since).exists():
        return 0
    sent = 0
    members = Member.objects.filter(is_active=True).exclude(
        pk__in=SuggestionDigest.objects.filter(week=week).values("member_id")
    )
    for member in members.iterator():
        stories = list(
            selectors.suggestions(member=member).filter(approved_at__gte=since).exclude(shares__member=member)[:cap]
        )
        if not stories:
            continue
        try:
            with transaction.atomic():
                SuggestionDigest.objects.create(member=member, week=week, story_ids=[s.pk for s in stories])
                titles = "\n".join(f"• {str(s)[:100]}" for s in stories)
                people_services.notify(
                    member=member,
                    kind="suggestions_digest",
                    title=_("New stories to share this week"),
                    body=_("Your colleagues' stories, ready to share if you like them:\n%(stories)s"),
                    params={"stories": titles},
                    url=reverse("challenges:feed"),
                    dedupe_key=f"digest:{week.isoformat()}",
                )
        except IntegrityError:
            continue
        sent += 1
    return sent


def entries_count(*, member: Member, challenge: Challenge) -> int:
    return Story.objects.filter(creator=member, challenge=challenge).exclude(status=StoryStatus.REJECTED).count()
