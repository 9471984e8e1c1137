"""Baked PNGs carry the assertion's address, once."""

import io
import struct
import zlib

import pytest
from django.conf import settings
from PIL import Image

from gamification.models import (
    BadgeCriterion,
)
from gamification.openbadges import baking
from gamification.services import badges
from tests.gamification.factories import BadgeFactory

pytestmark = pytest.mark.django_db


def png_chunks(data: bytes):
    """(type, data) of every chunk, checking the signature, lengths and CRCs."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks = 8, []
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length : position + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF, kind
        chunks.append((kind, body))
        position += 12 + length
    return chunks


def openbadges_texts(data: bytes) -> list[str]:
    """The text of every iTXt chunk whose keyword is ``openbadges`` (uncompressed)."""
    texts = []
    for kind, body in png_chunks(data):
        if kind != b"iTXt":
            continue
        keyword, rest = body.split(b"\x00", 1)
        if keyword != b"openbadges":
            continue
        compressed, _method = rest[0], rest[1]
        language, rest = rest[2:].split(b"\x00", 1)
        _translated, text = rest.split(b"\x00", 1)
        assert compressed == 0
        texts.append(text.decode("utf-8"))
    return texts


def test_baked_png_carries_the_assertion_url(client, earned):
    response = client.get(f"/badges/assertions/{earned.uuid}.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    data = response.content
    with Image.open(io.BytesIO(data)) as image:
        image.verify()
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (400, 400)
    assert openbadges_texts(data) == [f"{settings.BASE_URL}/badges/assertions/{earned.uuid}.json"]
    kinds = [kind for kind, _body in png_chunks(data)]
    assert kinds[-1] == b"IEND" and kinds[-2] == b"iTXt"


def test_baking_an_uploaded_image_and_baking_twice(settings, tmp_path, member):
    from wagtail.images.models import Image as WagtailImage
    from wagtail.images.tests.utils import get_test_image_file

    settings.MEDIA_ROOT = str(tmp_path)
    image = WagtailImage.objects.create(title="Badge art", file=get_test_image_file(size=(300, 200)))
    award, _created = badges.award(member=member, badge=BadgeFactory(criterion=BadgeCriterion.MANUAL, image=image))
    data = baking.baked_png(award)
    with Image.open(io.BytesIO(data)) as opened:
        assert opened.size == (300, 200)
    rebaked = baking.bake(data, "https://example.org/other.json")
    assert openbadges_texts(rebaked) == ["https://example.org/other.json"]  # one chunk, replaced
