"""A member's data across every app: the download holds it all, erasure leaves nothing
that identifies them and keeps every count; both are audited."""

import pytest
from django.apps import apps
from django.db import models
from django.db.models.functions import Cast

from challenges.models import Challenge, Story
from cms.services import privacy
from gamification.leaderboards.boards import parse_board
from gamification.leaderboards.sql import sql_backend
from gamification.models import Nomination, PointRule, PointsEntry, PointsTotal, PrizePeriod
from gamification.services.points import correct_points, record_action
from learning import services as learning_services
from learning.models import CourseCompletion, LessonCompletion
from people import selectors as people_selectors
from people import services as people_services
from people.models import AuditAction, AuditLog, Invitation, Member, Notification, Role
from tests.challenges.factories import ChallengeFactory
from tests.factories import MemberFactory, lessons_of, make_course
from tests.gamification.factories import PointRuleFactory

pytestmark = pytest.mark.django_db

NAME = "Zebedeus Quintijn"
EMAIL = "zebedeus.quintijn@example.com"


def text_columns():
    """Every column of every model that can hold text: char (e-mail, URL, slug…), text,
    JSON, and file names."""
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField, models.JSONField, models.FileField)):
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
    invitation = people_services.invite(
        rows=[{"name": NAME, "email": EMAIL, "line": 2}], by=master, message=f"Dear {NAME}, join us!"
    )[0]
    member = people_services.accept(token=people_selectors.token_for(invitation), password="a long secret pass 42")
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
    people_services.notify(member=member, kind="hello", title=f"Hello {NAME}")
    people_services.notify(member=master, kind="story", title=f"A new story by {NAME}", body=f"{NAME} wrote something")
    from challenges.models import Compliment

    Story.objects.create(
        creator=member, title=f"{NAME} at the fair", text=f"I am {NAME}", original_text=f"By {NAME}", status="approved"
    )
    other_story = Story.objects.create(creator=master, title="Master's story", status="approved")
    Compliment.objects.create(story=other_story, by=member, message=f"Great! {NAME}")
    build_copies(member, master)
    # A closed challenge's results are fixed as JSON copies that name the entrants.
    row = {"member_id": member.pk, "name": NAME, "score": 5, "rank": 1}
    ChallengeFactory(state="judged", standings=[row, {**row, "member_id": master.pk, "name": "Master"}], winners=[row])
    period = PrizePeriod.objects.create(title="Q", starts_at="2020-01-01T00:00Z", ends_at="2099-01-01T00:00Z")
    Nomination.objects.create(period=period, nominator=master, nominee=member, reason=f"{NAME} inspires us")


