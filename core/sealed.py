"""Secrets the application keeps in its own database, sealed (encrypted and authenticated), so
that a database dump or backup alone does not give them away: today the Open Badges 3.0
signing keys, with which anyone could issue credentials in the organisation's name.

Sealed with Fernet (AES-128-CBC and HMAC-SHA256, from ``cryptography``) under a key derived
from ``SECRET_KEY`` by HKDF, one key per ``purpose``. Written by hand because Django has
signing but no encryption, and the usual encrypted-field packages either store a key of their
own in settings (one more secret to keep) or do not follow ``SECRET_KEY_FALLBACKS``. Here a
rotated ``SECRET_KEY`` keeps working as Django's signatures do: with the old key in
``SECRET_KEY_FALLBACKS`` sealed values still open, and ``reseal`` moves them to the new key
(``manage.py rotate_badge_key --reseal``) before the old one is dropped."""

import base64

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "sealed:v1:"


class Unsealable(ImproperlyConfigured):
    """A sealed value that no key of this installation opens: ``SECRET_KEY`` changed without
    the old one in ``SECRET_KEY_FALLBACKS``, or the value was altered."""


def _fernet(secret: str, purpose: str) -> Fernet:
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"socialshift.sealed", info=purpose.encode("utf-8")
    ).derive(secret.encode("utf-8"))
    return Fernet(base64.urlsafe_b64encode(derived))


def _keys(purpose: str) -> MultiFernet:
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    if not secrets[0]:
        raise ImproperlyConfigured("SECRET_KEY is empty: secrets cannot be sealed.")
    return MultiFernet([_fernet(secret, purpose) for secret in secrets if secret])


def is_sealed(value: str) -> bool:
    return value.startswith(PREFIX)


def seal(text: str, *, purpose: str) -> str:
    """``text`` sealed under the current ``SECRET_KEY`` for ``purpose`` (a fixed word per kind
    of secret, so that one kind's sealed value never opens as another's)."""
    return PREFIX + _keys(purpose).encrypt(text.encode("utf-8")).decode("ascii")


def unseal(value: str, *, purpose: str) -> str:
    """The text ``seal`` sealed, opened with the current ``SECRET_KEY`` or a fallback. Raises
    ``Unsealable`` when no key opens it or ``value`` is not sealed at all (a plain value in a
    sealed column is a mistake to report, not to use)."""
    if not is_sealed(value):
        raise Unsealable(f"A {purpose} value is stored unsealed.")
    try:
        return _keys(purpose).decrypt(value.removeprefix(PREFIX).encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise _refused(purpose) from None


def reseal(value: str, *, purpose: str) -> str:
    """``value`` sealed again under the current ``SECRET_KEY`` (it may have been sealed under a
    fallback); a plain value is sealed. Raises ``Unsealable`` as ``unseal`` does."""
    if not is_sealed(value):
        return seal(value, purpose=purpose)
    try:
        token = _keys(purpose).rotate(value.removeprefix(PREFIX).encode("ascii"))
    except InvalidToken:
        raise _refused(purpose) from None
    return PREFIX + token.decode("ascii")


def _refused(purpose: str) -> Unsealable:
    return Unsealable(
        f"No key opens the sealed {purpose}: was SECRET_KEY changed without the old one in SECRET_KEY_FALLBACKS?"
    )
