"""Every main flow with the keyboard alone (WCAG 2.1.1), in Dutch, on the demo organisation:
no clicks, only Tab, Shift+Tab, Enter, Space and typing (a photo goes in through
``set_input_files``: the file chooser is the operating system's). Every element reached
must show where the focus is (2.4.7): a visible outline or ring on ``:focus-visible``.

One demo and one browser for all flows: an Ambassador on a phone (the menu, "Deel dit",
a session, a quiz), a Creator sending a story with a photo (and withdrawing another) and an Editor approving
it."""

import io
import re

import pytest
from PIL import Image

from challenges.models import Story
from cms.management.commands.seed_demo import PASSWORD as DEMO_PASSWORD
from events.models import Registration
from gamification.models import PointsEntry
from learning.models import QuizAttempt
from people.models import Member
from tests.browser.week import DESKTOP, PHONE, seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_TABS = 250

# Whether the focused element shows it: an outline or a ring (box-shadow) while it matches
# :focus-visible, as the browser applies it after keyboard moves.
FOCUS_SHOWN = """el => {
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return el.matches(':focus-visible') && (outline || style.boxShadow !== 'none');
}"""


def _describe(page) -> str:
    return page.evaluate(
        "() => { const el = document.activeElement; return el ? el.outerHTML.slice(0, 160) : 'nothing'; }"
    )


def tab_to(page, predicate: str, *, what: str, backwards: bool = False):
    """Press Tab (Shift+Tab with ``backwards``) until the focused element satisfies the JS
    ``predicate`` (``el => …``); fails if it is never reached or shows no focus."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        if page.evaluate(f"() => document.activeElement && ({predicate})(document.activeElement)"):
            assert page.evaluate(f"() => ({FOCUS_SHOWN})(document.activeElement)"), (
                f"{what}: focused but no visible focus on {_describe(page)}"
            )
            return
    pytest.fail(f"{what}: not reachable with {key} on {page.url} (focus ended on {_describe(page)})")


def matches(selector: str) -> str:
    return f"el => el.matches({selector!r})"


def press_and_wait(page, key: str = "Enter") -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def log_in(page, base: str, email: str) -> None:
    page.goto(base + "/login/")
    tab_to(page, matches("#id_login"), what="e-mail field")
    page.keyboard.type(email)
    tab_to(page, matches("#id_password"), what="password field")
    page.keyboard.type(DEMO_PASSWORD)
    press_and_wait(page)
    assert page.url == base + "/", f"after logging in as {email}: {page.url}"


def menu_to(page, key: str, group: str | None = None) -> None:
    """Open the phone's "Menu" button if it shows (and the group ``nav-<group>``), then
    reach ``nav-<key>`` and follow it."""
    page.keyboard.press("Escape")  # a page may have left focus anywhere: start from the top
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    if page.locator("button.menu-toggle").is_visible():
        tab_to(page, matches("button.menu-toggle"), what="the Menu button")
        page.keyboard.press("Enter")
        assert page.locator("button.menu-toggle").get_attribute("aria-expanded") == "true"
    if group:
        tab_to(page, matches(f"[data-testid='nav-{group}'] summary"), what=f"menu group {group}")
        page.keyboard.press("Enter")
        assert page.get_by_test_id(f"nav-{group}").get_attribute("open") is not None
    tab_to(page, matches(f"#main-nav [data-testid='nav-{key}']"), what=f"menu item {key}")
    press_and_wait(page)


def tick_the_guidelines(page) -> None:
    """Tabs to each of the guidelines' checks in the story form and ticks it with Space."""
    for value in page.locator("input[name=checks]").evaluate_all("boxes => boxes.map(b => b.value)"):
        tab_to(page, matches(f"input[name=checks][value='{value}']"), what=f"the guidelines' check {value}")
        page.keyboard.press("Space")


def photo() -> dict:
    out = io.BytesIO()
    Image.new("RGB", (320, 200), (30, 120, 90)).save(out, format="PNG")
    return {"name": "overleg.png", "mimeType": "image/png", "buffer": out.getvalue()}


