"""A course's audience decides who sees it at all: lists, dashboard, API and direct URLs.
Unpublished courses (and the lessons under them) are invisible to learners."""

import pytest

from courses.models import Audience, CoursePage, roles_value
from learning import selectors
from people.models import Role
from tests.factories import DepartmentFactory, LocationFactory, MemberFactory, course_index, lessons_of, make_course

pytestmark = pytest.mark.django_db


def restrict(course, audience, *, departments=(), locations=(), roles=()):
    course = CoursePage.objects.get(pk=course.pk)
    course.audience = audience
    course.audience_departments.set(list(departments))
    course.audience_locations.set(list(locations))
    course.audience_roles = roles_value(roles)
    course.save_revision().publish()
    return CoursePage.objects.get(pk=course.pk)


@pytest.fixture
def sales():
    return DepartmentFactory(name="Sales")


@pytest.fixture
def utrecht():
    return LocationFactory(name="Utrecht")


def audiences(sales, utrecht):
    """(audience kwargs, a member inside, a member outside) per audience kind."""
    return {
        "departments": (
            {"audience": Audience.DEPARTMENTS, "departments": [sales]},
            MemberFactory(department=sales),
            MemberFactory(),
        ),
        "locations": (
            {"audience": Audience.LOCATIONS, "locations": [utrecht]},
            MemberFactory(location=utrecht),
            MemberFactory(),
        ),
        "roles": (
            {"audience": Audience.ROLES, "roles": [Role.CREATOR, Role.EDITOR]},
            MemberFactory(role=Role.CREATOR),
            MemberFactory(role=Role.AMBASSADOR),
        ),
        "pilot": ({"audience": Audience.PILOT}, MemberFactory(in_pilot=True), MemberFactory(in_pilot=False)),
    }


def listed(client, member_course):
    keys = [c["id"] for c in client.get("/api/v1/courses/").json()]
    return member_course.pk in keys


@pytest.mark.parametrize("kind", ["departments", "locations", "roles", "pilot"])
def test_audience_kind_decides_who_sees_the_course(kind, sales, utrecht, client_for, api_for):
    make_course("For everyone", lessons=1)
    restricted = make_course("Restricted", lessons=1)
    options, inside, outside = audiences(sales, utrecht)[kind]
    audience = options.pop("audience")
    restricted = restrict(restricted, audience, **options)
    lesson = lessons_of(restricted)[0]

    for member, sees in ((inside, True), (outside, False)):
        titles = [p.course.title for p in selectors.learning_overview(member=member, language="en").courses]
        assert ("Restricted" in titles) is sees, (kind, member)
        assert "For everyone" in titles
        api = api_for(member)
        assert listed(api, restricted) is sees
        assert api.get(f"/api/v1/courses/{restricted.pk}/").status_code == (200 if sees else 404)
        assert api.post(f"/api/v1/lessons/{lesson.pk}/complete/").status_code == (200 if sees else 404)
        client = client_for(member)
        assert client.get(restricted.url).status_code == (200 if sees else 404)
        assert client.get(lesson.url).status_code == (200 if sees else 404)
        dashboard = client.get("/learn/").content.decode()
        assert ("Restricted" in dashboard) is sees
        assert "For everyone" in dashboard


def test_masters_see_every_course(sales, api_for):
    restricted = restrict(make_course("Sales only", lessons=1), Audience.DEPARTMENTS, departments=[sales])
    master = MemberFactory(role=Role.MASTER)
    assert listed(api_for(master), restricted)


def test_audience_needs_a_choice(sales):
    course = CoursePage.objects.get(pk=make_course("Empty audience", lessons=1).pk)
    course.audience = Audience.DEPARTMENTS
    with pytest.raises(Exception) as error:
        course.full_clean()
    assert "audience_departments" in error.value.message_dict


def test_visible_courses_filters_in_sql(sales, django_assert_num_queries):
    restrict(make_course("Sales only", lessons=1), Audience.DEPARTMENTS, departments=[sales])
    make_course("Open", lessons=1)
    member, other = MemberFactory(department=sales), MemberFactory()
    with django_assert_num_queries(1):
        titles = sorted(c.title for c in selectors.visible_courses(member=member))
    assert titles == ["Open", "Sales only"]
    with django_assert_num_queries(1):
        assert [c.title for c in selectors.visible_courses(member=other)] == ["Open"]


def test_unpublished_course_and_its_lessons_are_invisible(api_for, client_for):
    course_index()
    course = make_course("Withdrawn", lessons=1)
    lesson = lessons_of(course)[0]
    CoursePage.objects.get(pk=course.pk).unpublish()
    member = MemberFactory()
    api = api_for(member)
    assert not listed(api, course)
    assert api.get(f"/api/v1/courses/{course.pk}/").status_code == 404
    # The lesson itself is still live, its course is not.
    assert api.get(f"/api/v1/lessons/{lesson.pk}/quiz/").status_code == 404
    assert api.post(f"/api/v1/lessons/{lesson.pk}/complete/").status_code == 404
    assert all(c["id"] != course.pk for c in api.get("/api/v1/me/progress/").json()["courses"])
    client = client_for(member)
    assert client.get(lesson.url).status_code == 404
    assert client.post(f"/learn/lessons/{lesson.pk}/complete/").status_code == 404
    assert "Withdrawn" not in client.get("/learn/").content.decode()
