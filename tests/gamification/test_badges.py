"""Badges: the criteria engine, hand awards and revocation, and Open Badges 2.0 hosting
(JSON-LD, human pages, baked PNGs), the member page and the API."""

import datetime
import hashlib
import io
import itertools
import json
import struct
import zlib
from urllib.parse import parse_qs, urlparse

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from gamification import badges, openbadges
from gamification.models import BadgeAward, BadgeClass, BadgeCriterion, PointRule
from gamification.services import record_action
from people.models import Notification, Role
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

_refs = itertools.count(1)
_slugs = itertools.count(1)


# --- helpers ---------------------------------------------------------------------------


def make_badge(criterion=BadgeCriterion.ACTION_COUNT, **fields) -> BadgeClass:
    n = next(_slugs)
    defaults = {"slug": f"badge-{n}", "name": f"Badge {n}", "description": f"What badge {n} is about."}
    return BadgeClass.objects.create(criterion=criterion, **{**defaults, **fields})


def rule(action, points=10):
    PointRule.objects.get_or_create(action=action, defaults={"label": action, "label_en": action, "points": points})


def act(member, action="lesson_completed", ref=None, occurred_at=None):
    result = record_action(member, action, ref or f"{action}:{next(_refs)}", occurred_at=occurred_at)
    assert result.created, result.skipped
    return result


def awarded(member, badge) -> bool:
    return BadgeAward.objects.filter(member=member, badge=badge, revoked_at__isnull=True).exists()


