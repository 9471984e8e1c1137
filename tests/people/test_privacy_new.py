"""Downloading and erasing one's own data; the audit log."""

import pytest
from django.apps import apps
from django.db import models
from django.db.models.functions import Cast

from challenges.models import Story
from cms import privacy
from gamification.leaderboards.boards import parse_board
from gamification.leaderboards.sql import sql_backend
from gamification.models import Nomination, PointRule, PointsEntry, PointsTotal
from gamification.services.points import correct_points, record_action
from learning import services as learning_services
from learning.models import CourseCompletion, LessonCompletion
from people import invitations
from people.models import AuditAction, AuditLog, Invitation, Member, Notification, Role
from people.services import notify
from tests.factories import MemberFactory, lessons_of, make_course
from tests.gamification.factories import PointRuleFactory, PrizePeriodFactory

pytestmark = pytest.mark.django_db

NAME = "Zebedeus Quintijn"
EMAIL = "zebedeus.quintijn@example.com"


def text_columns():
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField, models.JSONField)):
                yield model, field


def places_mentioning(*needles):
    """Every (model, column) in the whole database whose text contains one of ``needles``."""
    found = []
    for model, field in text_columns():
        qs = model._default_manager.all()
        if isinstance(field, models.JSONField):
            qs = qs.annotate(_as_text=Cast(field.name, models.TextField()))
            column = "_as_text"
        else:
            column = field.name
        for needle in needles:
            if qs.filter(**{f"{column}__icontains": needle}).exists():
                found.append(f"{model._meta.label}.{field.name}")
    return found


@pytest.fixture
def person(make_member):
    master = make_member(role=Role.MASTER)
    invitation = invitations.invite(
        rows=[{"name": NAME, "email": EMAIL, "line": 2}], by=master, message=f"Dear {NAME}, join us!"
    )[0]
    member = invitations.accept(token=invitations.token_for(invitation), password="a long secret pass 42")
    member.first_name, member.last_name = "Zebedeus", "Quintijn"
    member.network_size = 900
    member.save()
    return member


def build_activity(member, master):
    PointRule.objects.update_or_create(action="lesson_completed", defaults={"label": "Lesson", "points": 10})
    course = make_course(lessons=2)
    for lesson in lessons_of(course):
        learning_services.complete_lesson(member=member, lesson=lesson)
    record_action(member=member, action="lesson_completed", ref="extra")
    correct_points(member=member, points=5, reason=f"Great talk by {NAME}", by=master)
    notify(member=member, kind="hello", title=f"Hello {NAME}")
    notify(member=master, kind="story", title=f"A new story by {NAME}", body=f"{NAME} wrote something")
    from challenges.models import Compliment

    story = Story.objects.create(
        creator=member, title=f"{NAME} at the fair", text=f"I am {NAME}", original_text=f"By {NAME}", status="approved"
    )
    other_story = Story.objects.create(creator=master, title="Master's story", status="approved")
    Compliment.objects.create(story=other_story, by=member, message=f"Great! {NAME}")
    assert story.pk
    period = PrizePeriodFactory(title="Q", starts_at="2020-01-01T00:00Z", ends_at="2099-01-01T00:00Z")
    Nomination.objects.create(period=period, nominator=master, nominee=member, reason=f"{NAME} inspires us")


def test_export_holds_my_data_and_is_audited(api, member):
    PointRuleFactory(action="x", label="X", points=3)
    record_action(member=member, action="x", ref="1")
    response = api.get("/api/v1/me/export/")
    assert response.status_code == 200
    data = response.json()
    assert data["profile"]["email"] == member.email
    assert [p["points"] for p in data["points"]] == [3]
    assert "attachment" in response["Content-Disposition"]
    assert AuditLog.objects.filter(action=AuditAction.DATA_EXPORTED, target_id=member.pk).count() == 1


def test_export_needs_sign_in(anon_api):
    assert anon_api.get("/api/v1/me/export/").status_code in (401, 403)


def test_erasure_leaves_no_personal_data_and_keeps_totals(person, make_member, client):
    master = Member.objects.get(role=Role.MASTER)
    build_activity(person, master)
    assert places_mentioning(NAME, EMAIL, "Quintijn")  # the search finds them before erasure
    totals = {
        "points": PointsTotal.objects.get(member=person).total,
        "ledger": PointsEntry.objects.count(),
        "lessons": LessonCompletion.objects.count(),
        "courses": CourseCompletion.objects.count(),
        "members": Member.objects.count(),
        "accepted": Invitation.objects.filter(accepted_at__isnull=False).count(),
        "stories": Story.objects.filter(status="approved").count(),
    }
    client.force_login(person)
    response = client.post("/api/v1/me/erase/", {"password": "a long secret pass 42"}, content_type="application/json")
    assert response.status_code == 200, response.content

    assert places_mentioning(NAME, EMAIL, "Quintijn", "zebedeus") == []
    person.refresh_from_db()
    assert not person.is_active and person.erased_at and not person.has_usable_password()
    assert person.network_size is None
    assert Notification.objects.filter(member=person).count() == 0
    assert Notification.objects.get(member=master, kind="story").title == "A new story by a former member"
    assert {
        "points": PointsTotal.objects.get(member=person).total,
        "ledger": PointsEntry.objects.count(),
        "lessons": LessonCompletion.objects.count(),
        "courses": CourseCompletion.objects.count(),
        "members": Member.objects.count(),
        "accepted": Invitation.objects.filter(accepted_at__isnull=False).count(),
        "stories": Story.objects.filter(status="approved").count(),
    } == totals
    board = [row.member_id for row in sql_backend().top(parse_board("all"), "all", 10, include_hidden=True)]
    assert person.pk not in board
    assert AuditLog.objects.filter(action=AuditAction.MEMBER_ERASED, target_id=person.pk).count() == 1
    # Signed out and unable to sign in again.
    assert client.get("/api/v1/me/").status_code in (401, 403)


