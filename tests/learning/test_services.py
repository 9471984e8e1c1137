import pytest
from django.utils import translation
from wagtail.models import Locale

from courses.models import LessonPage
from learning import services
from learning.models import CourseCompletion, Enrolment, LessonCompletion, PathCompletion, QuizAttempt
from people.models import Notification, Role
from tests.factories import correct_answers, lessons_of, make_course, make_path, wrong_answers

pytestmark = pytest.mark.django_db


def complete_all(member, course):
    result = None
    for lesson in lessons_of(course):
        if lesson.has_quiz:
            result = services.submit_quiz(member=member, lesson=lesson, answers=correct_answers(lesson)).lesson
        elif lesson.has_content:
            result = services.complete_lesson(member=member, lesson=lesson)
    return result


def test_completing_a_lesson_twice_changes_nothing(member):
    course = make_course(lessons=2)
    lesson = lessons_of(course)[0]
    first = services.complete_lesson(member=member, lesson=lesson)
    second = services.complete_lesson(member=member, lesson=lesson)
    assert first.newly_completed and not second.newly_completed
    assert LessonCompletion.objects.filter(member=member).count() == 1
    assert Enrolment.objects.filter(member=member, course_key=course.translation_key).count() == 1
    assert CourseCompletion.objects.count() == 0


def test_last_lesson_completes_the_course_at_once_with_a_certificate(member):
    course = make_course(lessons=2)
    first, last = lessons_of(course)
    services.complete_lesson(member=member, lesson=first)
    result = services.complete_lesson(member=member, lesson=last)
    assert result.course_newly_completed
    completion = CourseCompletion.objects.get(member=member)
    assert completion.course_key == course.translation_key
    assert completion.course_title == course.title
    assert len(completion.certificate_code) >= 10
    assert Notification.objects.filter(member=member, kind="course_completed").count() == 1
    # Completing again never issues a second certificate or notification.
    again = services.complete_lesson(member=member, lesson=last)
    assert not again.course_newly_completed
    assert CourseCompletion.objects.count() == 1
    assert Notification.objects.filter(member=member, kind="course_completed").count() == 1


def test_an_empty_lesson_never_blocks_the_course(member):
    course = make_course(lessons=3, empty=[1])
    lessons = lessons_of(course)
    services.complete_lesson(member=member, lesson=lessons[0])
    result = services.complete_lesson(member=member, lesson=lessons[2])
    assert result.course_newly_completed


def test_a_quiz_lesson_is_completed_by_passing_its_quiz(member):
    course = make_course(lessons=1, quiz_on=[0])
    lesson = lessons_of(course)[0]
    with pytest.raises(services.QuizNotPassed) as excinfo:
        services.complete_lesson(member=member, lesson=lesson)
    assert excinfo.value.status_code == 409
    failed = services.submit_quiz(member=member, lesson=lesson, answers=wrong_answers(lesson))
    assert not failed.attempt.passed and failed.lesson is None
    assert failed.attempt.score == 0 and failed.attempt.max_score == 3
    passed = services.submit_quiz(member=member, lesson=lesson, answers=correct_answers(lesson))
    assert passed.attempt.passed and passed.attempt.score == 3
    assert passed.lesson.course_newly_completed
    # Once passed, "mark as done" is allowed and changes nothing.
    assert not services.complete_lesson(member=member, lesson=lesson).newly_completed


def test_quiz_feedback_hides_correct_answers_until_passed(member):
    lesson = lessons_of(make_course(lessons=1, quiz_on=[0]))[0]
    failed = services.submit_quiz(member=member, lesson=lesson, answers=wrong_answers(lesson)).attempt
    assert all("correct_choices" not in item for item in failed.feedback)
    assert all(item["explanations"] for item in failed.feedback)
    passed = services.submit_quiz(member=member, lesson=lesson, answers=correct_answers(lesson)).attempt
    assert all("correct_choices" in item for item in passed.feedback)


def test_multiple_choice_needs_exactly_the_correct_set(member):
    lesson = lessons_of(make_course(lessons=1, quiz_on=[0]))[0]
    answers = correct_answers(lesson)
    multiple = next(q for q in lesson.quiz["questions"].bound_blocks if q.value["kind"] == "multiple")
    answers[multiple.id] = answers[multiple.id][:1]  # one of the two right answers only
    attempt = services.submit_quiz(member=member, lesson=lesson, answers=answers).attempt
    assert attempt.score == 2  # 2 of 3 = 67% < 70%
    assert not attempt.passed


@pytest.mark.parametrize(
    "mangle",
    [
        lambda a, q: "not a dict",
        lambda a, q: {**a, "no-such-question": ["x"]},
        lambda a, q: dict(list(a.items())[1:]),
        lambda a, q: {**a, q: ["no-such-choice"]},
        lambda a, q: {**a, q: [1, 2]},
        lambda a, q: {**a, q: []},
    ],
)
def test_malformed_answers_are_refused_and_store_nothing(member, mangle):
    lesson = lessons_of(make_course(lessons=1, quiz_on=[0]))[0]
    answers = correct_answers(lesson)
    first_question = next(iter(answers))
    with pytest.raises(services.InvalidAnswers):
        services.submit_quiz(member=member, lesson=lesson, answers=mangle(answers, first_question))
    assert QuizAttempt.objects.count() == 0