def test_the_main_flows_with_the_keyboard_alone(live_server, new_context, artifacts, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    seed_demo()
    settings.BASE_URL = live_server.url
    Member.objects.update(language="nl")
    base = live_server.url

    # --- an Ambassador on a phone ---------------------------------------------------------
    context = new_context(**PHONE)
    page = context.new_page()
    me = Member.objects.get(email="ambassador@example.com")
    log_in(page, base, me.email)

    # The phone menu: Menu button, then "Deel dit"; share a story from it.
    menu_to(page, "share")
    assert page.locator("h1").inner_text().strip() == "Deel dit"
    before = PointsEntry.objects.filter(member=me).count()
    tab_to(
        page,
        "el => el.matches('[data-testid=suggestion] button[data-testid^=share-]') && !el.textContent.includes('✓')",
        what="a share button",
    )
    page.screenshot(path=str(artifacts / "keyboard-01-deel-dit-focus.png"))
    with context.expect_event("response", lambda r: "/share/" in r.url and r.status == 302):
        page.keyboard.press("Enter")
    assert PointsEntry.objects.filter(member=me).count() == before + 1
    for extra in context.pages[1:]:
        extra.close()

    # A session: from the listing to a session with places, then register.
    menu_to(page, "sessions")
    tab_to(
        page,
        """el => {
          const card = el.closest('[data-testid=session-card]');
          return !!card && el.matches('h2 a') && /plekk?e?n? vrij/.test(card.textContent)
            && !card.textContent.includes('Je hebt een plek');
        }""",
        what="a session with places left",
    )
    press_and_wait(page)
    tab_to(page, matches("[data-testid=register]"), what="the register button")
    press_and_wait(page)
    assert page.get_by_test_id("registration").is_visible()
    assert Registration.objects.filter(member=me).exists()
    page.screenshot(path=str(artifacts / "keyboard-02-aangemeld.png"), full_page=True)

    # A quiz: from "Mijn leren" on through the lessons to one with a quiz; answer, submit.
    menu_to(page, "learning")
    tab_to(page, matches("main a.button.primary"), what="continue learning")
    press_and_wait(page)
    for _ in range(8):
        if page.get_by_test_id("quiz").count():
            break
        tab_to(page, matches("[data-testid=mark-done], a[rel=next]"), what="the next lesson")
        press_and_wait(page)
    assert page.get_by_test_id("quiz").count(), f"no lesson with a quiz reached ({page.url})"
    attempts = QuizAttempt.objects.filter(member=me).count()
    for index in range(page.get_by_test_id("quiz").locator("fieldset").count()):
        # The first answer of each question: Tab reaches the group (radios) or the box, Space picks it.
        tab_to(
            page,
            f"el => el.matches('input') && el.closest('[data-testid=quiz] fieldset') === "
            f"document.querySelectorAll('[data-testid=quiz] fieldset')[{index}]",
            what=f"question {index + 1}",
        )
        page.keyboard.press("Space")
    tab_to(page, matches("[data-testid=submit-quiz]"), what="the quiz's submit button")
    press_and_wait(page)
    assert QuizAttempt.objects.filter(member=me).count() == attempts + 1
    page.screenshot(path=str(artifacts / "keyboard-03-quiz.png"), full_page=True)

    # The member's own group: "Mijn punten" behind their name; Escape closes the menu again.
    menu_to(page, "points", group="me")
    assert page.locator("h1").count() == 1 and "/points/" in page.url
    tab_to(page, matches("button.menu-toggle"), what="the Menu button", backwards=True)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    assert page.locator("button.menu-toggle").get_attribute("aria-expanded") == "false"
    assert page.evaluate("() => document.activeElement.matches('button.menu-toggle')")

    # --- a Creator sends a story with a photo -------------------------------------------
    page = new_context(**DESKTOP).new_page()
    log_in(page, base, "creator@example.com")
    menu_to(page, "submit")
    tab_to(page, matches("#id_title"), what="the title")
    page.keyboard.type("Met het toetsenbord")
    tab_to(page, matches("#id_text"), what="the story")
    page.keyboard.type("Zonder muis ingestuurd.")
    page.locator("#id_images").set_input_files([photo()])  # the OS file chooser: not ours
    tab_to(page, matches("#id_photo_consent"), what="the photo consent")
    page.keyboard.press("Space")
    tick_the_guidelines(page)
    tab_to(page, matches("[data-testid=story-form] button[type=submit]"), what="send for review")
    press_and_wait(page)
    story = Story.objects.get(title="Met het toetsenbord")
    assert story.status == "submitted" and story.images.count() == 1
    page.screenshot(path=str(artifacts / "keyboard-04-verhaal.png"), full_page=True)
    # A second one, withdrawn again from "Mijn verhalen" (a details/summary and its confirm).
    menu_to(page, "submit")
    tab_to(page, matches("#id_title"), what="the title")
    page.keyboard.type("Toch niet")
    tab_to(page, matches("#id_text"), what="the story")
    page.keyboard.type("Bij nader inzien niet.")
    tick_the_guidelines(page)
    tab_to(page, matches("[data-testid=story-form] button[type=submit]"), what="send for review")
    press_and_wait(page)
    second = Story.objects.get(title="Toch niet")
    in_card = "(el.closest('[data-testid=my-story]') || {textContent: ''}).textContent.includes('Toch niet')"
    tab_to(page, f"el => el.matches('[data-testid=withdraw] summary') && {in_card}", what="withdraw")
    page.keyboard.press("Enter")
    tab_to(page, f"el => el.matches('[data-testid=withdraw-confirm]') && {in_card}", what="confirm withdrawing")
    press_and_wait(page)
    second.refresh_from_db()
    assert second.status == "withdrawn"

    # --- the Editor approves it -------------------------------------------------------------
    page = new_context(**DESKTOP).new_page()
    log_in(page, base, "editor@example.com")
    menu_to(page, "review")
    tab_to(page, matches(f"[data-story='{story.pk}'] [data-testid=approve]"), what="approve")
    press_and_wait(page)
    story.refresh_from_db()
    assert story.status == "approved"
    # Shift+Tab goes back through the page too.
    tab_to(page, matches("#main-nav [data-testid='nav-share']"), what="Deel dit, backwards", backwards=True)
    assert re.search(r"Beoordelen", page.locator("#main-nav [data-testid=nav-review]").inner_text())
    page.screenshot(path=str(artifacts / "keyboard-05-goedgekeurd.png"), full_page=True)
