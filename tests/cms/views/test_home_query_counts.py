"""The member's home per role costs a bounded number of queries, the same with more rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms import selectors
from events.models import Registration
from people.models import Role
from people.roles import ensure_role_groups
from tests.challenges.factories import ChallengeFactory, StoryFactory
from tests.events.factories import RegistrationFactory, SessionFactory
from tests.factories import DepartmentFactory, MemberFactory, home_page, make_course

pytestmark = pytest.mark.django_db


def add_rows(department):
    for _n in range(4):
        StoryFactory(approved=True, department=department)
        StoryFactory(department=department)
        ChallengeFactory()
        ChallengeFactory(draft=True)
        RegistrationFactory(session=SessionFactory(capacity=1))
        RegistrationFactory(session=SessionFactory(capacity=1), status=Registration.Status.WAITLISTED)


@pytest.fixture(scope="module")
def department(shared_rows):
    """A department with the first round of rows (a course, stories, challenges, sessions
    and registrations), built once for the module's tests."""
    with shared_rows():
        ensure_role_groups()
        home_page()
        department = DepartmentFactory()
        make_course("Basics", lessons=3)
        add_rows(department)
        return department


@pytest.mark.parametrize("role", ["ambassador", "editor", "master", "hr"])
def test_the_home_costs_the_same_with_more_rows(role, department, django_assert_max_num_queries):
    fields = {
        "ambassador": {"role": Role.AMBASSADOR},
        "editor": {"role": Role.EDITOR},
        "master": {"role": Role.MASTER},
        "hr": {"role": Role.AMBASSADOR, "is_hr": True},
    }[role]
    member = MemberFactory(department=department, **fields)

    def count():
        with CaptureQueriesContext(connection) as queries:
            selectors.member_home(member=member, language="en")
        return len(queries)

    some = count()
    add_rows(department)
    assert count() <= some
    # 41 for HR: report figures read whole weeks from the weekly rollup and the edge days
    # from the rows (two queries for a count instead of one), constant with more rows; one more
    # for the community's activity in the participation figures.
    with django_assert_max_num_queries(43):
        selectors.member_home(member=member, language="en")
