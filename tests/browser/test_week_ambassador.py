"""An Ambassador's week on a phone (390×844), in Dutch, on the demo organisation, through
the menu only: the home, a story shared from "Deel dit" (points for it), a lesson and its
quiz (answered, feedback shown), a place at a session, and themselves on the leaderboard."""

import re

import pytest

from gamification.models import PointsEntry
from people.models import Member
from tests.browser.week import PHONE, Week, log_in, seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "ambassador@example.com"


def test_an_ambassadors_week_on_a_phone(live_server, new_context, artifacts, assert_accessible, settings):
    seed_demo()
    settings.BASE_URL = live_server.url
    # The demo gives this account English by chance (seed_demo's 15% rule): Dutch here.
    Member.objects.filter(email=EMAIL).update(language="nl")
    me = Member.objects.get(email=EMAIL)
    base = live_server.url
    week = Week("ambassador", artifacts, assert_accessible)
    context = new_context(**PHONE)
    page = context.new_page()

    # Monday: the home says what to do now.
    log_in(page, base, EMAIL)
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_role("button", name="Menu").is_visible()
    assert page.get_by_test_id("home-share").is_visible()
    week.step(page, "home")

    # Share a colleague's story from "Deel dit": LinkedIn opens in a new tab (not reachable
    # from here: read where the share redirects) and the share earns points.
    week.go(page, "share")
    assert page.locator("h1").inner_text() == "Deel dit"
    week.step(page, "deel-dit")
    before = PointsEntry.objects.filter(member=me).count()
    # The first network not yet used for a story in the feed (the demo shared some).
    button = page.locator("[data-testid=suggestion] button[data-testid^=share-]", has_not_text="✓").first
    assert button.count(), "every story in the feed was already shared on every network"
    with context.expect_event("response", lambda r: "/share/" in r.url and r.status == 302) as info:
        button.click()
    assert info.value.headers["location"].startswith("http"), info.value.headers
    assert PointsEntry.objects.filter(member=me).count() == before + 1
    for extra in context.pages[1:]:
        extra.close()
    page.reload()
    week.step(page, "gedeeld")
    week.go(page, "points", group="me")
    assert page.locator("main").get_by_text("Verhaal gedeeld").first.is_visible()
    week.step(page, "punten")

    # A lesson from "Mijn leren", then its quiz: answered, feedback shown.
    week.go(page, "learning")
    week.step(page, "mijn-leren")
    with page.expect_navigation():
        page.locator("main a.button.primary").first.click()
    week.step(page, "les")
    for _ in range(8):  # on through the course's lessons to the first with a quiz
        if page.get_by_test_id("quiz").count():
            break
        nxt = page.locator("[data-testid=mark-done], a[rel=next]").first
        assert nxt.count(), f"no quiz and no next lesson on {page.url}"
        with page.expect_navigation():
            nxt.click()
    quiz = page.get_by_test_id("quiz")
    assert quiz.is_visible(), f"no lesson with a quiz reached ({page.url})"
    week.step(page, "quiz")
    for question in quiz.locator("fieldset").all():
        question.locator("input").first.check()
    with page.expect_navigation():
        quiz.get_by_test_id("submit-quiz").click()
    if page.get_by_test_id("quiz").count():
        assert page.get_by_test_id("quiz-result").is_visible()
        assert page.get_by_test_id("quiz-feedback").is_visible()
    week.step(page, "quiz-feedback")

    # Sessions: a place at one not yet booked.
    week.go(page, "sessions")
    assert page.locator("h1").inner_text().strip() == "Sessies"
    week.step(page, "sessies")
    open_card = (
        page.get_by_test_id("session-card")
        .filter(has_text=re.compile(r"plekk?e?n? vrij"))
        .filter(has_not_text="Je hebt een plek")
    )
    assert open_card.count() >= 1, "no session left to register for"
    with page.expect_navigation():
        open_card.first.locator("h2 a").click()
    with page.expect_navigation():
        page.get_by_test_id("register").click()
    assert page.get_by_test_id("registration").is_visible()
    week.step(page, "aangemeld")

    # The leaderboard shows them.
    week.go(page, "leaderboard")
    assert page.locator("h1").inner_text().strip() == "Ranglijst"
    board = page.locator("[data-testid=leaderboard], [data-testid=neighbours]")
    assert board.locator("tr.me").first.is_visible(), "the ambassador is not on the leaderboard"
    assert me.name in board.locator("tr.me").first.inner_text()
    week.step(page, "ranglijst")
    week.assert_accessible_throughout()
