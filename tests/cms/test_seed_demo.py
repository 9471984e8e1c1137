import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import override_settings

from courses.models import CoursePage, LearningPath, LessonPage
from gamification.models import BadgeClass, PointsEntry, PrizePeriod
from learning.models import LessonCompletion
from people.models import Department, Member, Role

pytestmark = pytest.mark.django_db


def counts():
    return (
        Member.objects.count(),
        CoursePage.objects.count(),
        LessonPage.objects.count(),
        LearningPath.objects.count(),
        LessonCompletion.objects.count(),
        PointsEntry.objects.count(),
        BadgeClass.objects.count(),
        PrizePeriod.objects.count(),
    )


def test_seed_demo_builds_the_demo_organisation_once(demo):
    """``demo`` is the run's one seeding (tests/conftest.py); a second run adds nothing."""
    first = counts()
    with override_settings(DEBUG=True):
        call_command("seed_demo", verbosity=0)
    assert counts() == first

    assert Department.objects.count() >= 4
    assert Member.objects.count() >= 50
    assert set(Member.objects.values_list("role", flat=True)) == set(Role.values)
    for email in ["master", "editor", "creator", "ambassador", "hr"]:
        assert authenticate(email=f"{email}@example.com", password="socialshift") is not None
    assert Member.objects.get(email="hr@example.com").is_hr
    # The demo speaks Dutch: every named account, the Ambassador too; one English member.
    for email in ["master", "editor", "creator", "ambassador", "activator", "hr"]:
        assert Member.objects.get(email=f"{email}@example.com").language == "nl", email
    english = Member.objects.get(email="english@example.com")
    assert english.language == "en" and english.role == Role.AMBASSADOR

    for language in ("nl", "en"):
        path = LearningPath.objects.get(locale__language_code=language)
        assert path.target_role == Role.CREATOR
        courses = [pc.course for pc in path.path_courses.all()]
        assert len(courses) >= 3
        lessons = LessonPage.objects.filter(locale__language_code=language)
        assert lessons.count() >= 8 and all(lesson.has_quiz for lesson in lessons)
    assert LessonCompletion.objects.values("member").distinct().count() >= 5  # some part-way
    assert PrizePeriod.objects.get().status == "open"


def test_seed_demo_refuses_to_run_without_debug():
    before = counts()  # the demo may be here: the module's other test asks for it
    with override_settings(DEBUG=False), pytest.raises(CommandError):
        call_command("seed_demo", verbosity=0)
    assert counts() == before
