"""The Masters' admin home panel and the report menu items."""

import datetime

import pytest
from django.utils import timezone

from challenges.models import Challenge, Story
from cms.reports.selectors import attention_counts
from people.models import Invitation
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.mark.clock
def test_attention_panel_counts_what_needs_doing(client, master):
    creator = MemberFactory()
    Story.objects.create(creator=creator, title="Waiting", status="submitted")
    Story.objects.create(creator=creator, title="Done", status="approved")
    now = timezone.now()
    Challenge.objects.create(
        title="Ends soon",
        state="open",
        opens_at=now - datetime.timedelta(days=3),
        closes_at=now + datetime.timedelta(days=2),
    )
    Challenge.objects.create(
        title="Ends later", state="open", opens_at=now, closes_at=now + datetime.timedelta(days=30)
    )
    Invitation.objects.create(email="a@example.com", name="A", nonce="n", expires_at=now, sent_at=now)
    Invitation.objects.create(email="b@example.com", name="B", nonce="n", expires_at=now, sent_at=now, accepted_at=now)
    client.force_login(master)
    html = client.get("/admin/").content.decode()
    assert 'data-testid="attention-panel"' in html
    counts = {item["key"]: item["count"] for item in attention_counts()}
    assert counts["review_queue"] == 1
    assert counts["challenges_ending"] == 1
    assert counts["invitations_unanswered"] == 1
    assert "sessions_this_week" in counts


def test_hr_sees_reports_in_the_menu_but_not_the_panel(client):
    client.force_login(MemberFactory(is_hr=True))
    html = client.get("/admin/").content.decode()
    assert 'data-testid="attention-panel"' not in html
    assert "/reports/" in html