def test_erasure_needs_the_right_password(api, member):
    response = api.post("/api/v1/me/erase/", {"password": "wrong"}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == "The password is not correct."
    member.refresh_from_db()
    assert member.is_active and member.erased_at is None
    response = api.post("/api/v1/me/erase/", {}, format="json")
    assert response.status_code == 400


def test_erasing_twice_is_refused(member, password):
    privacy.erase_member(member=member, by=member, password=password)
    other = MemberFactory(role=Role.MASTER)
    with pytest.raises(privacy.AlreadyErased):
        privacy.erase_member(member=member, by=other)
    assert AuditLog.objects.filter(action=AuditAction.MEMBER_ERASED).count() == 1


def test_profile_page_offers_download_and_erasure(client, member, password):
    client.force_login(member)
    assert b'data-testid="my-data"' in client.get("/profile/").content
    download = client.get("/profile/my-data/")
    assert download.status_code == 200 and download.json()["profile"]["email"] == member.email
    assert client.get("/profile/erase/").status_code == 200
    wrong = client.post("/profile/erase/", {"password": "nope"})
    assert wrong.status_code == 200 and b"not correct" in wrong.content
    response = client.post("/profile/erase/", {"password": password})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.erased_at is not None


def test_a_master_erases_a_member_on_request_with_their_own_password(client, member):
    master = MemberFactory(role=Role.MASTER)
    client.force_login(master)
    listing = client.get("/admin/users/")
    assert f"/members/{member.pk}/erase/".encode() in listing.content
    assert client.get(f"/members/{member.pk}/data/").status_code == 200
    assert client.post(f"/members/{member.pk}/erase/", {"password": "wrong"}).status_code == 200
    member.refresh_from_db()
    assert member.erased_at is None
    response = client.post(f"/members/{member.pk}/erase/", {"password": "correct horse battery"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.erased_at is not None
    actions = set(AuditLog.objects.filter(actor=master, target_id=member.pk).values_list("action", flat=True))
    assert actions == {AuditAction.DATA_EXPORTED, AuditAction.MEMBER_ERASED}


@pytest.mark.parametrize(
    "who", [{"role": Role.AMBASSADOR}, {"role": Role.EDITOR}, {"is_hr": True}, {"role": Role.ACTIVATOR}]
)
def test_only_masters_erase_or_export_others(client, member, who):
    client.force_login(MemberFactory(**who))
    assert client.get(f"/members/{member.pk}/data/").status_code == 403
    assert client.post(f"/members/{member.pk}/erase/", {"password": "correct horse battery"}).status_code == 403
    member.refresh_from_db()
    assert member.erased_at is None


def test_erasure_takes_the_member_off_the_redis_boards(redis_url, settings, django_capture_on_commit_callbacks):
    import uuid as uuid_module

    import redis

    from gamification.leaderboards.fallback import FallbackBackend
    from gamification.leaderboards.redis_index import RedisBackend

    settings.LEADERBOARD_KEY_PREFIX = f"h6erase:{uuid_module.uuid4().hex[:10]}"
    settings.LEADERBOARD_BACKEND = "redis"
    FallbackBackend.reset()
    backend = RedisBackend(redis.Redis.from_url(redis_url), prefix=settings.LEADERBOARD_KEY_PREFIX)
    try:
        PointRuleFactory(action="h6_points", label="P", points=10)
        gone, stays = MemberFactory(), MemberFactory()
        backend.rebuild()
        with django_capture_on_commit_callbacks(execute=True):
            record_action(member=gone, action="h6_points", ref="1")
            record_action(member=stays, action="h6_points", ref="1")
        board = parse_board("all")
        assert {row.member_id for row in backend.top(board, "all", 10)} == {gone.pk, stays.pk}
        with django_capture_on_commit_callbacks(execute=True):
            privacy.erase_member(member=gone, by=gone, password="correct horse battery")
        assert [row.member_id for row in backend.top(board, "all", 10)] == [stays.pk]
        assert [row.member_id for row in backend.top(board, "all", 10, include_hidden=True)] == [stays.pk]
    finally:
        FallbackBackend.reset()
        client = redis.Redis.from_url(redis_url)
        for key in client.scan_iter(match=f"{settings.LEADERBOARD_KEY_PREFIX}:*"):
            client.delete(key)


def test_erasure_removes_the_photos_and_video_of_the_members_stories(
    member, password, settings, tmp_path, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile

    from challenges.models import StoryImage
    from tests.challenges.conftest import png_bytes

    settings.MEDIA_ROOT = tmp_path
    story = Story.objects.create(creator=member, title="At the fair", status="approved")
    story.video.save("fair.mp4", ContentFile(b"\x00\x00\x00\x18ftypmp42video"), save=True)
    name = StoryImage._meta.get_field("image").storage.save("stories/images/fair.png", ContentFile(png_bytes()))
    image = StoryImage.objects.create(story=story, image=name, width=40, height=30)
    files = [tmp_path / story.video.name, tmp_path / image.image.name]
    assert all(f.exists() for f in files)
    with django_capture_on_commit_callbacks(execute=True):
        privacy.erase_member(member=member, by=member, password=password)
    assert not any(f.exists() for f in files)
    story.refresh_from_db()
    assert story.video.name == "" and not story.images.exists()
    assert Story.objects.filter(creator=member).count() == 1  # the count stays
