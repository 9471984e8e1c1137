"""The monthly management summary: page, PDF and e-mail, once per subscriber and month, in
the recipient's language; managers see their own department."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from cms.models import ManagementSummary
from cms.reports import services
from cms.reports.selectors import previous_month
from people.models import Member, Role
from tests.challenges.factories import ShareFactory
from tests.factories import DepartmentFactory, MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    department = DepartmentFactory(name="Verkoop")
    members = [MemberFactory(department=department) for _ in range(6)]
    last_month = previous_month(timezone.localdate())
    moment = timezone.make_aware(datetime.datetime.combine(last_month + datetime.timedelta(days=3), datetime.time(12)))
    for member in members[:3]:
        ShareFactory(member=member, created_at=moment)
    Member.objects.update(date_joined=moment - datetime.timedelta(days=60))
    return department, members


@pytest.mark.clock
def test_previous_month_is_the_calendar_month_before(clock_moment):
    today = timezone.localdate(clock_moment.at)
    first = previous_month(today)
    assert first.day == 1 and first < today.replace(day=1)
    assert (today.replace(day=1) - first).days in (28, 29, 30, 31)


def test_subscribers_get_one_email_a_month_in_their_language(team):
    department, members = team
    manager = members[0]
    manager.manager_of, manager.monthly_summary, manager.language = department, True, "nl"
    manager.save()
    hr = MemberFactory(is_hr=True, monthly_summary=True, language="en", department=None)
    MemberFactory(monthly_summary=True)  # an ambassador: no summary, even if the flag is set
    MemberFactory(is_hr=True)  # not subscribed
    assert services.send_monthly_summaries() == 2
    assert services.send_monthly_summaries() == 0
    assert ManagementSummary.objects.count() == 2
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {manager.email, hr.email}
    assert "Samenvatting social media over" in by_recipient[manager.email].subject
    assert "summary" in by_recipient[hr.email].subject
    assert by_recipient[hr.email].attachments[0][2] == "application/pdf"
    assert "Measured" in by_recipient[hr.email].body and "Unknown" in by_recipient[hr.email].body


def test_a_failed_send_is_tried_again(team, monkeypatch):
    hr = MemberFactory(is_hr=True, monthly_summary=True)
    calls = []

    def broken(*args, **kwargs):
        calls.append(1)
        raise OSError("smtp down")

    monkeypatch.setattr(services, "_send_summary", broken)
    with pytest.raises(OSError):
        services.send_monthly_summaries()
    assert not ManagementSummary.objects.filter(member=hr).exists()
    monkeypatch.undo()
    assert services.send_monthly_summaries() == 1


def test_the_page_for_a_manager_covers_their_department(team, client_for):
    department, members = team
    manager = members[0]
    manager.manager_of = department
    manager.save()
    page = client_for(manager).get("/reports/summary/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Verkoop" in text and "Measured" in text and "3 shares" in text


def test_the_pdf(team, client_for):
    response = client_for(MemberFactory(role=Role.MASTER)).get("/reports/summary.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


@pytest.mark.parametrize("role", [Role.AMBASSADOR, Role.EDITOR])
def test_others_get_403(client_for, role):
    assert client_for(MemberFactory(role=role)).get("/reports/summary/").status_code == 403
    assert client_for(MemberFactory(role=role)).get("/reports/summary.pdf").status_code == 403


@pytest.mark.parametrize(
    "language, expected",
    [
        (
            "nl",
            [
                "1 verhaal goedgekeurd",
                "3 delingen",
                "1.234 unieke kliks",
                "Lead: 2",
                "€ 1.234,50",
                "Voor 1 bericht",
                "1 reactie",
            ],
        ),
        (
            "en",
            [
                "1 story approved",
                "3 shares",
                "1,234 unique clicks",
                "Lead: 2",
                "€ 1,234.50",
                "For 1 post",
                "1 reaction",
            ],
        ),
    ],
)
def test_the_sentences_count_in_the_readers_language(language, expected):
    """Singular and plural as the number asks, thousands grouped and decimals as the reader
    writes them, conversion kinds by their translated name."""
    from django.utils import translation

    from cms.reports.selectors.summary import statements

    report = {
        "measured": {"stories": 1, "shares": 3, "unique_clicks": 1234, "by_kind": {"lead": 2}},
        "self_reported": {"posts": 1, "reactions": 1, "comments": 0, "reposts": 5},
        "estimated": {"media_value": 1234.5},
        "goals": [],
    }
    with translation.override(language):
        text = " ".join(sentence for _label, sentence in statements(report))
    for part in expected:
        assert part in text, (part, text)
