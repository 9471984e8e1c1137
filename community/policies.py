"""Who may do what in the community: the one place pages, the API and the services ask.

- read a space: every member for a space of ``everyone``; only its department's members
  for a department space; Social Masters and the space's moderators always; a suspended
  member reads nothing until the suspension ends;
- post (new thread, reply): who reads, from the space's lowest posting role up, unless muted
  or suspended, and not in a locked thread (moderators still may);
- see a post: published posts to who reads the space; a held (pending) or hidden post only
  to its author and the space's moderators; deleted posts to nobody (they show as removed);
- accept an answer: the question's author and the space's moderators;
- moderate a space (queue, hide, restore, edit, delete, lock, mute, suspend): Social Masters
  and the members a Master named as the space's moderators;
- report, react, follow: anyone who may see the post or thread.

``can_*`` answers; ``check_*`` raises the refusal a service uses (check, then do).
"""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import NotAllowed, NotFound
from people.models import ROLE_RANK, Member, Role

from .models import Post, PostStatus, ReadAudience, Sanction, SanctionKind, Space, Thread


def active_sanctions(member: Member, now: datetime.datetime | None = None) -> set[str]:
    """The kinds of sanction (``mute``, ``suspend``) in force for ``member`` now."""
    if not member.is_authenticated:
        return set()
    cache = getattr(member, "_community_sanctions", None)
    if cache is None:
        now = now or timezone.now()
        cache = set(Sanction.objects.filter(member=member, until__gt=now).values_list("kind", flat=True))
        member._community_sanctions = cache
    return cache


def is_community_master(member: Member) -> bool:
    return member.is_authenticated and member.is_master


def readable_spaces_filter(member: Member) -> Q:
    """The spaces ``member`` reads, as a filter on ``Space`` (``can_read_space`` agrees)."""
    if not member.is_authenticated or SanctionKind.SUSPEND in active_sanctions(member):
        return Q(pk__in=[])
    if member.is_master:
        return Q()
    return (
        Q(read_audience=ReadAudience.EVERYONE)
        | Q(read_audience=ReadAudience.DEPARTMENT, department_id=member.department_id)
        | Q(moderators=member)
    )


def _moderator_ids(space: Space) -> set[int]:
    cached = getattr(space, "_moderator_ids", None)
    if cached is None:
        cached = {m.pk for m in space.moderators.all()}
        space._moderator_ids = cached
    return cached


def can_moderate_space(member: Member, space: Space) -> bool:
    return member.is_authenticated and (member.is_master or member.pk in _moderator_ids(space))


def can_moderate_anything(member: Member) -> bool:
    """For the menu and the queue page: a Master, or a moderator of at least one space."""
    if not member.is_authenticated:
        return False
    return member.is_master or member.moderated_spaces.exists()


def can_read_space(member: Member, space: Space) -> bool:
    if not member.is_authenticated or SanctionKind.SUSPEND in active_sanctions(member):
        return False
    if member.is_master or member.pk in _moderator_ids(space):
        return True
    if space.read_audience == ReadAudience.DEPARTMENT:
        return space.department_id is not None and member.department_id == space.department_id
    return True


def check_read_space(member: Member, space: Space) -> None:
    if not can_read_space(member, space):
        raise NotFound(_("This space does not exist or is not open to you."), code="space_not_found")


def _role_allows(member: Member, space: Space) -> bool:
    return member.is_superuser or ROLE_RANK.get(Role(member.role), 0) >= ROLE_RANK[Role(space.post_role)]


def can_post_in_space(member: Member, space: Space) -> bool:
    return (
        can_read_space(member, space)
        and _role_allows(member, space)
        and SanctionKind.MUTE not in active_sanctions(member)
    )


def check_post_in_space(member: Member, space: Space) -> None:
    check_read_space(member, space)
    if SanctionKind.MUTE in active_sanctions(member):
        raise NotAllowed(_("You are muted in the community for now."), code="muted")
    if not _role_allows(member, space):
        raise NotAllowed(_("Your role may read this space but not post in it."), code="post_not_allowed")


def can_reply(member: Member, thread: Thread) -> bool:
    if thread.locked and not can_moderate_space(member, thread.space):
        return False
    return can_post_in_space(member, thread.space)


def check_reply(member: Member, thread: Thread) -> None:
    check_post_in_space(member, thread.space)
    if thread.locked and not can_moderate_space(member, thread.space):
        raise NotAllowed(_("This thread is locked."), code="thread_locked")


def visible_posts_filter(member: Member, space: Space) -> Q:
    """The posts of a thread in ``space`` that ``member`` sees, as a filter on ``Post``."""
    if can_moderate_space(member, space):
        return Q()
    return Q(status=PostStatus.PUBLISHED) | Q(status__in=[PostStatus.PENDING, PostStatus.HIDDEN], author=member)


def can_see_post(member: Member, post: Post) -> bool:
    space = post.thread.space
    if not can_read_space(member, space):
        return False
    if post.status == PostStatus.PUBLISHED or can_moderate_space(member, space):
        return True
    return post.status in (PostStatus.PENDING, PostStatus.HIDDEN) and post.author_id == member.pk


def check_see_post(member: Member, post: Post) -> None:
    if not can_see_post(member, post):
        raise NotFound(_("This post does not exist or is not visible to you."), code="post_not_found")


def can_accept_answer(member: Member, thread: Thread) -> bool:
    return thread.is_question and (thread.author_id == member.pk or can_moderate_space(member, thread.space))


def check_moderate(member: Member, space: Space) -> None:
    if not can_moderate_space(member, space):
        raise NotAllowed(_("Only this space's moderators and Social Masters moderate it."), code="not_moderator")
