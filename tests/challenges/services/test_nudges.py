"""A manager is nudged once when someone in their team shares; never for their own share."""

import pytest

from challenges.models import ManagerNudge
from challenges.services import nudges, share_story
from people.models import Notification
from tests.challenges.factories import ShareLinkFactory, StoryFactory
from tests.factories import DepartmentFactory, MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    department = DepartmentFactory()
    manager = MemberFactory(department=department, manager_of=department)
    colleague = MemberFactory(department=department)
    return department, manager, colleague


def test_sharing_on_two_networks_nudges_the_manager_once(team, django_capture_on_commit_callbacks):
    _department, manager, colleague = team
    story = StoryFactory(approved=True)
    with django_capture_on_commit_callbacks(execute=True):
        share_story(member=colleague, story=story, network="linkedin")
    with django_capture_on_commit_callbacks(execute=True):
        share_story(member=colleague, story=story, network="x")
    assert ManagerNudge.objects.filter(manager=manager).count() == 1
    assert Notification.objects.filter(member=manager, kind="manager_nudge").count() == 1


def test_a_retried_task_nudges_once(team):
    _department, manager, colleague = team
    link = ShareLinkFactory(member=colleague)
    assert nudges.nudge_managers(link_id=link.pk) == 1
    assert nudges.nudge_managers(link_id=link.pk) == 0
    assert Notification.objects.filter(member=manager, kind="manager_nudge").count() == 1


def test_no_nudge_for_the_managers_own_share_or_another_department(team):
    _department, manager, _colleague = team
    assert nudges.nudge_managers(link_id=ShareLinkFactory(member=manager).pk) == 0
    assert nudges.nudge_managers(link_id=ShareLinkFactory(member=MemberFactory()).pk) == 0
    assert not ManagerNudge.objects.exists()
