"""A member plays a SCORM 1.2 package in a lesson in a real browser, on a phone: the package
finds window.API on its parent, sets cmi.core.lesson_status to completed, commits and
finishes; the lesson and the course are completed, once."""

import pytest

from learning.models import CourseCompletion, LessonCompletion, PackageAttempt
from tests.browser.test_learning_journey import log_in
from tests.courses.package_zips import attach, make_package, scorm12, scorm2004
from tests.factories import MemberFactory, course_index, lessons_of, make_course

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "scorm@example.com"


def test_a_scorm_12_package_completes_its_lesson(live_server, new_context, artifacts):
    course_index()
    course = make_course(title="LinkedIn in 10 minuten", lessons=1)
    lesson = attach(lessons_of(course)[0], make_package(scorm12(status="completed", raw="90")))
    member = MemberFactory(email=EMAIL, language="nl")
    context = new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    log_in(page, live_server.url, email=EMAIL)
    page.goto(live_server.url + lesson.url)
    frame = page.frame_locator("[data-testid=package-frame]")
    assert frame.locator("#state").text_content() in ("ready", "loading")
    frame.locator("#state").filter(has_text="ready").wait_for()
    with page.expect_response(lambda r: r.url.endswith("/package/runtime/") and r.status == 200):
        frame.locator("#finish").click()
    page.get_by_test_id("package-status").filter(has_text="Voortgang opgeslagen").wait_for()
    page.screenshot(path=str(artifacts / "scorm-package-phone.png"), full_page=True)
    assert LessonCompletion.objects.filter(member=member).count() == 1
    assert CourseCompletion.objects.filter(member=member).count() == 1
    attempt = PackageAttempt.objects.get(member=member)
    assert (attempt.completion, attempt.score_raw) == ("completed", 90)
    assert not [e for e in errors if "Content Security Policy" in e], errors
    page.reload()
    assert page.get_by_test_id("lesson-done").is_visible()


def test_a_scorm_2004_package_completes_its_lesson(live_server, new_context):
    course_index()
    course = make_course(title="Posten met impact", lessons=1)
    lesson = attach(lessons_of(course)[0], make_package(scorm2004()))
    member = MemberFactory(email=EMAIL, language="nl")
    page = new_context().new_page()
    log_in(page, live_server.url, email=EMAIL)
    # The 2004 page initialises, sets completion, success and score, and terminates on load.
    with page.expect_response(lambda r: r.url.endswith("/package/runtime/") and r.status == 200):
        page.goto(live_server.url + lesson.url)
    page.get_by_test_id("package-status").filter(has_text="Voortgang opgeslagen").wait_for()
    attempt = PackageAttempt.objects.get(member=member)
    assert (attempt.completion, attempt.success, attempt.score_scaled) == ("completed", "passed", 0.9)
    assert LessonCompletion.objects.filter(member=member).count() == 1
