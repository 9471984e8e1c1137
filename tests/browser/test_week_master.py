"""A Social Master's week on a desktop, in Dutch, on the demo organisation, through the
menu: a challenge launched a minute ahead opens by itself (a member sees it open
without anyone pressing a button: its state is read from the clock), the programme
settings in the admin, and a course with a lesson with a quiz authored and published in
the Wagtail admin, then followed as a learner."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from challenges.models import Challenge
from people.models import Member
from tests.browser.week import DESKTOP, Week, log_in, seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "master@example.com"
COURSE = "Posten in vijf minuten"


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def next_minute(margin: int = 60) -> datetime.datetime:
    """The next full minute at least ``margin`` seconds ahead (the form counts in minutes;
    the margin leaves time to fill it in)."""
    now = timezone.now()
    moment = now.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
    return moment if (moment - now).total_seconds() >= margin else moment + datetime.timedelta(minutes=1)


def launch_challenge(week, page, opens_at) -> Challenge:
    week.go(page, "manage_challenges", group="manage")
    week.step(page, "challenges-beheren")
    form = page.get_by_test_id("challenge-form")
    title = f"Je werkplek in één foto ({timezone.localtime(opens_at):%H:%M})"
    form.locator("#id_title").fill(title)
    form.locator("#id_brief").fill("Laat zien waar jij deze week werkt.")
    form.locator("#id_kind").select_option("photo")
    form.locator("#id_open_to_all_members").check()
    form.locator("#id_opens_at").fill(local(opens_at))
    form.locator("#id_closes_at").fill(local(opens_at + datetime.timedelta(days=7)))
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.get_by_test_id("preview").is_visible(), page.url
    with page.expect_navigation():
        page.get_by_test_id("schedule").click()
    assert page.get_by_test_id("manage-state").inner_text() == "Ingepland"
    week.step(page, "challenge-gepland")
    return Challenge.objects.get(title=title)


def publish(page) -> None:
    """The editor's footer: open the menu beside "Bewaar concept" and publish."""
    page.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target=toggle]").first.click()
    with page.expect_navigation():
        page.locator("button[name=action-publish]").click()
    assert page.locator(".messages .success, .messages li.success").first.is_visible(), page.url


def author_course(week, page) -> None:
    """In the Wagtail admin: find "E-learning", add a course under it, publish it, add a
    lesson with text and a two-answer quiz, publish that."""
    week.go(page, "admin", group="manage")
    week.step(page, "admin", check=False)  # Wagtail's own admin: its accessibility is Wagtail's
    page.get_by_role("button", name="Zoeken").click()
    search = page.locator("aside input[name=q]")
    search.fill("E-learning")
    with page.expect_navigation():
        search.press("Enter")
    # The Dutch course index (the English one has the same title).
    dutch = page.locator("main tr").filter(has_text="E-learning").filter(has_text="Nederlands")
    assert dutch.count() == 1, "the Dutch E-learning page is not among the search results"
    with page.expect_navigation():
        dutch.get_by_role("link", name="Bekijk de onderliggende pagina's van 'E-learning'").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Voeg onderliggende pagina toe").first.click()
    page.locator("#id_title").fill(COURSE)
    page.locator("#id_summary").fill("Een bericht schrijven en plaatsen in de tijd van een kop koffie.")
    week.step(page, "cursus-nieuw", check=False)
    publish(page)  # back to the list of courses
    with page.expect_navigation():
        page.get_by_role("link", name=f"Voeg een onderliggende pagina toe aan '{COURSE}'").click()
    page.locator("#id_title").fill("Je eerste bericht")
    page.locator("button.c-sf-add-button").first.click()
    page.get_by_role("option", name="Quiz").click()
    page.locator("[name='body-0-value-questions-0-value-text']").fill("Wanneer lezen de meeste collega's mee?")
    page.locator("[name='body-0-value-questions-0-value-choices-0-value-text']").fill("Dinsdagochtend")
    page.locator("[name='body-0-value-questions-0-value-choices-0-value-correct']").check()
    if not page.locator("[name='body-0-value-questions-0-value-choices-1-value-text']").count():
        page.locator("[data-contentpath=choices] button.c-sf-add-button").last.click()
    page.locator("[name='body-0-value-questions-0-value-choices-1-value-text']").fill("Zaterdagnacht")
    week.step(page, "les-met-quiz", check=False)
    publish(page)
    week.step(page, "gepubliceerd", check=False)


def test_a_social_masters_week(live_server, new_context, artifacts, assert_accessible, settings, request):
    seed_demo()
    Member.objects.filter(email__in=[EMAIL, "creator@example.com"]).update(language="nl")
    base = live_server.url
    week = Week("master", artifacts, assert_accessible)
    page = new_context(**DESKTOP).new_page()
    log_in(page, base, EMAIL)
    week.step(page, "home")

    # A challenge scheduled to open at the next minute; nobody presses "open".
    opens_at = next_minute()
    challenge = launch_challenge(week, page, opens_at)
    member = new_context(**DESKTOP).new_page()
    log_in(member, base, "creator@example.com")
    week.go(member, "challenges")
    listed = member.get_by_test_id("open-challenges").get_by_role("link", name=challenge.title)
    assert listed.count() == 0, "open before its time"
    week.step(member, "challenges-nog-niet-open")
    # The clock moves on to the opening time (the live server runs in this process and
    # reads the same clock) and the member looks again; the state is derived from the
    # clock, no task or button.
    later = time_machine.travel(opens_at + datetime.timedelta(seconds=1), tick=True)
    later.start()
    request.addfinalizer(later.stop)  # before the test's pinned clock stops
    member.reload()
    assert listed.count() == 1, "the challenge did not open by itself"
    with member.expect_navigation():
        listed.click()
    assert member.get_by_test_id("challenge-state").inner_text() == "Open"
    assert member.get_by_test_id("submit-entry").is_visible()
    week.step(member, "challenge-open")
    assert Challenge.objects.get(pk=challenge.pk).state == "scheduled"  # no task ran: read from the clock

    # A course with a lesson with a quiz, authored and published in the admin ...
    author_course(week, page)
    # ... and what a learner sees of it.
    learner = new_context(**DESKTOP).new_page()
    log_in(learner, base, "creator@example.com")
    week.go(learner, "learning")
    card = learner.locator("[data-testid^=course-]").filter(has_text=COURSE)
    assert card.count() >= 1, "the published course is not in Mijn leren"
    week.step(learner, "cursus-in-mijn-leren")
    with learner.expect_navigation():
        card.first.locator("a.button.primary").click()
    assert learner.locator("h1").first.inner_text().strip() == "Je eerste bericht"
    assert learner.get_by_test_id("quiz").is_visible()
    assert "Dinsdagochtend" in learner.get_by_test_id("quiz").inner_text()
    week.step(learner, "les-als-lerende")

    # The programme settings, from the admin's "Instellingen" menu (still in the admin).
    page.get_by_role("button", name="Instellingen").click()
    item = page.locator("aside a").filter(has_text="Programma-instellingen")
    week.step(page, "instellingen-menu", check=False)
    if item.count() != 1:
        week.violations.append("Programma-instellingen is not in the Social Master's Instellingen menu")
    else:
        with page.expect_navigation():
            item.click()
        assert page.locator("#id_employee_count").is_visible()
        week.step(page, "programma-instellingen", check=False)
    week.assert_accessible_throughout()
