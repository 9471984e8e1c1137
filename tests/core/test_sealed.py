"""core.sealed: a sealed value opens with the SECRET_KEY it was sealed under or a fallback,
never with another secret or for another purpose, and is resealed under the current key."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from core import sealed

PEM = "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n"


def test_a_sealed_value_hides_the_text_and_opens_again():
    value = sealed.seal(PEM, purpose="p")
    assert sealed.is_sealed(value)
    assert "PRIVATE KEY" not in value and "abc" not in value
    assert sealed.unseal(value, purpose="p") == PEM
    assert sealed.seal(PEM, purpose="p") != value  # a fresh IV each time


def test_another_purpose_or_secret_does_not_open_it():
    value = sealed.seal(PEM, purpose="p")
    with pytest.raises(sealed.Unsealable):
        sealed.unseal(value, purpose="q")
    with override_settings(SECRET_KEY="another-secret"), pytest.raises(sealed.Unsealable, match="FALLBACKS"):
        sealed.unseal(value, purpose="p")


def test_an_altered_or_plain_value_is_refused():
    value = sealed.seal(PEM, purpose="p")
    altered = value[:-6] + ("A" if value[-6] != "A" else "B") + value[-5:]
    with pytest.raises(sealed.Unsealable):
        sealed.unseal(altered, purpose="p")
    with pytest.raises(sealed.Unsealable, match="unsealed"):
        sealed.unseal(PEM, purpose="p")


def test_a_rotated_secret_opens_through_its_fallback_and_reseals_under_the_new_one():
    with override_settings(SECRET_KEY="old-secret"):
        value = sealed.seal(PEM, purpose="p")
    with override_settings(SECRET_KEY="new-secret", SECRET_KEY_FALLBACKS=["old-secret"]):
        assert sealed.unseal(value, purpose="p") == PEM
        resealed = sealed.reseal(value, purpose="p")
    with override_settings(SECRET_KEY="new-secret", SECRET_KEY_FALLBACKS=[]):
        assert sealed.unseal(resealed, purpose="p") == PEM
        with pytest.raises(sealed.Unsealable):
            sealed.unseal(value, purpose="p")
        assert sealed.unseal(sealed.reseal(PEM, purpose="p"), purpose="p") == PEM  # plain: sealed


def test_an_empty_secret_key_refuses_to_seal():
    with override_settings(SECRET_KEY=""), pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        sealed.seal(PEM, purpose="p")
