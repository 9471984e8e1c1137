"""SCORM packages as lessons: the files go only to members who may see the lesson; what the
package reports through the runtime endpoint completes the lesson through the same services
as every other lesson (points once, the course at once); a failure is recorded."""

import json

import pytest

from courses.models import Audience, roles_value
from gamification.models import PointsEntry
from learning.models import CourseCompletion, LessonCompletion, PackageAttempt
from people.models import Role
from tests.courses.package_zips import attach, make_package, scorm12, scorm2004
from tests.factories import MemberFactory, lessons_of, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def scorm_lesson():
    course = make_course(lessons=1)
    return attach(lessons_of(course)[0], make_package(scorm12()))


def report(client, lesson, values):
    return client.post(
        f"/learn/lessons/{lesson.pk}/package/runtime/", json.dumps({"values": values}), content_type="application/json"
    )


def test_a_scorm_12_completion_completes_the_lesson_and_course_once(client, member, scorm_lesson):
    client.force_login(member)
    values = {"cmi.core.lesson_status": "completed", "cmi.core.score.raw": "80", "cmi.core.score.max": "100"}
    first = report(client, scorm_lesson, values)
    assert first.status_code == 200, first.content
    assert first.json()["completed"] and first.json()["course_completed"]
    assert report(client, scorm_lesson, values).status_code == 200  # the package commits again
    assert LessonCompletion.objects.filter(member=member).count() == 1
    assert CourseCompletion.objects.filter(member=member).count() == 1
    assert PointsEntry.objects.filter(member=member, action="lesson_completed").count() == 1
    attempt = PackageAttempt.objects.get(member=member)
    assert (attempt.completion, attempt.score_raw, attempt.score_scaled) == ("completed", 80, 0.8)


def test_a_failing_score_is_recorded_and_completes_nothing(client, member, scorm_lesson):
    client.force_login(member)
    response = report(client, scorm_lesson, {"cmi.core.lesson_status": "failed", "cmi.core.score.raw": "40"})
    assert response.status_code == 200 and response.json() == {
        "completed": False,
        "course_completed": False,
        "completion": "failed",
        "success": "failed",
        "score": None,
    }
    attempt = PackageAttempt.objects.get(member=member)
    assert attempt.success == "failed" and attempt.score_raw == 40
    assert not LessonCompletion.objects.filter(member=member).exists()
    # a second try that passes completes it
    assert report(client, scorm_lesson, {"cmi.core.lesson_status": "passed"}).json()["completed"]


@pytest.mark.parametrize(
    ("completion", "success", "completes"),
    [("completed", "passed", True), ("completed", "unknown", True), ("incomplete", "passed", True),
     ("completed", "failed", False), ("incomplete", "unknown", False)],
)  # fmt: skip
def test_scorm_2004_completion_and_success(client, member, completion, success, completes):
    lesson = attach(lessons_of(make_course(lessons=1))[0], make_package(scorm2004()))
    client.force_login(member)
    values = {"cmi.completion_status": completion, "cmi.success_status": success, "cmi.score.scaled": "0.9"}
    response = report(client, lesson, values)
    assert response.json()["completed"] is completes
    assert LessonCompletion.objects.filter(member=member).exists() is completes
    assert PackageAttempt.objects.get(member=member).score_scaled == 0.9


def test_values_that_are_not_cmi_texts_are_refused(client, member, scorm_lesson):
    client.force_login(member)
    for values in ({"evil": "x"}, ["cmi.core.lesson_status"], {"cmi.suspend_data": "x" * 70000}):
        response = report(client, scorm_lesson, values)
        assert response.status_code == 400 and response.json()["code"] == "invalid_package_values"
    response = client.post(
        f"/learn/lessons/{scorm_lesson.pk}/package/runtime/", "{nope", content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["code"] == "invalid_json"
    assert not PackageAttempt.objects.exists()


def test_a_lesson_without_a_package_has_no_runtime(client, member):
    client.force_login(member)
    lesson = lessons_of(make_course(lessons=1))[0]
    response = report(client, lesson, {"cmi.core.lesson_status": "completed"})
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_the_package_files_go_only_to_members_who_may_see_the_lesson(client, member, scorm_lesson):
    url = f"/learn/lessons/{scorm_lesson.pk}/package/files/index.html"
    assert client.get(url).status_code == 302  # visitors log in first
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200 and b"LMSInitialize" in b"".join(response.streaming_content)
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert client.get(f"/learn/lessons/{scorm_lesson.pk}/package/files/../imsmanifest.xml").status_code == 404
    assert client.get(f"/learn/lessons/{scorm_lesson.pk}/package/files/missing.html").status_code == 404
    course = scorm_lesson.get_parent().specific
    course.audience = Audience.ROLES
    course.audience_roles = roles_value([Role.MASTER])
    course.save_revision().publish()
    outsider = MemberFactory()
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert report(client, scorm_lesson, {"cmi.core.lesson_status": "completed"}).status_code == 404


def test_a_locked_course_keeps_its_package_closed(client, member):
    first = make_course(lessons=1)
    locked = make_course(lessons=1, prerequisites=[first])
    lesson = attach(lessons_of(locked)[0], make_package(scorm12()))
    client.force_login(member)
    assert client.get(f"/learn/lessons/{lesson.pk}/package/files/index.html").status_code == 403
    response = report(client, lesson, {"cmi.core.lesson_status": "completed"})
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"


def test_the_lesson_page_plays_the_package(client, member, scorm_lesson, django_assert_max_num_queries):
    client.force_login(member)
    client.get(scorm_lesson.url)
    with django_assert_max_num_queries(40):
        response = client.get(scorm_lesson.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'data-src="/learn/lessons/{scorm_lesson.pk}/package/files/index.html"' in html
    assert "learning/scorm-runtime" in html and 'id="package-state"' in html
