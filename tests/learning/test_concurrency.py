"""Simultaneous requests on PostgreSQL: the same lesson twice, the last two lessons at once,
the same quiz twice. Each must complete, certify and promote exactly once."""

import pytest

from learning import services
from learning.models import CourseCompletion, LessonCompletion, PathCompletion, QuizAttempt
from people.models import Member, Notification, Role
from tests.concurrency import run_at_once
from tests.factories import MemberFactory, correct_answers, lessons_of, make_course, make_path

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


def test_the_same_lesson_completed_by_ten_requests_at_once(require_postgres):
    member = MemberFactory()
    lesson = lessons_of(make_course(lessons=2))[0]
    errors = run_at_once([lambda: services.complete_lesson(member=member, lesson=lesson)] * 10)
    assert errors == []
    assert LessonCompletion.objects.filter(member=member).count() == 1


def test_the_last_two_lessons_at_once_complete_course_path_and_promotion_once(require_postgres):
    member = MemberFactory(role=Role.AMBASSADOR)
    course = make_course(lessons=2)
    make_path([course], target_role=Role.CREATOR)
    first, second = lessons_of(course)
    errors = run_at_once(
        [lambda: services.complete_lesson(member=member, lesson=first)] * 3
        + [lambda: services.complete_lesson(member=member, lesson=second)] * 3
    )
    assert errors == []
    assert CourseCompletion.objects.filter(member=member).count() == 1
    assert PathCompletion.objects.filter(member=member).count() == 1
    assert Member.objects.get(pk=member.pk).role == Role.CREATOR
    assert Notification.objects.filter(member=member, kind="role_promoted").count() == 1
    assert Notification.objects.filter(member=member, kind="course_completed").count() == 1


def test_a_double_submitted_quiz_is_recorded_once(require_postgres):
    member = MemberFactory()
    lesson = lessons_of(make_course(lessons=1, quiz_on=[0]))[0]
    answers = correct_answers(lesson)
    errors = run_at_once(
        [lambda: services.submit_quiz(member=member, lesson=lesson, answers=answers, client_token="same")] * 6
    )
    assert errors == []
    assert QuizAttempt.objects.filter(member=member).count() == 1
    assert LessonCompletion.objects.filter(member=member).count() == 1
    assert CourseCompletion.objects.filter(member=member).count() == 1
