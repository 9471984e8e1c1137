"""The community in a real browser, in Dutch, on a phone: a member starts a thread, a
colleague replies and reports it, the Social Master hides it from the moderation queue."""

import pytest

from community.models import PostStatus, Report
from people.models import Role
from tests.community.factories import SpaceFactory, trusted
from tests.factories import MemberFactory

from .test_challenge_flow import ensure_point_rules, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_post_reply_report_moderate(live_server, new_context, artifacts):
    ensure_point_rules()
    base = live_server.url
    space = SpaceFactory(name="Tips voor LinkedIn")
    anna = trusted(MemberFactory(email="anna@example.com", display_name="Anna", language="nl"), space)
    bram = trusted(MemberFactory(email="bram@example.com", display_name="Bram", language="nl"), space)
    MemberFactory(email="master@example.com", role=Role.MASTER, language="nl")

    page = new_context(viewport=PHONE).new_page()
    log_in(page, base, anna.email)
    page.goto(base + f"/community/spaces/{space.pk}/")
    page.get_by_test_id("new-thread").click()
    page.fill("input[name=title]", "Koop goedkope volgers")
    page.fill("textarea[name=body]", "Eerste bericht van Anna")
    with page.expect_navigation():
        page.get_by_test_id("post-thread").click()
    assert "Eerste bericht van Anna" in page.get_by_test_id("posts").inner_text()
    thread_url = page.url
    page.screenshot(path=str(artifacts / "community-thread-phone.png"), full_page=True)

    page = new_context(viewport=PHONE).new_page()
    log_in(page, base, bram.email)
    page.goto(thread_url)
    page.get_by_test_id("reply-body").fill("Reactie van Bram")
    with page.expect_navigation():
        page.get_by_test_id("send-reply").click()
    assert "Reactie van Bram" in page.get_by_test_id("posts").inner_text()
    first = page.get_by_test_id("post").first
    first.get_by_test_id("report").click()
    first.locator("input[name=reason]").fill("Reclame")
    with page.expect_navigation():
        first.get_by_test_id("send-report").click()
    assert Report.objects.filter(reason="Reclame").count() == 1

    page = new_context().new_page()
    log_in(page, base, "master@example.com")
    page.goto(base + "/community/moderation/")
    item = page.get_by_test_id("queue-item")
    assert "Eerste bericht van Anna" in item.inner_text()
    item.locator("input[name=reason]").fill("Reclame")
    with page.expect_navigation():
        item.get_by_test_id("hide").click()
    assert page.get_by_test_id("queue-empty").is_visible()
    page.screenshot(path=str(artifacts / "community-queue.png"), full_page=True)
    thread = space.threads.get(title="Koop goedkope volgers")
    assert thread.posts.order_by("pk").first().status == PostStatus.HIDDEN


def test_a_thread_with_images_on_a_phone(live_server, new_context, artifacts, settings, tmp_path):
    """Two photos chosen in the new-thread form show in the thread, loaded through the
    checked view, with Dutch alt text, and nothing sticks out sideways on a phone."""
    import io

    from PIL import Image

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    ensure_point_rules()
    base = live_server.url
    space = SpaceFactory(name="Beurzen")
    anna = trusted(MemberFactory(email="anna@example.com", display_name="Anna", language="nl"), space)

    def photo(colour, size):
        out = io.BytesIO()
        Image.new("RGB", size, colour).save(out, format="JPEG")
        return {"name": f"{colour[0]}.jpg", "mimeType": "image/jpeg", "buffer": out.getvalue()}

    page = new_context(viewport=PHONE).new_page()
    log_in(page, base, anna.email)
    page.goto(base + f"/community/spaces/{space.pk}/new/")
    page.fill("input[name=title]", "Foto's van de beurs")
    page.fill("textarea[name=body]", "Onze stand")
    page.get_by_test_id("post-images-input").set_input_files(
        [photo((200, 40, 40), (1600, 1200)), photo((40, 40, 200), (800, 1200))]
    )
    with page.expect_navigation():
        page.get_by_test_id("post-thread").click()
    images = page.get_by_test_id("post-images").locator("img")
    assert images.count() == 2
    assert images.first.get_attribute("alt") == "Afbeelding bij bericht van Anna"
    # Lazy images load once in view. Polled from here: wait_for_function compiles its
    # expression in the page, which the site's CSP (no 'unsafe-eval') refuses.
    loaded = "Array.from(document.querySelectorAll('.post-image img')).every(i => i.complete && i.naturalWidth > 0)"
    for _ in range(100):
        for index in range(images.count()):
            images.nth(index).scroll_into_view_if_needed()
        if page.evaluate(loaded):
            break
        page.wait_for_timeout(100)
    assert page.evaluate(loaded), "the post's images did not load"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box = images.first.bounding_box()
    assert box["width"] <= PHONE["width"]
    page.screenshot(path=str(artifacts / "community-images-phone.png"), full_page=True)
