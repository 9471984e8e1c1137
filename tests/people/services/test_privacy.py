"""Erasure's people part: the row stays, what identifies the member goes."""

import pytest
from rest_framework.authtoken.models import Token

from people import services
from people.models import LeaderboardVisibility, Member, Notification
from people.services.privacy import erased_email

pytestmark = pytest.mark.django_db


def test_anonymise_keeps_the_row_and_removes_what_identifies_the_member(member, master):
    member.first_name, member.last_name, member.display_name = "Wilhelmina", "Zandvoort", "Mina Z"
    member.network_size, member.gender, member.in_pilot = 800, "woman", True
    member.save()
    services.notify(member=member, kind="x", title="Hello Mina Z", email=False)
    services.notify(member=master, kind="story", title="A new story by Mina Z", body="Mina Z wrote", email=False)
    Token.objects.create(user=member)

    services.anonymise(member=member)

    member.refresh_from_db()
    assert member.email == erased_email(member.pk)
    assert (member.first_name, member.last_name, member.display_name) == ("", "", "")
    assert member.network_size is None and member.gender == "" and not member.in_pilot
    assert not member.is_active and not member.has_usable_password() and member.erased_at is not None
    assert member.leaderboard_visibility == LeaderboardVisibility.HIDDEN
    assert not Notification.objects.filter(member=member).exists()
    theirs = Notification.objects.get(member=master)
    assert (theirs.title, theirs.body) == ("A new story by a former member", "a former member wrote")
    assert not Token.objects.filter(user=member).exists()
    assert Member.objects.filter(pk=member.pk).exists()


def test_the_invitation_of_an_erased_member_names_no_one(org, master):
    from people import selectors

    invitation = services.invite(rows=[{"name": "Tess", "email": "tess@example.com"}], by=master, message="Hi Tess")[0]
    member = services.accept(token=selectors.token_for(invitation), password="a long secret pass 42")
    services.anonymise(member=member)
    invitation.refresh_from_db()
    assert (invitation.email, invitation.name, invitation.message) == (member.email, "", "")
