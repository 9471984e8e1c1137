"""challenges/selectors/reviewers.py: who reviews each department's stories (bounded
queries), and the departments without an editor, with the partial that shows them."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from challenges.selectors import reviewers, unassigned_departments, with_reviewers
from people.models import Role
from tests.factories import DepartmentFactory, MemberFactory

from ..factories import StoryFactory

pytestmark = pytest.mark.django_db


def test_reviewers_per_department(master, editor, department, other_department):
    roaming = MemberFactory(role=Role.EDITOR, department=None, editor_for_all_departments=True, display_name="Roam")
    result = reviewers(department_ids=[department.pk, other_department.pk, None])
    assert result[department.pk].editors == [editor]
    assert not result[department.pk].fallback
    assert result[department.pk].display == "Editor"
    for pk in (other_department.pk, None):
        assert result[pk].fallback
        assert result[pk].editors == [roaming]
        assert {m.pk for m in result[pk].members} == {roaming.pk, master.pk}
        assert result[pk].display == "Roam and the Social Masters"
    with translation.override("nl"):
        assert result[None].display == "Roam en de Social Masters"


def test_with_reviewers_takes_two_queries_whatever_the_number_of_stories(
    master, editor, creator, other_department, django_assert_num_queries
):
    stories = [StoryFactory(creator=creator, department=creator.department) for _ in range(3)]
    stories += [StoryFactory(department=DepartmentFactory()) for _ in range(3)]
    stories.append(StoryFactory(creator=creator, department=creator.department, approved=True))
    with django_assert_num_queries(2):
        listed = with_reviewers(stories)
    assert [s.reviewers.display if s.reviewers else None for s in listed] == ["Editor"] * 3 + [
        "the Social Masters"
    ] * 3 + [None]


def test_unassigned_departments_have_members_but_no_active_editor(editor, department, django_assert_num_queries):
    empty = DepartmentFactory(name="Empty")  # no members: nothing to assign
    it = DepartmentFactory(name="IT")
    MemberFactory(department=it)
    MemberFactory(department=it, role=Role.EDITOR, is_active=False)
    hr = DepartmentFactory(name="HR")
    MemberFactory(department=hr)
    MemberFactory(department=hr, is_active=False)
    with django_assert_num_queries(1):
        rows = list(unassigned_departments())
    assert [(d.name, d.member_count) for d in rows] == [("HR", 1), ("IT", 1)]
    assert department not in rows and empty not in rows


def test_the_partial_lists_them_and_links_to_the_member_admin():
    it = DepartmentFactory(name="IT")
    MemberFactory(department=it)
    MemberFactory(department=it)
    with translation.override("nl"):
        html = render_to_string(
            "challenges/_unassigned_departments.html", {"unassigned_departments": unassigned_departments()}
        )
    assert 'class="card"' in html
    assert "Afdelingen zonder Social Editor" in html
    assert "IT · 2 leden" in html
    assert 'href="/admin/users/"' in html


def test_the_partial_renders_nothing_when_every_department_has_an_editor(editor):
    html = render_to_string(
        "challenges/_unassigned_departments.html", {"unassigned_departments": unassigned_departments()}
    )
    assert html.strip() == ""
    assert render_to_string("challenges/_unassigned_departments.html", {}).strip() == ""
