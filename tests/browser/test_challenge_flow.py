"""The content flow in a real browser: a Master launches a challenge, a Creator sends in a
photo story, the Editor approves it, an Ambassador finds it in their feed and opens the
LinkedIn share dialog with a tracked link; a visitor's click on that link is counted."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from PIL import Image

from challenges.models import Challenge, ShareClick, Story
from gamification.models import PointsEntry
from people.models import Role
from tests.factories import PASSWORD, DepartmentFactory, MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def ensure_point_rules():
    import importlib

    from gamification.models import PointRule

    for action, label, label_en, points, cap in importlib.import_module("challenges.migrations.0002_point_rules").RULES:
        PointRule.objects.get_or_create(
            action=action, defaults={"label": label, "label_en": label_en, "points": points, "daily_cap": cap}
        )


def log_in(page, base_url, email):
    page.goto(base_url + "/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("form:has(#id_password) button[type=submit]").click()


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_launch_submit_approve_share_click(live_server, new_context, artifacts, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.BASE_URL = live_server.url
    sales = DepartmentFactory(name="Sales")
    MemberFactory(email="m@example.com", role=Role.MASTER, department=sales)
    MemberFactory(email="c@example.com", role=Role.CREATOR, department=sales, display_name="Carla")
    MemberFactory(email="e@example.com", role=Role.EDITOR, department=sales)
    ambassador = MemberFactory(email="a@example.com", role=Role.AMBASSADOR, department=sales)
    base = live_server.url
    now = timezone.now()

    # The Master launches a photo challenge and schedules it (its start has come: it opens).
    page = new_context(viewport={"width": 1280, "height": 1000}).new_page()
    log_in(page, base, "m@example.com")
    page.goto(base + "/challenges/manage/")
    form = page.get_by_test_id("challenge-form")
    form.locator("#id_title").fill("Photo of the week")
    form.locator("#id_brief").fill("Show us a success moment.")
    form.locator("#id_kind").select_option("photo")
    form.locator("#id_opens_at").fill(local(now - datetime.timedelta(hours=1)))
    form.locator("#id_closes_at").fill(local(now + datetime.timedelta(days=7)))
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.get_by_test_id("preview").is_visible()
    with page.expect_navigation():
        page.get_by_test_id("schedule").click()
    assert page.get_by_test_id("manage-state").inner_text() == "Open"
    challenge = Challenge.objects.get(title="Photo of the week")

    # The Creator sends in a photo story.
    page = new_context().new_page()
    log_in(page, base, "c@example.com")
    page.goto(f"{base}/challenges/{challenge.pk}/")
    assert page.get_by_test_id("countdown").is_visible()
    # A week to go: the sentence says so; the ticking clock only joins it on the last day.
    assert "Closes in 6 days" in page.get_by_test_id("countdown").inner_text()
    assert not page.locator("[data-testid=countdown] .ticker").is_visible()
    with page.expect_navigation():
        page.get_by_test_id("submit-entry").click()
    photo = io.BytesIO()
    Image.new("RGB", (120, 80), (20, 120, 200)).save(photo, format="PNG")
    form = page.get_by_test_id("story-form")
    form.locator("#id_title").fill("Our new client")
    form.locator("#id_text").fill("We signed with a new client today!")
    form.locator("#id_images").set_input_files(
        [{"name": "client.png", "mimeType": "image/png", "buffer": photo.getvalue()}]
    )
    form.locator("#id_photo_consent").check()
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.get_by_test_id("story-status").first.inner_text() == "Waiting for review"

    # The Editor approves it from the review queue.
    page = new_context().new_page()
    log_in(page, base, "e@example.com")
    page.goto(base + "/review/")
    assert page.get_by_test_id("queue-count").inner_text() == "1"
    with page.expect_navigation():
        page.get_by_test_id("approve").click()
    assert page.get_by_test_id("queue-empty").is_visible()
    story = Story.objects.get()
    assert story.status == "approved"

    # The Ambassador sees it in the feed and opens LinkedIn's share dialog with a tracked link.
    context = new_context()
    page = context.new_page()
    log_in(page, base, "a@example.com")
    page.goto(base + "/share/")
    suggestion = page.get_by_test_id("suggestion").first
    assert "Our new client" in suggestion.inner_text()
    # The share opens in a new tab and redirects to LinkedIn (not reachable from the test
    # machine): read where the redirect points.
    with context.expect_event("response", lambda r: f"/share/{story.pk}/" in r.url and r.status == 302) as info:
        suggestion.get_by_test_id("share-linkedin").click()
    dialog = info.value.headers["location"]
    assert dialog.startswith("https://www.linkedin.com/sharing/share-offsite/")
    code = re.search(r"%2Fs%2F([\w-]+)", dialog).group(1)
    page.screenshot(path=str(artifacts / "challenge-feed.png"), full_page=True)
    assert PointsEntry.objects.filter(member=ambassador, action="story_shared").count() == 1

    # A colleague of the ambassador's network clicks the link: counted once, story shown.
    # (A plain browser: headless Chromium says so in its user agent and counts as a bot.)
    visitor = new_context(
        user_agent="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36"
    ).new_page()
    visitor.goto(f"{base}/s/{code}?utm_source=linkedin")
    assert visitor.get_by_test_id("public-story").is_visible()
    assert "utm_source=linkedin" in visitor.url
    assert visitor.locator('meta[property="og:image"]').get_attribute("content").startswith(base)
    visitor.reload()
    assert ShareClick.objects.count() == 1
    assert PointsEntry.objects.filter(member=ambassador, action="share_click").count() == 1
