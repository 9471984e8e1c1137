"""What moved out of ``learning`` (the sessions to ``events``, the content calendar to
``strategy``, in ``learning`` 0005) keeps every row: from an installation of before the move
the migrations keep the tables, rename the content types in place, and the session page is
served by ``events``' class afterwards.

Both moves are checked on one installation (one migration to the latest state per lane:
each costs as much as migrating the test database)."""

import datetime
import uuid

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from events.models import Registration, SessionPage
from strategy.models import CalendarEntry
from tests import migrations
from tests.factories import MemberFactory

# Migrations change the schema state, which needs a real transaction per migration.
pytestmark = pytest.mark.django_db(transaction=True)

THE_MOVE = ("learning", "0005_sessions_and_calendar_moved_out")
SESSIONS_MOVED = [("events", "0002_content_types_and_reminder_task")]


@pytest.fixture
def before():
    """The database as it was before the move (the migrated template comes back after the test)."""
    return migrations.before(THE_MOVE)


def build_old_session(apps, member, *, slug="moved"):
    """A session overview, a session and a registration as the old ``learning`` models
    wrote them (historical models: no Wagtail or treebeard code runs)."""
    OldContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Index = apps.get_model("learning", "SessionIndexPage")
    Session = apps.get_model("learning", "SessionPage")
    OldRegistration = apps.get_model("learning", "Registration")
    home = Page.objects.filter(depth=2).order_by("path").first()
    start = timezone.now() + datetime.timedelta(days=3)

    def page(model, parent, **fields):
        content_type, _ = OldContentType.objects.get_or_create(app_label="learning", model=model._meta.model_name)
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + 1)
        return model.objects.create(
            content_type=content_type,
            path=parent.path + "ZZZZ",  # the last place among the parent's children
            depth=parent.depth + 1,
            numchild=0,
            url_path=f"{parent.url_path}{fields['slug']}/",
            locale_id=home.locale_id,
            translation_key=uuid.uuid4(),
            live=True,
            draft_title=fields["title"],
            **fields,
        )

    index = page(Index, home, title="Sessions", slug=f"{slug}-sessions")
    session = page(
        Session,
        Page.objects.get(pk=index.pk),
        title="Moved session",
        slug=slug,
        kind="kennissessie",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        time_zone="Europe/Amsterdam",
        capacity=5,
    )
    registration = OldRegistration.objects.create(
        session_id=session.pk, member_id=member.pk, status="registered", position=1, code="MOVED001"
    )
    return index, session, registration


def test_the_rows_survive_and_the_content_type_is_renamed_in_place(before, client_for):
    member = MemberFactory(accepted_guidelines=False)  # the guidelines table is not there yet
    index, session, registration = build_old_session(before, member)
    old_content_type_id = session.content_type_id
    PeriodicTask = before.get_model("django_celery_beat", "PeriodicTask")
    Interval = before.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask.objects.create(
        name="reminders",
        task="learning.tasks.send_session_reminders",
        interval=Interval.objects.create(every=5, period="minutes"),
    )
    OldContentType = before.get_model("contenttypes", "ContentType")
    calendar_type = OldContentType.objects.get(app_label="learning", model="calendarentry")
    entry = before.get_model("learning", "CalendarEntry").objects.create(
        title="Koningsdag", kind="holiday", starts_on=datetime.date(2027, 4, 27)
    )

    migrations.migrate(migrations.latest())

    moved = SessionPage.objects.get(pk=session.pk)
    assert moved.content_type_id == old_content_type_id
    content_type = ContentType.objects.get(pk=old_content_type_id)
    assert (content_type.app_label, content_type.model) == ("events", "sessionpage")
    assert not ContentType.objects.filter(app_label="learning", model__in=["sessionpage", "registration"]).exists()
    assert Registration.objects.get(pk=registration.pk).session_id == session.pk
    assert moved.get_parent().specific_class.__module__ == "events.models"
    assert Permission.objects.get(codename="add_registration").content_type.app_label == "events"
    response = client_for(member).get(moved.url)
    assert response.status_code == 200
    assert type(response.context["page"]) is SessionPage
    assert "events/session_page.html" in [t.name for t in response.templates]
    assert "You have a place" in response.content.decode()
    from django_celery_beat.models import PeriodicTask as Task

    assert Task.objects.get(name="reminders").task == "events.tasks.send_session_reminders"
    assert CalendarEntry.objects.get(pk=entry.pk).title == "Koningsdag"
    assert ContentType.objects.get_for_model(CalendarEntry).pk == calendar_type.pk
    assert ContentType.objects.get(pk=calendar_type.pk).app_label == "strategy"


def test_when_both_content_types_exist_everything_moves_to_the_new_one(before):
    """Only as far as the sessions' move (the models are historical ones of that state)."""
    member = MemberFactory(accepted_guidelines=False)  # the guidelines table is not there yet
    _index, session, _registration = build_old_session(before, member, slug="twice")
    OldContentType = before.get_model("contenttypes", "ContentType")
    OldPermission = before.get_model("auth", "Permission")
    OldGroup = before.get_model("auth", "Group")
    Revision = before.get_model("wagtailcore", "Revision")
    old = OldContentType.objects.get(app_label="learning", model="sessionpage")
    # Something asked for the new content type (and its permissions) before the migration ran.
    new = OldContentType.objects.create(app_label="events", model="sessionpage")
    OldPermission.objects.create(content_type=new, codename="view_sessionpage", name="Can view session")
    old_view = OldPermission.objects.get_or_create(
        content_type=old, codename="view_sessionpage", defaults={"name": "Can view session"}
    )[0]
    old_change = OldPermission.objects.get_or_create(
        content_type=old, codename="change_sessionpage", defaults={"name": "Can change session"}
    )[0]
    group = OldGroup.objects.create(name="Session editors")
    group.permissions.add(old_view, old_change)
    revision = Revision.objects.create(
        content_type=old,
        base_content_type=OldContentType.objects.get(app_label="wagtailcore", model="page"),
        object_id=str(session.pk),
        content={"pk": session.pk, "title": "Moved session", "content_type": old.pk},
        created_at=timezone.now(),
    )

    after = migrations.migrate(SESSIONS_MOVED)

    assert not after.get_model("contenttypes", "ContentType").objects.filter(pk=old.pk).exists()
    assert after.get_model("events", "SessionPage").objects.get(pk=session.pk).content_type_id == new.pk
    group = after.get_model("auth", "Group").objects.get(name="Session editors")
    assert set(group.permissions.values_list("content_type", "codename")) == {
        (new.pk, "view_sessionpage"),
        (new.pk, "change_sessionpage"),
    }
    moved = after.get_model("wagtailcore", "Revision").objects.get(pk=revision.pk)
    assert moved.content_type_id == new.pk and moved.content["content_type"] == new.pk