def png_chunks(data: bytes):
    """(type, data) of every chunk, checking the signature, lengths and CRCs."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks = 8, []
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length : position + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF, kind
        chunks.append((kind, body))
        position += 12 + length
    return chunks


def openbadges_texts(data: bytes) -> list[str]:
    """The text of every iTXt chunk whose keyword is ``openbadges`` (uncompressed)."""
    texts = []
    for kind, body in png_chunks(data):
        if kind != b"iTXt":
            continue
        keyword, rest = body.split(b"\x00", 1)
        if keyword != b"openbadges":
            continue
        compressed, _method = rest[0], rest[1]
        language, rest = rest[2:].split(b"\x00", 1)
        _translated, text = rest.split(b"\x00", 1)
        assert compressed == 0
        texts.append(text.decode("utf-8"))
    return texts


# --- the OB 2.0 required fields (https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final) --


def _is_url(value) -> bool:
    parsed = urlparse(value)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def _parses_iso8601(value: str) -> bool:
    try:
        datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def validate_issuer(data):
    assert data["@context"] == "https://w3id.org/openbadges/v2"
    assert data["type"] == "Issuer"
    assert _is_url(data["id"])
    assert isinstance(data["name"], str) and data["name"]
    assert _is_url(data["url"])


def validate_badge_class(data):
    assert data["@context"] == "https://w3id.org/openbadges/v2"
    assert data["type"] == "BadgeClass"
    assert _is_url(data["id"])
    for key in ("name", "description"):
        assert isinstance(data[key], str) and data[key]
    assert _is_url(data["image"])
    assert isinstance(data["criteria"], dict) and (data["criteria"].get("narrative") or data["criteria"].get("id"))
    assert _is_url(data["issuer"])


def validate_assertion(data):
    assert data["@context"] == "https://w3id.org/openbadges/v2"
    assert data["type"] == "Assertion"
    assert _is_url(data["id"])
    recipient = data["recipient"]
    assert recipient["type"] == "email"
    assert recipient["hashed"] is True
    assert isinstance(recipient["salt"], str) and recipient["salt"]
    assert recipient["identity"].startswith("sha256$")
    assert len(recipient["identity"]) == len("sha256$") + 64
    assert _is_url(data["badge"])
    assert data["verification"]["type"] in ("HostedBadge", "hosted")
    assert _parses_iso8601(data["issuedOn"])


# --- fixtures ----------------------------------------------------------------------------


@pytest.fixture
def master(db):
    return MemberFactory(role=Role.MASTER)


@pytest.fixture
def editor(db):
    return MemberFactory(role=Role.EDITOR)


@pytest.fixture
def earned(member):
    """An award of an automatic badge, made by the engine."""
    badge = make_badge(action="lesson_completed", count=1, name="First lesson", slug="first-lesson")
    act(member)
    (award,) = badges.evaluate_for(member)
    assert award.badge == badge
    return award


# --- the criteria engine ------------------------------------------------------------------


def test_action_count_awards_at_n_and_not_before(member):
    badge = make_badge(action="lesson_completed", count=3)
    act(member)
    act(member)
    assert badges.evaluate_for(member) == []
    act(member)
    (award,) = badges.evaluate_for(member)
    assert award.badge == badge and award.member == member
    assert len(award.salt) == 32 and award.reason == "" and award.awarded_by is None


@pytest.mark.clock
def test_action_count_within_a_period_counts_only_recent_actions(member):
    badge = make_badge(action="lesson_completed", count=2, period_days=7)
    act(member, occurred_at=timezone.now() - datetime.timedelta(days=10))
    act(member)
    assert badges.evaluate_for(member) == []
    act(member)
    assert [a.badge for a in badges.evaluate_for(member)] == [badge]


def test_action_count_ignores_other_actions_and_other_members(member):
    badge = make_badge(action="quiz_passed", count=1)
    act(member, "lesson_completed")
    act(MemberFactory(), "quiz_passed")
    assert badges.evaluate_for(member) == []
    act(member, "quiz_passed")
    assert [a.badge for a in badges.evaluate_for(member)] == [badge]


def test_level_badge_awards_once_the_level_is_reached(member):
    rule("big_win", points=40)  # level 2 needs 50 points (data migration)
    badge = make_badge(BadgeCriterion.LEVEL, level=2)
    act(member, "big_win")
    assert badges.evaluate_for(member) == []
    act(member, "lesson_completed")  # 40 + 10 = 50
    assert [a.badge for a in badges.evaluate_for(member)] == [badge]


@pytest.mark.parametrize(
    "criterion, action, prefix",
    [
        (BadgeCriterion.COURSE_COMPLETED, "course_completed", "course"),
        (BadgeCriterion.PATH_COMPLETED, "path_completed", "path"),
        (BadgeCriterion.CHALLENGE_WON, "challenge_won", "challenge"),
    ],
)
def test_completion_badges_for_any_or_a_specific_ref(member, criterion, action, prefix):
    rule("challenge_won", points=50)
    any_one = make_badge(criterion)
    specific = make_badge(criterion, ref=f"{prefix}:wanted")
    act(member, "lesson_completed")
    assert badges.evaluate_for(member) == []
    act(member, action, ref=f"{prefix}:another")
    assert [a.badge for a in badges.evaluate_for(member)] == [any_one]
    act(member, action, ref=f"{prefix}:wanted")
    assert [a.badge for a in badges.evaluate_for(member)] == [specific]


@pytest.mark.clock
def test_streak_badge_needs_consecutive_weeks(member):
    badge = make_badge(BadgeCriterion.STREAK_WEEKS, count=3)
    now = timezone.now()
    act(member, occurred_at=now - datetime.timedelta(weeks=4))
    act(member, occurred_at=now - datetime.timedelta(weeks=2))
    act(member, occurred_at=now - datetime.timedelta(weeks=1))
    assert badges.evaluate_for(member) == []  # longest run: 2 weeks
    act(member, occurred_at=now)
    assert [a.badge for a in badges.evaluate_for(member)] == [badge]


def test_manual_and_inactive_badges_are_never_awarded_by_the_engine(member):
    make_badge(BadgeCriterion.MANUAL)
    make_badge(action="lesson_completed", count=1, active=False)
    act(member)
    assert badges.evaluate_for(member) == []
    assert not BadgeAward.objects.exists()


def test_evaluating_twice_awards_and_notifies_once(member):
    badge = make_badge(action="lesson_completed", count=1, name="Go-getter", name_en="Go-getter")
    act(member)
    assert len(badges.evaluate_for(member)) == 1
    assert badges.evaluate_for(member) == []
    again, created = badges.award(member=member, badge=badge)
    assert created is False
    assert BadgeAward.objects.filter(member=member, badge=badge).count() == 1
    (notification,) = Notification.objects.filter(member=member, kind="badge_awarded")
    assert "Go-getter" in notification.title
    assert notification.url == f"/badges/assertions/{again.uuid}/"
    assert notification.dedupe_key == f"badge:{badge.pk}"


def test_evaluation_reads_a_bounded_number_of_queries(member, django_assert_max_num_queries):
    rule("challenge_won")
    make_badge(action="lesson_completed", count=50)
    make_badge(action="quiz_passed", count=50, period_days=7)
    make_badge(BadgeCriterion.LEVEL, level=9)
    make_badge(BadgeCriterion.COURSE_COMPLETED, ref="course:x")
    make_badge(BadgeCriterion.PATH_COMPLETED)
    make_badge(BadgeCriterion.CHALLENGE_WON, ref="challenge:1")
    make_badge(BadgeCriterion.STREAK_WEEKS, count=9)
    act(member)
    with django_assert_max_num_queries(5):  # badges, counts, refs, level, weeks
        assert badges.evaluate_for(member) == []


def test_record_action_evaluates_badges_through_the_celery_task(member, django_capture_on_commit_callbacks):
    badge = make_badge(action="lesson_completed", count=1)
    with django_capture_on_commit_callbacks(execute=True):
        record_action(member, "lesson_completed", "lesson:1")
    assert awarded(member, badge)
    with django_capture_on_commit_callbacks(execute=True):
        record_action(member, "lesson_completed", "lesson:2")
    assert BadgeAward.objects.filter(member=member).count() == 1
    assert Notification.objects.filter(member=member, kind="badge_awarded").count() == 1


def test_the_sweep_catches_up_members_with_points(member):
    act(member)
    without_points = MemberFactory()
    badge = make_badge(action="lesson_completed", count=1)  # created after the fact
    assert badges.sweep() == 1
    assert awarded(member, badge) and not BadgeAward.objects.filter(member=without_points).exists()
    assert badges.sweep() == 0


# --- by hand and revocation ---------------------------------------------------------------


def test_award_by_hand_needs_a_reason_and_a_master(member, master, editor):
    badge = make_badge(BadgeCriterion.MANUAL, name="Trade fair hero")
    with pytest.raises(ValueError):
        badges.award_by_hand(member=member, badge=badge, reason="  ", by=master)
    with pytest.raises(PermissionDenied):
        badges.award_by_hand(member=member, badge=badge, reason="Great posts", by=editor)
    assert not BadgeAward.objects.exists()
    award, created = badges.award_by_hand(member=member, badge=badge, reason="Great posts", by=master)
    assert created and award.reason == "Great posts" and award.awarded_by == master
    assert Notification.objects.filter(member=member, kind="badge_awarded").count() == 1
    assert badges.award_by_hand(member=member, badge=badge, reason="Again", by=master)[1] is False


def test_admin_award_view_for_masters(client, member, master):
    badge = make_badge(BadgeCriterion.MANUAL, name="Trade fair hero")
    client.force_login(master)
    assert client.get("/admin/gamification/badge-awards/new/").status_code == 200
    data = {"member": member.email.upper(), "badge": badge.pk, "reason": ""}
    response = client.post("/admin/gamification/badge-awards/new/", data)
    assert response.status_code == 200 and not BadgeAward.objects.exists()  # the form asks for a reason
    response = client.post("/admin/gamification/badge-awards/new/", {**data, "reason": "Ran the stand"})
    assert response.status_code == 302
    award = BadgeAward.objects.get(member=member, badge=badge)
    assert award.reason == "Ran the stand" and award.awarded_by == master
    listing = client.get("/admin/gamification/badge-awards/")
    assert listing.status_code == 200 and "Trade fair hero" in listing.content.decode()


def test_admin_award_views_forbid_non_masters(client, member, editor):
    badge = make_badge(BadgeCriterion.MANUAL)
    award, _created = badges.award(member=member, badge=badge)
    client.force_login(editor)  # has admin access, not the badge permission
    for url in (
        "/admin/gamification/badge-awards/",
        "/admin/gamification/badge-awards/new/",
        f"/admin/gamification/badge-awards/{award.pk}/revoke/",
    ):
        assert client.get(url).status_code == 403, url
    response = client.post(
        "/admin/gamification/badge-awards/new/", {"member": member.email, "badge": badge.pk, "reason": "Me!"}
    )
    assert response.status_code == 403
    response = client.post(f"/admin/gamification/badge-awards/{award.pk}/revoke/", {"reason": "No"})
    assert response.status_code == 403
    award.refresh_from_db()
    assert award.revoked_at is None
    client.force_login(member)  # no admin access at all: Wagtail sends them away
    assert client.get("/admin/gamification/badge-awards/new/").status_code == 302


def test_revocation_answers_410_everywhere_and_sticks(client, member, master, earned):
    client.force_login(master)
    url = f"/admin/gamification/badge-awards/{earned.pk}/revoke/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": ""}).status_code == 200  # needs a reason
    assert client.post(url, {"reason": "Created by mistake"}).status_code == 302
    client.logout()
    response = client.get(f"/badges/assertions/{earned.uuid}.json")
    assert response.status_code == 410
    body = response.json()
    assert body["revoked"] is True and body["revocationReason"] == "Created by mistake"
    assert body["id"].endswith(f"/badges/assertions/{earned.uuid}.json")
    assert client.get(f"/badges/assertions/{earned.uuid}.png").status_code == 410
    html = client.get(f"/badges/assertions/{earned.uuid}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Revoked" in html and "Created by mistake" in html
    assert f"/badges/assertions/{earned.uuid}.png" not in html
    act(member)
    assert badges.evaluate_for(member) == []  # the engine does not give it back


def test_revoke_service_needs_a_reason(member, master, earned):
    with pytest.raises(ValueError):
        badges.revoke(award=earned, reason="", by=master)
    badges.revoke(award=earned, reason="Mistake", by=master)
    earned.refresh_from_db()
    assert earned.revoked_at is not None and earned.revocation_reason == "Mistake"


# --- Open Badges 2.0 hosting ---------------------------------------------------------------


def test_hosted_json_is_valid_open_badges_2(client, member, earned):
    assertion = client.get(f"/badges/assertions/{earned.uuid}.json")
    assert assertion.status_code == 200
    assert assertion["Content-Type"].startswith("application/ld+json")
    data = assertion.json()
    validate_assertion(data)
    assert data["id"] == f"{settings.BASE_URL}/badges/assertions/{earned.uuid}.json"

    badge_class = client.get(urlparse(data["badge"]).path)
    assert badge_class.status_code == 200
    validate_badge_class(badge_class.json())
    assert badge_class.json()["id"] == data["badge"]
    assert client.get(urlparse(badge_class.json()["image"]).path)["Content-Type"] == "image/png"

    issuer = client.get(urlparse(badge_class.json()["issuer"]).path)
    assert issuer.status_code == 200
    validate_issuer(issuer.json())
    assert issuer.json()["id"] == badge_class.json()["issuer"] == f"{settings.BASE_URL}/badges/issuer.json"

    salt = data["recipient"]["salt"]
    assert data["recipient"]["identity"] == "sha256$" + hashlib.sha256((member.email + salt).encode()).hexdigest()
    for response in (assertion, badge_class, issuer):
        text = response.content.decode()
        assert member.email not in text and member.email.split("@")[0] not in text
        assert json.loads(text)  # well-formed


def test_issuer_name_comes_from_settings(client, settings):
    settings.BADGE_ISSUER_NAME = "Acme Care"
    assert client.get("/badges/issuer.json").json()["name"] == "Acme Care"


def test_each_award_has_its_own_salt(member, earned):
    other = badges.award(member=member, badge=make_badge(BadgeCriterion.MANUAL))[0]
    assert other.salt != earned.salt
    assert (
        openbadges.assertion_json(other)["recipient"]["identity"]
        != openbadges.assertion_json(earned)["recipient"]["identity"]
    )


def test_baked_png_carries_the_assertion_url(client, earned):
    response = client.get(f"/badges/assertions/{earned.uuid}.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    data = response.content
    with Image.open(io.BytesIO(data)) as image:
        image.verify()
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (400, 400)
    assert openbadges_texts(data) == [f"{settings.BASE_URL}/badges/assertions/{earned.uuid}.json"]
    kinds = [kind for kind, _body in png_chunks(data)]
    assert kinds[-1] == b"IEND" and kinds[-2] == b"iTXt"


def test_baking_an_uploaded_image_and_baking_twice(settings, tmp_path, member):
    from wagtail.images.models import Image as WagtailImage
    from wagtail.images.tests.utils import get_test_image_file

    settings.MEDIA_ROOT = str(tmp_path)
    image = WagtailImage.objects.create(title="Badge art", file=get_test_image_file(size=(300, 200)))
    award, _created = badges.award(member=member, badge=make_badge(BadgeCriterion.MANUAL, image=image))
    data = openbadges.baked_png(award)
    with Image.open(io.BytesIO(data)) as opened:
        assert opened.size == (300, 200)
    rebaked = openbadges.bake(data, "https://example.org/other.json")
    assert openbadges_texts(rebaked) == ["https://example.org/other.json"]  # one chunk, replaced


@pytest.mark.clock
def test_the_public_assertion_page(client, member, earned):
    member.display_name = "Fleur de Vries"
    member.save(update_fields=["display_name"])
    page = client.get(f"/badges/assertions/{earned.uuid}/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200
    assert "First lesson" in html and "Fleur de Vries" in html and "Verified" in html
    assert f"/badges/assertions/{earned.uuid}.png" in html
    assert member.email not in html
    assert "linkedin.com" not in html  # only the recipient gets the LinkedIn button

    client.force_login(member)
    html = client.get(f"/badges/assertions/{earned.uuid}/").content.decode()
    (link,) = [part.split('"')[0] for part in html.split('href="')[1:] if "linkedin.com/profile/add" in part]
    query = parse_qs(urlparse(link.replace("&amp;", "&")).query)
    assert query["startTask"] == ["CERTIFICATION_NAME"]
    assert query["name"] == ["First lesson"]
    assert query["organizationName"] == [settings.WAGTAIL_SITE_NAME]
    assert query["certId"] == [str(earned.uuid)]
    assert query["certUrl"] == [f"{settings.BASE_URL}/badges/assertions/{earned.uuid}/"]
    issued = timezone.localtime(earned.awarded_at)
    assert query["issueYear"] == [str(issued.year)] and query["issueMonth"] == [str(issued.month)]


def test_unknown_assertions_and_classes_answer_404(client):
    assert client.get("/badges/assertions/00000000-0000-0000-0000-000000000000.json").status_code == 404
    assert client.get("/badges/classes/999999.json").status_code == 404


# --- the member page and the API --------------------------------------------------------


def test_my_badges_page_needs_login_and_shows_earned(client, member, earned):
    make_badge(action="quiz_passed", count=5, name="Quiz whizz")
    response = client.get("/badges/")
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(member)
    html = client.get("/badges/").content.decode()
    assert html.count('data-earned="true"') == 1 and html.count('data-earned="false"') == 1
    assert "Quiz whizz" in html and "at least 5 times" in html
    assert f"/badges/assertions/{earned.uuid}.png" in html


def _badges_for_api(member, how_many):
    for i in range(how_many):
        kind = [BadgeCriterion.ACTION_COUNT, BadgeCriterion.LEVEL, BadgeCriterion.MANUAL][i % 3]
        badge = make_badge(kind, action="lesson_completed", level=3, count=2)
        if i % 2 == 0:
            badges.award(member=member, badge=badge)


def test_api_lists_badges_with_earned_flags_in_constant_queries(api, member, django_assert_max_num_queries):
    _badges_for_api(member, 2)
    with CaptureQueriesContext(connection) as two:
        response = api.get("/api/v1/badges/")
    assert response.status_code == 200
    assert [row["earned"] for row in response.json()].count(True) == 1
    _badges_for_api(member, 8)
    with django_assert_max_num_queries(len(two.captured_queries)):
        response = api.get("/api/v1/badges/")
    rows = response.json()
    assert len(rows) == 10 and sum(row["earned"] for row in rows) == 5
    row = next(row for row in rows if row["earned"])
    assert set(row) >= {"id", "name", "description", "image_url", "criterion", "earned", "awarded_at", "assertion_url"}
    assert row["assertion_url"].endswith("/") and "/badges/assertions/" in row["assertion_url"]
    assert row["awarded_at"]
    unearned = next(row for row in rows if not row["earned"])
    assert unearned["awarded_at"] is None and unearned["assertion_url"] is None


def test_api_needs_a_signed_in_member(anon_api):
    assert anon_api.get("/api/v1/badges/").status_code in (401, 403)


def test_admin_badge_snippets_for_masters(client, master, member):
    badge = make_badge(BadgeCriterion.MANUAL, name="Trade fair hero")
    badges.award(member=member, badge=badge)
    client.force_login(master)
    listing = client.get("/admin/snippets/gamification/badgeclass/")
    assert listing.status_code == 200 and "Trade fair hero" in listing.content.decode()
    assert client.get("/admin/snippets/gamification/badgeclass/add/").status_code == 200
    form = {
        "name": "Sharer",
        "name_en": "",
        "slug": "sharer",
        "description": "Share five stories.",
        "description_en": "",
        "image": "",
        "criterion": BadgeCriterion.ACTION_COUNT,
        "action": "",
        "count": "5",
        "period_days": "",
        "level": "",
        "ref": "",
        "active": "on",
    }
    response = client.post("/admin/snippets/gamification/badgeclass/add/", form)
    assert response.status_code == 200 and not BadgeClass.objects.filter(slug="sharer").exists()  # no action
    response = client.post("/admin/snippets/gamification/badgeclass/add/", {**form, "action": "story_shared"})
    assert response.status_code == 302
    assert BadgeClass.objects.get(slug="sharer").action == "story_shared"
    response = client.post(f"/admin/snippets/gamification/badgeclass/delete/{badge.pk}/")
    assert response.status_code == 302  # refused with a message: awarded badges are retired, not deleted
    assert BadgeClass.objects.filter(pk=badge.pk).exists()
    unused = make_badge(BadgeCriterion.MANUAL)
    assert client.post(f"/admin/snippets/gamification/badgeclass/delete/{unused.pk}/").status_code == 302
    assert not BadgeClass.objects.filter(pk=unused.pk).exists()
    client.force_login(member)
    assert client.get("/admin/snippets/gamification/badgeclass/").status_code == 302