def build_copies(member, master):
    """The places that hold a copy of the member's name or address outside their own rows:
    sign-in rows (allauth addresses, an SSO identity with its claims, a passkey), the SCIM
    externalId, files (avatar, story photo and video, report exports that list them), others'
    points for sharing their story (labelled with its title), the admin's log of an edit."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.socialaccount.models import SocialAccount
    from django.core.files.base import ContentFile
    from wagtail.log_actions import log

    from challenges import services as challenge_services
    from challenges.models import ShareClick, StoryImage
    from cms.reports import services as report_services
    from tests.challenges.conftest import png_bytes

    EmailAddress.objects.create(user=member, email=EMAIL, verified=True, primary=True)
    SocialAccount.objects.create(user=member, provider="oidc", uid=EMAIL, extra_data={"name": NAME, "email": EMAIL})
    Authenticator.objects.create(user=member, type="webauthn", data={"name": f"{NAME}'s phone"})
    member.scim_external_id = EMAIL
    member.avatar.save("zebedeus.png", ContentFile(png_bytes()), save=False)
    member.save()
    story = Story.objects.create(creator=member, title=f"{NAME} on stage", status="approved")
    story.video.save("quintijn-talk.mp4", ContentFile(b"\x00\x00\x00\x18ftypmp42video"), save=True)
    name = StoryImage._meta.get_field("image").storage.save("stories/images/quintijn.png", ContentFile(png_bytes()))
    StoryImage.objects.create(story=story, image=name, width=40, height=30)
    PointRule.objects.update_or_create(action="story_shared", defaults={"label": "Share", "points": 2})
    link, _share, _created = challenge_services.share_story(member=master, story=story, network="linkedin")
    click = ShareClick.objects.create(link=link, day="2026-01-01", visitor_hash="v")
    PointsEntry.objects.create(member=master, action="share_click", ref=f"click:{click.pk}", points=1, label=str(story))
    log(instance=story, action="wagtail.edit", user=master)
    member.is_hr = True
    member.save(update_fields=["is_hr"])
    MemberFactory.create_batch(4)  # a per-person export needs five members
    for asker in (member, master):
        export = report_services.queue_export(member=asker, params={}, names=["people"], fmt="csv")
        report_services.build_export(export_id=export.pk)


def stored_files(*roots):
    return [p for root in roots for p in root.rglob("*") if p.is_file()]


def test_erasure_leaves_no_personal_data_and_keeps_totals(
    person, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = tmp_path / "media", tmp_path / "private"
    master = Member.objects.get(role=Role.MASTER)
    master.is_hr = True
    master.save(update_fields=["is_hr"])
    build_activity(person, master)
    files = stored_files(settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT)
    assert len(files) == 5  # avatar, photo, video, two exports
    assert any(NAME in f.read_text("utf-8", "ignore") for f in files if f.suffix == ".csv")
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
    with django_capture_on_commit_callbacks(execute=True):
        privacy.erase_member(member=person, by=person, password="a long secret pass 42")

    assert places_mentioning(NAME, EMAIL, "Quintijn", "zebedeus") == []
    assert stored_files(settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT) == []
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
    challenge = Challenge.objects.get(state="judged")
    former = {"member_id": person.pk, "name": person.email.split("@")[0], "score": 5, "rank": 1}
    assert challenge.winners == [former] and challenge.standings[0] == former
    assert challenge.standings[1]["name"] == "Master"
    board = [row.member_id for row in sql_backend().top(parse_board("all"), "all", 10, include_hidden=True)]
    assert person.pk not in board
    assert AuditLog.objects.filter(action=AuditAction.MEMBER_ERASED, target_id=person.pk).count() == 1


def test_erasing_twice_is_refused(member, password, master):
    privacy.erase_member(member=member, by=member, password=password)
    with pytest.raises(privacy.AlreadyErased) as excinfo:
        privacy.erase_member(member=member, by=master)
    assert excinfo.value.status_code == 409
    assert AuditLog.objects.filter(action=AuditAction.MEMBER_ERASED).count() == 1


def test_a_member_erasing_themselves_needs_their_password(member):
    with pytest.raises(privacy.WrongPassword) as excinfo:
        privacy.erase_member(member=member, by=member, password="wrong")
    assert excinfo.value.status_code == 400
    member.refresh_from_db()
    assert member.erased_at is None


def test_the_export_leaves_out_what_others_wrote_about_the_member(member, master):
    # A closed challenge's results are fixed as JSON copies that name the entrants.
    row = {"member_id": member.pk, "name": NAME, "score": 5, "rank": 1}
    ChallengeFactory(state="judged", standings=[row, {**row, "member_id": master.pk, "name": "Master"}], winners=[row])
    period = PrizePeriod.objects.create(title="Q", starts_at="2020-01-01T00:00Z", ends_at="2099-01-01T00:00Z")
    Nomination.objects.create(period=period, nominator=master, nominee=member, reason="Inspiring")
    data = privacy.export_member_data(member=member, by=member)
    assert "nominations_received" not in data and data["nominations_made"] == []
    assert data["profile"]["email"] == member.email
    assert AuditLog.objects.filter(action=AuditAction.DATA_EXPORTED, target_id=member.pk, actor=member).count() == 1


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

    settings.PRIVATE_MEDIA_ROOT = tmp_path
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
