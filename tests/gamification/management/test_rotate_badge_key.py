"""``rotate_badge_key``: a new current key; the old one stays a verification method. The keys
are stored sealed, and ``--reseal`` moves them to a new ``SECRET_KEY``."""

import importlib
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from core.sealed import Unsealable
from gamification.models import SigningKey
from gamification.openbadges import did
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


def test_the_stored_key_is_sealed_and_still_signs_after_the_secret_key_changes(client):
    with override_settings(SECRET_KEY="old-secret"):
        key = credentials.current_key()
        before = credentials.sign({"sub": "x"})
    stored = SigningKey.objects.get(pk=key.pk).private_key
    assert stored.startswith("sealed:v1:") and "PRIVATE KEY" not in stored
    assert before.count(".") == 2
    with override_settings(SECRET_KEY="new-secret", SECRET_KEY_FALLBACKS=[]):
        with pytest.raises(Unsealable):
            credentials.sign({"sub": "x"})
        with pytest.raises(CommandError, match="FALLBACKS"):
            call_command("rotate_badge_key", "--reseal", stdout=io.StringIO())
    with override_settings(SECRET_KEY="new-secret", SECRET_KEY_FALLBACKS=["old-secret"]):
        out = io.StringIO()
        call_command("rotate_badge_key", "--reseal", stdout=out)
        assert "Resealed 1 signing key" in out.getvalue()
    with override_settings(SECRET_KEY="new-secret", SECRET_KEY_FALLBACKS=[]):
        token = credentials.sign({"sub": "x"})
    assert SigningKey.objects.get(pk=key.pk).kid == key.kid  # the same key, not a new one
    assert token.split(".")[0] == before.split(".")[0]  # same header: same kid


def test_the_migration_seals_keys_stored_plain_and_going_back_opens_them():
    """``0008_seal_signing_keys``'s functions on this database (the schema is the same before
    and after: only the column's content changes)."""
    from django.apps import apps

    migration = importlib.import_module("gamification.migrations.0008_seal_signing_keys")
    kid, pem, jwk = did.new_key()
    plain = SigningKey.objects.create(kid=kid, private_key=pem, public_jwk=jwk, is_current=True)
    migration.seal_keys(apps, None)
    stored = SigningKey.objects.get(pk=plain.pk).private_key
    assert stored.startswith("sealed:v1:")
    migration.seal_keys(apps, None)  # twice: sealed once only
    assert SigningKey.objects.get(pk=plain.pk).private_key == stored
    assert credentials.sign({"sub": "x"}).count(".") == 2
    migration.open_keys(apps, None)
    assert SigningKey.objects.get(pk=plain.pk).private_key == pem
