"""Who may do what with challenges and stories: the one place the pages, the API, the admin
and the services ask.

``can_*`` answers the question (to show a button, or to answer 403 in a view); ``check_*``
refuses with the message the member sees and is what a service calls before it changes
anything (check, then do).

- launch challenges: a Social Master; a Social Activator who has a department;
- manage one (edit, schedule, open, close, judge, see the standings): a Social Master; a
  Social Activator for their own department's challenges;
- enter a challenge: its audience while it is open; Social Creators and up, or any member
  when the challenge allows it;
- share a moment (a story outside any challenge): Social Creators and up;
- review: a Social Master; a Social Editor for stories of their own department; a Social
  Editor "for all departments" also for stories of a department without an editor of its own
  (and of creators without a department). ``review_scope`` is that rule as a filter, so the
  queue and ``can_review`` agree; ``challenges.selectors.reviewers`` names who is told;
- withdraw: the creator, their own story while it waits for review;
- compliment: Social Masters and Activators, a colleague's approved story;
- see a story: its creator, its reviewers, and everyone once it is approved; its feedback and
  the creator's original text: the creator and the reviewers only; its photos and video the
  same (anyone, signed in or not, only while it is approved);
- share: any member, an approved story, on their own channel (we only open the dialog).
"""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import InvalidInput, NotAllowed, NotFound
from people.models import ROLE_RANK, Member, Role

from .errors import InvalidTransition
from .models import Audience, Challenge, Story, StoryStatus

# --- challenges -----------------------------------------------------------------------


def is_creator(member: Member) -> bool:
    """A Social Creator or a higher role (or a superuser)."""
    return member.is_superuser or ROLE_RANK.get(Role(member.role), 0) >= ROLE_RANK[Role.CREATOR]


def can_launch_challenges(member: Member) -> bool:
    return member.is_authenticated and (member.is_master or (member.is_activator and member.department_id is not None))


def check_launch_challenges(member: Member) -> None:
    if not can_launch_challenges(member):
        raise NotAllowed(
            _("Only a Social Master, or a Social Activator for their own department, launches challenges.")
        )


def can_plan_from_calendar(member: Member) -> bool:
    """Turning a content-calendar day into a challenge is the Social Master's planning step."""
    return member.is_authenticated and member.is_master


def check_plan_from_calendar(member: Member) -> None:
    if not can_plan_from_calendar(member):
        raise NotAllowed(_("Only a Social Master turns a calendar day into a challenge."))


def can_manage_challenge(member: Member, challenge: Challenge) -> bool:
    if not member.is_authenticated:
        return False
    if member.is_master:
        return True
    return member.is_activator and member.department_id is not None and challenge.department_id == member.department_id


def check_manage_challenge(member: Member, challenge: Challenge) -> None:
    if not can_manage_challenge(member, challenge):
        raise NotAllowed(_("Only a Social Master, or a Social Activator for their own department, manages challenges."))


def can_see_standings(member: Member, challenge: Challenge) -> bool:
    """Everyone's scores are for the challenge's managers; members see the winners only."""
    return can_manage_challenge(member, challenge)


def in_audience(member: Member, challenge: Challenge) -> bool:
    """Whether ``member`` is among the challenge's audience (one query for a department or
    location audience)."""
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


def _takes_part(member: Member, challenge: Challenge) -> bool:
    return is_creator(member) or challenge.open_to_all_members


def can_enter_challenge(member: Member, challenge: Challenge, now: datetime.datetime | None = None) -> bool:
    """Whether ``member`` may send in an entry now (how many they have left is the
    service's count, under the member's lock)."""
    now = now or timezone.now()
    return challenge.is_open_at(now) and in_audience(member, challenge) and _takes_part(member, challenge)


def check_enter_challenge(member: Member, challenge: Challenge, now: datetime.datetime | None = None) -> None:
    """``NotFound`` for a challenge that is not open to the member (as if it did not exist),
    ``NotAllowed`` for one they see but may not enter."""
    now = now or timezone.now()
    if not (challenge.is_open_at(now) and in_audience(member, challenge)):
        raise NotFound(_("This challenge is not open for you."))
    if not _takes_part(member, challenge):
        raise NotAllowed(_("Only Social Creators submit entries to this challenge."))


# --- stories --------------------------------------------------------------------------


def can_share_moments(member: Member) -> bool:
    """A story outside any challenge ("share a moment")."""
    return is_creator(member)


def check_share_moments(member: Member) -> None:
    if not can_share_moments(member):
        raise NotAllowed(_("Social Creators share moments; follow the e-learning to become one."))


