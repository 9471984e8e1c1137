"""Conversions and self-reported share results, through the services."""

import datetime

import pytest
from django.utils import timezone

from challenges.models import Conversion
from challenges.services import outcomes
from core.errors import Conflict, InvalidInput, NotFound
from tests.challenges.factories import ShareFactory, ShareLinkFactory
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_signature_matches_only_the_right_hmac():
    import hashlib
    import hmac

    body = b'{"a": 1}'
    good = hmac.new(b"k", body, hashlib.sha256).hexdigest()
    assert outcomes.signature_matches(body=body, header=good, secret="k")
    assert outcomes.signature_matches(body=body, header=f"sha256={good.upper()}", secret="k")
    assert not outcomes.signature_matches(body=body + b" ", header=good, secret="k")
    assert not outcomes.signature_matches(body=body, header=good, secret="")
    assert not outcomes.signature_matches(body=body, header="", secret="k")


def test_record_conversion_copies_the_wave_and_is_idempotent():
    link = ShareLinkFactory(member=MemberFactory(wave=2))
    payload = {
        "link": link.code,
        "kind": "lead",
        "occurred_at": timezone.now().isoformat(),
        "external_id": "crm-1",
    }
    first, created = outcomes.record_conversion(payload=payload)
    again, created_again = outcomes.record_conversion(payload=dict(payload))
    assert (created, created_again) == (True, False)
    assert first.pk == again.pk and first.wave == 2 and first.value is None
    with pytest.raises(Conflict):
        outcomes.record_conversion(payload={**payload, "value": 10})
    with pytest.raises(NotFound):
        outcomes.record_conversion(payload={**payload, "link": "missing", "external_id": "crm-2"})
    assert Conversion.objects.count() == 1


def test_record_conversion_accepts_a_little_clock_drift_but_not_tomorrow():
    link = ShareLinkFactory()
    now = timezone.now()
    soon = {"link": link.code, "kind": "sale", "occurred_at": (now + datetime.timedelta(minutes=5)).isoformat()}
    outcomes.record_conversion(payload={**soon, "external_id": "a"}, now=now)
    with pytest.raises(InvalidInput):
        later = (now + datetime.timedelta(days=1)).isoformat()
        outcomes.record_conversion(payload={**soon, "occurred_at": later, "external_id": "b"}, now=now)


def test_report_share_results_saves_only_the_given_fields():
    share = ShareFactory(network="linkedin")
    outcomes.report_share_results(member=share.member, share_id=share.pk, reactions=12, comments=3)
    outcomes.report_share_results(
        member=share.member, share_id=share.pk, post_url="https://www.linkedin.com/posts/me-123"
    )
    share.refresh_from_db()
    assert (share.reactions, share.comments, share.reposts) == (12, 3, None)
    assert share.post_url == "https://www.linkedin.com/posts/me-123"
    assert share.results_reported_at is not None


@pytest.mark.parametrize(
    "fields",
    [
        {"post_url": "https://evil.example.com/linkedin.com"},
        {"post_url": "not a url"},
        {"reactions": -1},
        {"comments": "many"},
        {"reposts": 1.5},
    ],
)
def test_report_share_results_refuses_bad_input(fields):
    share = ShareFactory(network="linkedin")
    with pytest.raises(InvalidInput):
        outcomes.report_share_results(member=share.member, share_id=share.pk, **fields)
    share.refresh_from_db()
    assert share.results_reported_at is None


def test_a_whatsapp_share_has_no_post_link():
    share = ShareFactory(network="whatsapp")
    with pytest.raises(InvalidInput):
        outcomes.report_share_results(member=share.member, share_id=share.pk, post_url="https://wa.me/123")


def test_someone_elses_share_is_not_found():
    share = ShareFactory()
    with pytest.raises(NotFound):
        outcomes.report_share_results(member=MemberFactory(), share_id=share.pk, reactions=1)
