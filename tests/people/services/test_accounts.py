"""A member's own account (``people.services.accounts``): the reset request and its limits,
a new password, and logging out everywhere."""

import pytest
from django.contrib.auth.base_user import AbstractBaseUser
from rest_framework.authtoken.models import Token

from core.errors import InvalidInput, NotAllowed
from people import policies, services
from people.models import AuditAction, AuditLog
from people.services import accounts
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "purple tractor sings 42"


def test_a_reset_goes_to_a_known_address_only(mailoutbox, django_capture_on_commit_callbacks):
    MemberFactory(email="anna@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.request_password_reset(email=" Anna@Example.COM ", ip="10.0.0.1") is True
        assert services.request_password_reset(email="nobody@example.com", ip="10.0.0.1") is False
        assert services.request_password_reset(email="", ip="10.0.0.1") is False
    assert [mail.to for mail in mailoutbox] == [["anna@example.com"]]


def test_no_reset_for_inactive_erased_or_passwordless_members(mailoutbox):
    MemberFactory(email="gone@example.com", is_active=False)
    erased = MemberFactory(email="erased@example.com")
    erased.erased_at = erased.date_joined
    erased.save()
    sso = MemberFactory(email="sso@example.com")
    sso.set_unusable_password()
    sso.save()
    for email in ("gone@example.com", "erased@example.com", "sso@example.com"):
        assert services.request_password_reset(email=email) is False
    assert mailoutbox == []


def test_resets_are_limited_per_address_and_per_ip(mailoutbox, django_capture_on_commit_callbacks):
    MemberFactory(email="anna@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        sent = [services.request_password_reset(email="anna@example.com", ip="10.0.0.1") for _ in range(5)]
    assert sent == [True] * accounts.RESET_MAX_PER_ADDRESS + [False] * (5 - accounts.RESET_MAX_PER_ADDRESS)
    assert len(mailoutbox) == accounts.RESET_MAX_PER_ADDRESS

    others = [MemberFactory() for _ in range(accounts.RESET_MAX_PER_IP + 1)]
    results = [services.request_password_reset(email=m.email, ip="10.0.0.2") for m in others]
    assert results[-1] is False and all(results[:-1])


def test_the_reset_link_validity_is_said_in_words(settings):
    settings.PASSWORD_RESET_TIMEOUT = 2 * 3600
    assert services.reset_link_valid_for() == "2 hours"
    settings.PASSWORD_RESET_TIMEOUT = 1800
    assert services.reset_link_valid_for() == "30 minutes"


def test_a_new_password_is_validated_saved_audited_and_mailed(mailoutbox, django_capture_on_commit_callbacks):
    member = MemberFactory(language="nl")
    Token.objects.create(user=member)
    with pytest.raises(InvalidInput):
        services.set_new_password(member=member, password="123")
    with django_capture_on_commit_callbacks(execute=True):
        services.set_new_password(member=member, password=NEW_PASSWORD, via="change")
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    assert not Token.objects.filter(user=member).exists()
    assert AuditLog.objects.filter(action=AuditAction.PASSWORD_CHANGED, target_id=member.pk).count() == 1
    [mail] = mailoutbox
    assert mail.subject == "Je Social Shift-wachtwoord is gewijzigd"
    assert "/password-reset/" in mail.body and mail.alternatives[0][1] == "text/html"


def test_generation_zero_keeps_djangos_session_hash():
    """Deploying the generation counter logs nobody out."""
    member = MemberFactory()
    assert member.get_session_auth_hash() == AbstractBaseUser.get_session_auth_hash(member)
    member.session_generation = 1
    assert member.get_session_auth_hash() != AbstractBaseUser.get_session_auth_hash(member)


def test_logging_out_everywhere_raises_the_generation_and_revokes_tokens():
    member = MemberFactory()
    Token.objects.create(user=member)
    before = member.get_session_auth_hash()
    assert services.log_out_everywhere(member=member, actor=member) == 1
    assert services.log_out_everywhere(member=member, actor=member) == 2  # a double click is harmless
    member.refresh_from_db()
    assert member.session_generation == 2 and member.get_session_auth_hash() != before
    assert not Token.objects.filter(user=member).exists()
    assert AuditLog.objects.filter(action=AuditAction.LOGGED_OUT_EVERYWHERE, target_id=member.pk).count() == 2


def test_nobody_logs_out_someone_else():
    member, other = MemberFactory(), MemberFactory()
    assert policies.can_end_sessions(member, member)
    assert not policies.can_end_sessions(other, member)
    with pytest.raises(NotAllowed):
        services.log_out_everywhere(member=member, actor=other)
    member.refresh_from_db()
    assert member.session_generation == 0
