"""An Editor's week on a desktop, in Dutch, on the demo organisation, through the menu:
"Beoordelen" shows how many stories wait; one is edited a little and approved, the count
goes down, and the story is in "Deel dit" for the ambassadors."""

import pytest

from challenges.models import Story
from people.models import Member
from tests.browser.week import DESKTOP, Week, log_in, number, seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "editor@example.com"


def test_an_editors_week(live_server, new_context, artifacts, assert_accessible):
    seed_demo()
    Member.objects.filter(email=EMAIL).update(language="nl")
    base = live_server.url
    week = Week("editor", artifacts, assert_accessible)
    page = new_context(**DESKTOP).new_page()
    log_in(page, base, EMAIL)
    week.step(page, "home")

    # The menu says how many stories wait for this editor.
    review = page.locator("#main-nav [data-testid=nav-review]")
    assert review.is_visible(), "no Beoordelen in the Editor's menu"
    assert review.inner_text().strip().startswith("Beoordelen")
    waiting = number(review.locator(".badge").inner_text())
    assert waiting >= 1, "the demo has no story waiting for the Sales editor"
    week.go(page, "review")
    assert number(page.get_by_test_id("queue-count").inner_text()) == waiting
    assert page.get_by_test_id("review-item").count() == waiting
    week.step(page, "beoordelen")

    # The oldest story: a caption suggested, then approved.
    item = page.get_by_test_id("review-item").first
    story = Story.objects.get(pk=item.get_attribute("data-story"))
    item.locator("textarea[name=caption]").fill("Mooi klantgesprek in Rotterdam! #zorg")
    with page.expect_navigation():
        item.get_by_test_id("approve").click()
    assert page.locator(f"[data-testid=review-item][data-story='{story.pk}']").count() == 0
    assert number(page.get_by_test_id("queue-count").inner_text()) == waiting - 1
    badge = page.locator("#main-nav [data-testid=nav-review] .badge")
    assert badge.is_hidden() if waiting == 1 else number(badge.inner_text()) == waiting - 1, "menu count"
    story.refresh_from_db()
    assert story.status == "approved"
    week.step(page, "goedgekeurd")

    # It is in the share feed now, with the caption the editor suggested.
    week.go(page, "share")
    shared = page.locator(f"[data-testid=suggestion][data-story='{story.pk}']")
    assert shared.is_visible(), "the approved story is not in Deel dit"
    assert shared.locator("textarea[name=caption]").input_value() == "Mooi klantgesprek in Rotterdam! #zorg"
    week.step(page, "deel-dit")
    week.assert_accessible_throughout()
