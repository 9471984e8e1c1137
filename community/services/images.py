"""A post's images: checked and re-encoded before anything is stored (``core.uploads``, the
same path as story photos), stored in private storage (``community.models.post_media_storage``),
and removed with their files when a moderator deletes the post or its author is erased."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core import uploads

from ..models import MAX_POST_IMAGES, Post, PostImage, post_media_storage

logger = logging.getLogger(__name__)


def clean(images) -> list:
    """The re-encoded copies of ``images`` (uploaded files), in order. Stores nothing.
    Raises ``InvalidUpload`` (400): more than ``MAX_POST_IMAGES`` (code
    ``too_many_images``), or a file that is not a JPEG/PNG/WebP image, too large or with
    too many pixels (code ``invalid_upload``)."""
    images = [image for image in (images or []) if image]
    if len(images) > MAX_POST_IMAGES:
        raise uploads.InvalidUpload(
            _("Add at most %(count)s images to a post.") % {"count": MAX_POST_IMAGES}, code="too_many_images"
        )
    return [uploads.clean_image(image).content for image in images]


def store(post: Post, cleaned: list, stored: list[str]) -> None:
    """Save the cleaned images with ``post``; each stored file's name is added to ``stored``
    as soon as it exists, so a caller whose transaction fails can delete them again."""
    for position, content in enumerate(cleaned):
        image = PostImage(post=post, position=position)
        image.image.save(content.name, content, save=False)
        stored.append(image.image.name)
        image.save()


def delete_files(names) -> None:
    """Delete stored files now (a failed post); a file that will not go is logged, not raised."""
    storage = post_media_storage()
    for name in names:
        try:
            storage.delete(name)
        except Exception:
            logger.warning("Could not delete community image %s", name, exc_info=True)


@contextmanager
def kept_only_on_success() -> Iterator[list[str]]:
    """The list ``store`` adds the names of stored files to; if the block fails in any way,
    those files are deleted again (the post and its rows roll back with the transaction)."""
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        delete_files(stored)
        raise


def remove(images: QuerySet[PostImage]) -> int:
    """Delete the ``images`` rows now and their files once the transaction commits (a
    rolled-back deletion loses nothing). Returns how many there were."""
    names = [name for name in images.values_list("image", flat=True) if name]
    count, _by_model = images.delete()
    if names:
        transaction.on_commit(lambda: delete_files(names))
    return count