def check_own_story(member: Member, story: Story) -> None:
    """Only the creator sends their story again; to anyone else it does not exist."""
    if story.creator_id != member.pk:
        raise NotFound(_("Story not found."))


def can_see_story(member: Member, story: Story) -> bool:
    return story.creator_id == member.pk or story.status == StoryStatus.APPROVED or can_review(member, story)


def can_see_story_media(member, story: Story) -> bool:
    """A story's photos and video: its creator and its reviewers always, everyone else
    (signed in or not: the public page and the networks' previews) only while it is
    approved. ``member`` may be anonymous."""
    if story.status == StoryStatus.APPROVED:
        return True
    return bool(member and member.is_authenticated) and (story.creator_id == member.pk or can_review(member, story))


def can_see_feedback(member: Member, story: Story) -> bool:
    """The editor's feedback and the creator's original text are between the two of them:
    other members see the story as it was approved."""
    return story.creator_id == member.pk or can_review(member, story)


# --- review ---------------------------------------------------------------------------


def can_use_review_queue(member: Member) -> bool:
    """The queue pages and the admin menu item (what is in it depends on the department)."""
    return member.is_master or member.is_editor


def department_editors() -> QuerySet[Member]:
    """The active Social Editors who have a department: a department with one of them has
    its own editor; every other department falls back to the Masters and the editors for all
    departments."""
    return Member.objects.filter(role=Role.EDITOR, is_active=True, department__isnull=False)


def staffed_department_ids() -> QuerySet:
    """The ids of the departments with an editor of their own, as a subquery."""
    return department_editors().values("department_id")


def _staffed_departments(member: Member) -> set[int]:
    """``staffed_department_ids`` read once per member object (one query per request, like
    Django's permission cache), so a list of stories asks no query per story."""
    cached = getattr(member, "_staffed_departments_cache", None)
    if cached is None:
        cached = set(staffed_department_ids().values_list("department_id", flat=True))
        member._staffed_departments_cache = cached
    return cached


def review_scope(member: Member) -> Q:
    """The stories ``member`` may review, as a filter on ``Story`` (``can_review`` as SQL)."""
    if member.is_master:
        return Q()
    if not member.is_editor:
        return Q(pk__in=[])
    scope = Q(department_id=member.department_id) if member.department_id else Q(pk__in=[])
    if member.editor_for_all_departments:
        scope |= Q(department__isnull=True) | ~Q(department_id__in=staffed_department_ids())
    return scope


def can_review(member: Member, story: Story) -> bool:
    """The same rule as ``review_scope``, for one story."""
    if not member.is_authenticated:
        return False
    if member.is_master:
        return True
    if not member.is_editor:
        return False
    if member.department_id is not None and story.department_id == member.department_id:
        return True
    if not member.editor_for_all_departments:
        return False
    return story.department_id is None or story.department_id not in _staffed_departments(member)


def check_review(member: Member, story: Story) -> None:
    if not can_review(member, story):
        raise NotAllowed(_("Only the Social Editor of the story's department reviews it."))


def can_withdraw(member: Member, story: Story) -> bool:
    """The creator takes back their own story while it waits for review (to show the button)."""
    return story.creator_id == member.pk and story.status == StoryStatus.SUBMITTED


def check_withdraw(member: Member, story: Story) -> None:
    """Someone else's story does not exist for the member; a decided one cannot be taken back
    (``InvalidTransition`` with ``code="story_already_reviewed"``). A withdrawn one passes:
    withdrawing twice is the service's no-op."""
    check_own_story(member, story)
    if story.status not in (StoryStatus.SUBMITTED, StoryStatus.WITHDRAWN):
        raise InvalidTransition(
            _("This story has already been reviewed, so it can no longer be withdrawn."),
            code="story_already_reviewed",
        )


def can_compliment(member: Member) -> bool:
    return member.is_master or member.is_activator


def check_compliment(member: Member, story: Story) -> None:
    """A manager's compliment goes to a colleague's approved story."""
    if not can_compliment(member):
        raise NotAllowed(_("Social Masters and Activators give compliments."))
    if story.status != StoryStatus.APPROVED:
        raise NotFound(_("Story not found."))
    if story.creator_id == member.pk:
        raise InvalidInput(_("Compliment a colleague's story, not your own."))


# --- sharing --------------------------------------------------------------------------


def check_share(member: Member, story: Story) -> None:
    """Any member shares an approved story; one that is not approved does not exist for them."""
    if story.status != StoryStatus.APPROVED:
        raise NotFound(_("Story not found."))
