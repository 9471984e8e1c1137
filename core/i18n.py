"""Texts a Master types in two languages."""

from django.utils.translation import get_language

# The languages a member reads and a story is written in (each shown in its own language).
LANGUAGE_CHOICES = [("nl", "Nederlands"), ("en", "English")]


def in_language(text: str, text_en: str) -> str:
    """The English text when English is active and there is one; otherwise the text as
    the Master wrote it (Dutch by default)."""
    return text_en if text_en and (get_language() or "").startswith("en") else text
