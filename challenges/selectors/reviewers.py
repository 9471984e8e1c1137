"""Who reviews a department's stories, and which departments have no editor of their own.

The rule is ``challenges.policies.review_scope``: a department's own Social Editors; for a
department without one (or a creator without a department), the Social Masters and the
editors for all departments. These reads name those people, for the notification on submit
and for the creator ("waiting for Erik Editor"); a Master home shows the departments that
still need an editor. A constant number of queries whatever the number of stories."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.text import get_text_list
from django.utils.translation import gettext

from people.models import Department, Member, Role

from .. import policies
from ..models import Story, StoryStatus


@dataclass
class Reviewers:
    """Who reviews one department's stories: ``editors`` (their names are shown) and, when the
    department has no editor of its own, ``masters`` (shown as "the Social Masters")."""

    editors: list[Member] = field(default_factory=list)
    masters: list[Member] = field(default_factory=list)
    fallback: bool = False

    @property
    def display(self) -> str:
        """The names in the current language: "Erik Editor", "Erik Editor and the Social
        Masters", or "the Social Masters"."""
        names = [member.name for member in self.editors]
        if self.fallback:
            names.append(gettext("the Social Masters"))
        return get_text_list(names, gettext("and"))

    @property
    def members(self) -> list[Member]:
        """Everyone to tell, each once."""
        seen: dict[int, Member] = {}
        for member in [*self.editors, *self.masters]:
            seen.setdefault(member.pk, member)
        return list(seen.values())


_MASTER = Q(role=Role.MASTER) | Q(is_superuser=True)


def reviewers(*, department_ids: Iterable[int | None]) -> dict[int | None, Reviewers]:
    """``{department id: Reviewers}`` for the given departments (``None``: no department).
    Two queries at most: the departments' own editors, then (only if a department has none)
    the Masters and the editors for all departments, in one."""
    wanted = set(department_ids)
    own: dict[int | None, list[Member]] = {pk: [] for pk in wanted}
    ids = [pk for pk in wanted if pk is not None]
    if ids:
        for editor in policies.department_editors().filter(department_id__in=ids).order_by("display_name", "pk"):
            own[editor.department_id].append(editor)
    result = {pk: Reviewers(editors=editors) for pk, editors in own.items() if editors}
    missing = [pk for pk in wanted if pk not in result]
    if missing:
        everyone = Member.objects.filter(
            _MASTER | Q(role=Role.EDITOR, editor_for_all_departments=True), is_active=True
        ).order_by("display_name", "pk")
        fallback_editors, masters = [], []
        for member in everyone:
            (masters if member.is_master else fallback_editors).append(member)
        for pk in missing:
            result[pk] = Reviewers(editors=fallback_editors, masters=masters, fallback=True)
    return result


def story_reviewers(*, story: Story) -> Reviewers:
    """Who reviews ``story`` (and is told when it is submitted)."""
    return reviewers(department_ids=[story.department_id])[story.department_id]


def with_reviewers(stories: Iterable[Story]) -> list[Story]:
    """The stories as a list, each waiting one with ``reviewers`` set (a ``Reviewers``; None
    for the others): what "My stories" shows. Two queries at most for the whole list."""
    stories = list(stories)
    waiting = [s for s in stories if s.status == StoryStatus.SUBMITTED]
    by_department = reviewers(department_ids={s.department_id for s in waiting}) if waiting else {}
    for story in stories:
        story.reviewers = by_department.get(story.department_id) if story.status == StoryStatus.SUBMITTED else None
    return stories


def unassigned_departments() -> QuerySet[Department]:
    """Departments with active members but no active Social Editor of their own, by name, each
    with ``member_count`` (its active members). One query."""
    active = Q(members__is_active=True)
    return (
        Department.objects.annotate(
            member_count=Count("members", filter=active),
            editor_count=Count("members", filter=active & Q(members__role=Role.EDITOR)),
        )
        .filter(member_count__gt=0, editor_count=0)
        .order_by("name")
    )
