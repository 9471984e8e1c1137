"""Sessions are real Wagtail pages under a session overview; registrations are rows of a
session. Tests that are about registering go through ``events.services.registration``."""

import datetime
import uuid

import factory
from django.utils import timezone

from events.models import LinkedInChecklistItem, Registration, SessionIndexPage, SessionKind, SessionPage
from tests.factories import MemberFactory, home_page


def session_index() -> SessionIndexPage:
    """The session overview under the home page (made once)."""
    home = home_page()
    existing = SessionIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    page = home.add_child(instance=SessionIndexPage(title="Sessions", slug="sessions"))
    page.save_revision().publish()
    return page


class SessionFactory(factory.Factory):
    """``SessionFactory(title=…, starts_in=…, hosts=[…], departments=[…], publish=False)``:
    a session page, published (with a revision, as an editor would) unless ``publish=False``."""

    class Meta:
        model = SessionPage

    class Params:
        starts_in = datetime.timedelta(days=7)
        duration = datetime.timedelta(hours=1)
        publish = True

    title = "Kennissessie"
    slug = factory.LazyFunction(lambda: f"s-{uuid.uuid4().hex[:8]}")
    kind = SessionKind.KENNISSESSIE
    starts_at = factory.LazyAttribute(lambda o: timezone.now() + o.starts_in)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + o.duration)
    capacity = 10
    waiting_list = True
    live = factory.SelfAttribute("publish")

    @classmethod
    def _create(cls, model_class, *args, hosts=(), departments=(), **kwargs):
        session = session_index().add_child(instance=model_class(**kwargs))
        if hosts:
            session.hosts.set(list(hosts))
        if departments:
            session.audience_departments.set(list(departments))
        if hosts or departments:
            session.save()
        if session.live:
            session.save_revision().publish()
        return SessionPage.objects.get(pk=session.pk)


class MeetupFactory(SessionFactory):
    title = "Meetup"
    kind = SessionKind.MEETUP


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A row as it would be after registering, without the service's checks (for reports
    and attendance figures); ``attended=True`` for someone who came."""

    class Meta:
        model = Registration

    session = factory.SubFactory(SessionFactory)
    member = factory.SubFactory(MemberFactory)
    status = Registration.Status.REGISTERED
    position = factory.Sequence(lambda n: n + 1)


class LinkedInChecklistItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LinkedInChecklistItem

    title = factory.Sequence(lambda n: f"Step {n}")
    sort_order = factory.Sequence(lambda n: n)
    locale = factory.LazyFunction(lambda: home_page().locale)


def move(session: SessionPage, **fields) -> SessionPage:
    """Change a session's live fields directly (as time passing would), bypassing publish."""
    SessionPage.objects.filter(pk=session.pk).update(**fields)
    return SessionPage.objects.get(pk=session.pk)
