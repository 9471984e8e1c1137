"""The story flow in a real browser, in Dutch, as a Creator whose department has no Social
Editor: submit a story with a photo (the consent checkbox is required), see who reviews it,
withdraw another; then the editor for all departments reviews the first from the queue,
and the withdrawn one is not there. Screenshots at desktop and phone size."""

import io

import pytest
from PIL import Image

from challenges.models import Story, StoryStatus
from people.models import Role
from tests.factories import DepartmentFactory, MemberFactory

from .test_challenge_flow import ensure_point_rules, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 1000}


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (160, 100), (20, 110, 130)).save(out, format="PNG")
    return out.getvalue()


def submit(page, base, title, *, with_photo=False, consent=False):
    page.goto(base + "/stories/new/")
    form = page.get_by_test_id("story-form")
    form.locator("#id_title").fill(title)
    form.locator("#id_text").fill("Een klant belde om ons te bedanken.")
    if with_photo:
        form.locator("#id_images").set_input_files([{"name": "klant.png", "mimeType": "image/png", "buffer": photo()}])
    if consent:
        form.locator("#id_photo_consent").check()
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def test_submit_with_consent_withdraw_and_review(live_server, new_context, artifacts, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    ensure_point_rules()
    settings.BASE_URL = live_server.url
    base = live_server.url
    service = DepartmentFactory(name="Klantenservice")  # no editor of its own
    MemberFactory(
        email="m@example.com", role=Role.MASTER, department=DepartmentFactory(name="Marketing"), language="nl"
    )
    MemberFactory(
        email="e@example.com",
        role=Role.EDITOR,
        department=DepartmentFactory(name="Sales"),
        editor_for_all_departments=True,
        display_name="Erik Editor",
        language="nl",
    )
    MemberFactory(email="c@example.com", role=Role.CREATOR, department=service, display_name="Carla", language="nl")

    page = new_context(viewport=DESKTOP, locale="nl-NL").new_page()
    log_in(page, base, "c@example.com")
    # A photo without the consent: refused, with the reason at the checkbox.
    submit(page, base, "Een blije klant", with_photo=True)
    assert "Bevestig dat de mensen op de foto's" in page.content()
    page.screenshot(path=artifacts / "story-flow-consent-required.png", full_page=True)
    assert not Story.objects.exists()
    submit(page, base, "Een blije klant", with_photo=True, consent=True)
    assert page.locator(".messages").inner_text() == (
        "Bedankt! Je verhaal wacht op beoordeling door Erik Editor en de Social Masters."
    )
    submit(page, base, "Nog niet klaar")
    assert page.get_by_test_id("story-reviewers").first.inner_text() == (
        "Wacht op beoordeling door Erik Editor en de Social Masters."
    )
    page.screenshot(path=artifacts / "story-flow-my-stories.png", full_page=True)

    # Withdraw the second (newest first on the page).
    card = page.get_by_test_id("my-story").filter(has_text="Nog niet klaar")
    card.get_by_test_id("withdraw").locator("summary").click()
    with page.expect_navigation():
        card.get_by_test_id("withdraw-confirm").click()
    assert Story.objects.get(title="Nog niet klaar").status == StoryStatus.WITHDRAWN
    assert (
        page.get_by_test_id("my-story").filter(has_text="Nog niet klaar").get_by_test_id("story-status").inner_text()
        == "Ingetrokken"
    )
    phone = new_context(viewport=PHONE, locale="nl-NL").new_page()
    log_in(phone, base, "c@example.com")
    phone.goto(base + "/stories/mine/")
    phone.screenshot(path=artifacts / "story-flow-my-stories-phone.png", full_page=True)

    # The editor for all departments finds the first one (not the withdrawn one) and approves it.
    page = new_context(viewport=DESKTOP, locale="nl-NL").new_page()
    log_in(page, base, "e@example.com")
    page.goto(base + "/review/")
    assert page.get_by_test_id("queue-count").inner_text() == "1"
    assert page.get_by_test_id("photo-consent").is_visible()
    page.screenshot(path=artifacts / "story-flow-review-queue.png", full_page=True)
    with page.expect_navigation():
        page.get_by_test_id("approve").click()
    assert Story.objects.get(title="Een blije klant").status == StoryStatus.APPROVED
    assert page.get_by_test_id("queue-empty").is_visible()
    phone = new_context(viewport=PHONE, locale="nl-NL").new_page()
    log_in(phone, base, "e@example.com")
    phone.goto(base + "/review/")
    phone.screenshot(path=artifacts / "story-flow-review-queue-phone.png", full_page=True)
