"""A Creator's week on a desktop, in Dutch, on the demo organisation, through the menu:
"Deel een moment" with a photo (refused without the photo consent, sent with it), a
second story sent and then withdrawn again from "Mijn verhalen"."""

import io

import pytest
from PIL import Image

from challenges.models import Story
from people.models import Member
from tests.browser.week import DESKTOP, Week, log_in, seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "creator@example.com"


def photo() -> dict:
    out = io.BytesIO()
    Image.new("RGB", (320, 200), (30, 120, 90)).save(out, format="PNG")
    return {"name": "teamoverleg.png", "mimeType": "image/png", "buffer": out.getvalue()}


def tick_the_guidelines(form) -> None:
    """The demo's social media guidelines ask the creator to confirm each check."""
    for box in form.locator("input[name=checks]").all():
        box.check()


def send_story(page, title: str, text: str, *, with_photo: bool = False, consent: bool = False) -> None:
    form = page.get_by_test_id("story-form")
    form.locator("#id_title").fill(title)
    form.locator("#id_text").fill(text)
    if with_photo:
        form.locator("#id_images").set_input_files([photo()])
    if consent:
        form.locator("#id_photo_consent").check()
    tick_the_guidelines(form)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def test_a_creators_week(live_server, new_context, artifacts, assert_accessible, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    seed_demo()
    Member.objects.filter(email=EMAIL).update(language="nl")
    base = live_server.url
    week = Week("creator", artifacts, assert_accessible)
    page = new_context(**DESKTOP).new_page()
    log_in(page, base, EMAIL)
    week.step(page, "home")

    # "Deel een moment" with a photo: without the consent box ticked it is refused.
    week.go(page, "submit")
    assert page.locator("h1").inner_text().strip() == "Deel een moment"
    week.step(page, "deel-een-moment")
    send_story(
        page, "Ons nieuwe teamoverleg", "Elke maandag om negen uur: kort, staand en met koffie.", with_photo=True
    )
    assert page.get_by_test_id("story-form").is_visible(), "sent without the photo consent"
    assert page.locator(".errorlist").first.is_visible()
    assert not Story.objects.filter(title="Ons nieuwe teamoverleg").exists()
    week.step(page, "zonder-toestemming")
    page.get_by_test_id("story-form").locator("#id_images").set_input_files([photo()])  # files are not kept
    page.get_by_test_id("story-form").locator("#id_photo_consent").check()
    tick_the_guidelines(page.get_by_test_id("story-form"))
    with page.expect_navigation():
        page.get_by_test_id("story-form").locator("button[type=submit]").click()
    story = Story.objects.get(title="Ons nieuwe teamoverleg")
    assert story.images.count() == 1 and story.status == "submitted"
    mine = page.get_by_test_id("my-story").filter(has_text="Ons nieuwe teamoverleg")
    assert mine.get_by_test_id("story-status").inner_text() == "Wacht op beoordeling"
    assert mine.locator("img").count() == 1
    week.step(page, "verstuurd")

    # A second, plain story; then, on second thought, withdrawn from "Mijn verhalen".
    week.go(page, "submit")
    send_story(page, "Eerste versie", "Nog niet helemaal af, dit verhaal.")
    week.go(page, "my_stories", group="me")
    second = page.get_by_test_id("my-story").filter(has_text="Eerste versie")
    assert second.get_by_test_id("story-status").inner_text() == "Wacht op beoordeling"
    second.get_by_test_id("withdraw").locator("summary").click()
    week.step(page, "intrekken")
    with page.expect_navigation():
        second.get_by_test_id("withdraw-confirm").click()
    second = page.get_by_test_id("my-story").filter(has_text="Eerste versie")
    assert second.get_by_test_id("story-status").inner_text() == "Ingetrokken"
    assert second.get_by_test_id("withdraw").count() == 0
    assert Story.objects.get(title="Eerste versie").status == "withdrawn"
    week.step(page, "ingetrokken")
    week.assert_accessible_throughout()