def test_two_answers_to_a_single_choice_question_are_refused(member):
    lesson = lessons_of(make_course(lessons=1, quiz_on=[0]))[0]
    single = next(q for q in lesson.quiz["questions"].bound_blocks if q.value["kind"] == "single")
    answers = correct_answers(lesson)
    answers[single.id] = [c.id for c in single.value["choices"].bound_blocks]
    with pytest.raises(services.InvalidAnswers):
        services.submit_quiz(member=member, lesson=lesson, answers=answers)


def test_the_same_client_token_records_one_attempt(member):
    lesson = lessons_of(make_course(lessons=1, quiz_on=[0]))[0]
    first = services.submit_quiz(member=member, lesson=lesson, answers=wrong_answers(lesson), client_token="abc")
    second = services.submit_quiz(member=member, lesson=lesson, answers=correct_answers(lesson), client_token="abc")
    assert second.attempt.pk == first.attempt.pk
    assert QuizAttempt.objects.count() == 1


def test_prerequisites_lock_a_course_with_the_reason(member):
    basics = make_course("Basics", lessons=1)
    advanced = make_course("Advanced", lessons=1, prerequisites=[basics])
    lesson = lessons_of(advanced)[0]
    with pytest.raises(services.Locked) as excinfo:
        services.complete_lesson(member=member, lesson=lesson)
    assert "Basics" in str(excinfo.value) and excinfo.value.status_code == 403
    with pytest.raises(services.Locked):
        services.enrol(member=member, course=advanced)
    complete_all(member, basics)
    assert services.complete_lesson(member=member, lesson=lesson).course_newly_completed


def test_finishing_the_path_promotes_an_ambassador_once(member):
    first, second = make_course("One", lessons=1), make_course("Two", lessons=1, quiz_on=[0])
    make_path([first, second], target_role=Role.CREATOR)
    complete_all(member, first)
    member.refresh_from_db()
    assert member.role == Role.AMBASSADOR
    result = complete_all(member, second)
    member.refresh_from_db()
    assert result.promoted_to == Role.CREATOR
    assert member.role == Role.CREATOR and member.role_changed_at is not None
    assert PathCompletion.objects.filter(member=member).count() == 1
    assert Notification.objects.filter(member=member, kind="role_promoted").count() == 1
    assert Notification.objects.filter(member=member, kind="path_completed").count() == 1


def test_promotion_never_demotes(make_member):
    editor = make_member(role=Role.EDITOR)
    course = make_course(lessons=1)
    make_path([course], target_role=Role.CREATOR)
    complete_all(editor, course)
    editor.refresh_from_db()
    assert editor.role == Role.EDITOR
    assert PathCompletion.objects.filter(member=editor).exists()
    assert not Notification.objects.filter(member=editor, kind="role_promoted").exists()


def test_progress_is_shared_between_translations(member):
    course = make_course(lessons=2)
    en = Locale.objects.get_or_create(language_code="en")[0]
    nl = Locale.get_default()
    assert course.locale == nl
    course_index = course.get_parent()
    course_index.get_parent().copy_for_translation(en)
    course_index.copy_for_translation(en)
    course_en = course.copy_for_translation(en)
    course_en.save_revision().publish()
    lessons_en = []
    for lesson in lessons_of(course):
        copy = lesson.copy_for_translation(en)
        copy.save_revision().publish()
        lessons_en.append(LessonPage.objects.get(pk=copy.pk))
    # Half in English, half in Dutch: still one course, completed once.
    services.complete_lesson(member=member, lesson=lessons_en[0])
    result = services.complete_lesson(member=member, lesson=lessons_of(course)[1])
    assert result.course_newly_completed
    assert CourseCompletion.objects.get().course_key == course.translation_key == course_en.translation_key


def test_removing_the_last_open_lesson_completes_the_course_on_the_next_visit(member):
    course = make_course(lessons=2)
    first, second = lessons_of(course)
    services.complete_lesson(member=member, lesson=first)
    second.unpublish()
    assert services.sync_course_completion(member=member, course=course) is not None
    assert services.sync_course_completion(member=member, course=course) is not None
    assert CourseCompletion.objects.count() == 1


def test_notifications_are_in_the_members_language(make_member):
    dutch = make_member(language="nl")
    course = make_course(lessons=1)
    complete_all(dutch, course)
    notification = Notification.objects.get(member=dutch, kind="course_completed")
    with translation.override("nl"):
        expected = translation.gettext("Course completed: %(course)s") % {"course": course.title}
    assert notification.title == expected


def test_a_lesson_without_a_quiz_has_no_quiz_to_submit(member):
    lesson = lessons_of(make_course(lessons=1))[0]
    with pytest.raises(services.NoQuiz) as excinfo:
        services.submit_quiz(member=member, lesson=lesson, answers={})
    assert excinfo.value.status_code == 404


def test_enrolling_twice_is_one_enrolment(member):
    course = make_course(lessons=1)
    assert services.enrol(member=member, course=course) == services.enrol(member=member, course=course)
    assert Enrolment.objects.filter(member=member).count() == 1
