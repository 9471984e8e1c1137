"""Real Wagtail session pages under a session overview, and helpers for the session tests."""

import datetime
import uuid

from django.utils import timezone

from learning.models import SessionIndexPage, SessionKind, SessionPage
from tests.factories import home_page


def session_index():
    home = home_page()
    existing = SessionIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    page = home.add_child(instance=SessionIndexPage(title="Sessions", slug="sessions"))
    page.save_revision().publish()
    return page


def make_session(
    title="Kennissessie",
    *,
    kind=SessionKind.KENNISSESSIE,
    starts_in=datetime.timedelta(days=7),
    duration=datetime.timedelta(hours=1),
    capacity=10,
    waiting_list=True,
    hosts=(),
    departments=(),
    publish=True,
    **fields,
):
    start = fields.pop("starts_at", None) or timezone.now() + starts_in
    session = session_index().add_child(
        instance=SessionPage(
            title=title,
            slug=f"s-{uuid.uuid4().hex[:8]}",
            kind=kind,
            starts_at=start,
            ends_at=fields.pop("ends_at", None) or start + duration,
            capacity=capacity,
            waiting_list=waiting_list,
            live=publish,
            **fields,
        )
    )
    if hosts:
        session.hosts.set(list(hosts))
    if departments:
        session.audience_departments.set(list(departments))
    if hosts or departments:
        session.save()
    if publish:
        session.save_revision().publish()
    return SessionPage.objects.get(pk=session.pk)


def move(session, **fields):
    """Change a session's live fields directly (as time passing would), bypassing publish."""
    SessionPage.objects.filter(pk=session.pk).update(**fields)
    return SessionPage.objects.get(pk=session.pk)
