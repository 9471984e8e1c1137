"""Baking: the badge image with the hosted assertion's address in an iTXt ``openbadges`` chunk
(Open Badges 2.0) and the signed credential (VC-JWT) in an iTXt ``openbadgecredential`` chunk
(Open Badges 3.0, section "Baking"), so the downloaded PNG carries its own proof in both."""

import struct
import zlib
from collections.abc import Iterator

from gamification.models import BadgeAward

from .hosting import assertion_id
from .images import badge_png

BAKE_KEYWORD = b"openbadges"
BAKE_KEYWORD_OB3 = b"openbadgecredential"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def iter_chunks(png: bytes) -> Iterator[tuple[bytes, bytes]]:
    """(type, data) of each chunk of a PNG; raises ValueError when it is not one."""
    if not png.startswith(PNG_SIGNATURE):
        raise ValueError("Not a PNG file")
    position = len(PNG_SIGNATURE)
    while position < len(png):
        if position + 8 > len(png):
            raise ValueError("Truncated PNG chunk")
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        data = png[position + 8 : position + 8 + length]
        if len(data) != length:
            raise ValueError("Truncated PNG chunk")
        yield kind, data
        position += 12 + length


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def itxt(keyword: bytes, text: str) -> bytes:
    """An uncompressed iTXt chunk: keyword, NUL, compression flag 0, method 0, empty
    language tag, NUL, empty translated keyword, NUL, UTF-8 text."""
    return chunk(b"iTXt", keyword + b"\x00" + b"\x00\x00" + b"\x00" + b"\x00" + text.encode("utf-8"))


def _is_openbadges_chunk(kind: bytes, data: bytes, keyword: bytes = BAKE_KEYWORD) -> bool:
    return kind in (b"iTXt", b"tEXt", b"zTXt") and data.split(b"\x00", 1)[0] == keyword


def bake(png: bytes, text: str, *, keyword: bytes = BAKE_KEYWORD) -> bytes:
    """``png`` with one iTXt ``keyword`` chunk holding ``text`` before IEND; an
    earlier chunk with that keyword is replaced (the spec allows one)."""
    parts = [PNG_SIGNATURE]
    for kind, data in iter_chunks(png):
        if _is_openbadges_chunk(kind, data, keyword):
            continue
        if kind == b"IEND":
            parts.append(itxt(keyword, text))
        parts.append(chunk(kind, data))
        if kind == b"IEND":
            break
    return b"".join(parts)


def baked_png(award: BadgeAward, *, credential_jwt: str = "") -> bytes:
    """The badge image with the hosted assertion's URL baked in (OB 2.0 hosted) and, when
    given, the award's OB 3.0 credential as VC-JWT beside it."""
    png = bake(badge_png(award.badge), assertion_id(award))
    if credential_jwt:
        png = bake(png, credential_jwt, keyword=BAKE_KEYWORD_OB3)
    return png
