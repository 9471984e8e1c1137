"""An ambassador who reads the site in Dutch follows a learning path to the end in a real
browser: log in, dashboard, lesson, quiz (failed, then passed), certificate, promotion."""

import re

import pytest
from django.utils import translation

from people.models import Member, Role
from tests.factories import (
    PASSWORD,
    MemberFactory,
    correct_answers,
    course_index,
    lessons_of,
    make_course,
    make_path,
    wrong_answers,
)

# Transactional: the live server runs in another thread.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "amb@example.com"


@pytest.fixture
def journey_data():
    course_index()
    course = make_course(title="LinkedIn", lessons=2, quiz_on=[1])
    make_path([course], title="Van ambassador naar creator", target_role=Role.CREATOR)
    member = MemberFactory(email=EMAIL, language="nl", display_name="Anna Ambassadeur")
    return course, member


def log_in(page, base_url, email=EMAIL, password=PASSWORD):
    page.goto(base_url + "/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("form:has(#id_password) button[type=submit]").click()


def answer_quiz(page, answers):
    quiz = page.get_by_test_id("quiz")
    # The form keeps the previous attempt's answers: untick them first, as a learner would.
    boxes = quiz.locator("input[type=checkbox]")
    for i in range(boxes.count()):
        boxes.nth(i).uncheck()
    for choice_ids in answers.values():
        for choice_id in choice_ids:
            quiz.locator(f'input[value="{choice_id}"]').check()
    with page.expect_navigation():
        quiz.get_by_test_id("submit-quiz").click()


def test_dutch_ambassador_completes_path_and_becomes_creator(live_server, new_context, artifacts, journey_data):
    course, member = journey_data
    first, second = lessons_of(course)
    base = live_server.url
    # The browser asks for English: the member's own language (nl) must win once signed in.
    page = new_context(locale="en-US", viewport={"width": 1280, "height": 900}).new_page()

    log_in(page, base)
    assert page.url == base + "/"  # the member's home
    page.goto(base + "/learn/")
    assert page.locator("html").get_attribute("lang") == "nl"
    card = page.get_by_test_id(f"course-{course.slug}").first
    assert card.is_visible()

    with page.expect_navigation():
        card.locator("a.button.primary").click()
    assert page.url.endswith(f"/{first.slug}/"), page.url
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_test_id("quiz").count() == 0

    with page.expect_navigation():
        page.get_by_test_id("mark-done").click()
    # Redirected to the next lesson, the one with the quiz.
    assert f"/{second.slug}/" in page.url
    assert page.get_by_test_id("quiz").is_visible()

    answer_quiz(page, wrong_answers(second))
    result = page.get_by_test_id("quiz-result")
    assert "failed" in (result.get_attribute("class") or "")
    assert "passed" not in (result.get_attribute("class") or "").split()
    assert re.search(r"\b0\b", result.inner_text()), result.inner_text()
    feedback = page.get_by_test_id("quiz-feedback")
    assert feedback.is_visible()
    assert feedback.locator("li.wrong").count() == 3
    # The wrong answers stay selected next to their feedback.
    for choice_ids in wrong_answers(second).values():
        for choice_id in choice_ids:
            assert page.get_by_test_id("quiz").locator(f'input[value="{choice_id}"]').is_checked()
    assert page.get_by_test_id("mark-done").count() == 0
    page.screenshot(path=str(artifacts / "lesson_quiz_feedback_nl.png"), full_page=True)
    member.refresh_from_db()
    assert member.role == Role.AMBASSADOR

    answer_quiz(page, correct_answers(second))
    # Passing the last lesson completes the course: straight to the certificate.
    assert re.search(r"/certificates/[^/]+/$", page.url), page.url
    certificate = page.get_by_test_id("certificate")
    assert certificate.is_visible()
    assert page.locator("html").get_attribute("lang") == "nl"
    code = certificate.locator("code").inner_text().strip()
    assert code
    assert page.url == f"{base}/certificates/{code}/"
    assert "LinkedIn" in certificate.inner_text()
    assert "Anna Ambassadeur" in certificate.inner_text()
    page.screenshot(path=str(artifacts / "certificate_nl.png"), full_page=True)

    assert Member.objects.get(email=EMAIL).role == Role.CREATOR

    page.goto(base + "/profile/")
    with translation.override("nl"):
        creator_label = str(Role.CREATOR.label)
    assert creator_label in page.get_by_test_id("role").inner_text()

    # Anyone can verify the certificate: a fresh context without the session cookie.
    public = new_context(locale="nl-NL").new_page()
    response = public.goto(f"{base}/certificates/{code}/")
    assert response is not None and response.status == 200
    assert public.get_by_test_id("certificate").is_visible()
    assert code in public.get_by_test_id("certificate").inner_text()
    assert "/login/" not in public.url
    # Really anonymous: the header offers to log in.
    assert public.locator('header a[href="/login/"]').count() == 1


def test_dashboard_fits_a_phone_screen(live_server, new_context, artifacts, journey_data):
    page = new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True).new_page()
    log_in(page, live_server.url)
    assert page.url == live_server.url + "/"  # the member's home
    page.goto(live_server.url + "/learn/")
    assert page.get_by_test_id("path").is_visible()
    page.screenshot(path=str(artifacts / "dashboard_phone_nl.png"), full_page=True)
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), widths
