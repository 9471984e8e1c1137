"""``rotate_badge_key``: a new current key; the old one stays a verification method."""

import io

import pytest
from django.core.management import call_command

from gamification.models import SigningKey
from gamification.services import credentials

pytestmark = pytest.mark.django_db


def test_rotating_keeps_the_old_key_in_the_did_document(client):
    old = credentials.current_key()
    out = io.StringIO()
    call_command("rotate_badge_key", stdout=out)
    new = SigningKey.objects.get(is_current=True)
    assert new.kid != old.kid
    assert new.kid in out.getvalue()
    ids = [m["id"] for m in client.get("/.well-known/did.json").json()["verificationMethod"]]
    assert [i.split("#")[1] for i in ids] == [old.kid, new.kid]
