"""Files that only the application hands out: report exports and story media.

They live under ``PRIVATE_MEDIA_ROOT`` (default ``var/private-media``), outside
``MEDIA_ROOT``, so no web server that serves ``/media/`` can reach them. A view asks who is
asking and then answers with ``serve`` (the file itself, or an ``X-Accel-Redirect`` to an
``internal`` nginx location when ``PRIVATE_MEDIA_ACCEL_REDIRECT`` is set, so nginx streams
large videos with range requests while the application still decides who gets them).

Django's ``FileSystemStorage`` is used as it is; this subclass only reads its folder (and
its URL prefix) from the settings when asked instead of once, so tests and a changed
setting move it, and refuses to make a URL when it has none: a file without its own view
must never be linked."""

import mimetypes
import os
import posixpath

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.deconstruct import deconstructible
from django.utils.encoding import filepath_to_uri
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.settings import api_settings


@deconstructible(path="core.storage.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """``FileSystemStorage`` under ``PRIVATE_MEDIA_ROOT``. ``base_url`` is the prefix of the
    view that serves these files (``None``: the files have no URL at all)."""

    def __init__(self, location=None, base_url=None, **kwargs):
        super().__init__(location=location, base_url=base_url, **kwargs)

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return self._base_url

    def url(self, name):
        if not self._base_url:
            raise ValueError("Private files have no URL: they are served by a view that checks who asks.")
        return self._base_url.rstrip("/") + "/" + filepath_to_uri(name).lstrip("/")


def serve(
    storage: PrivateStorage,
    name: str,
    *,
    cache_control: str,
    as_attachment: bool = False,
    filename: str = "",
) -> HttpResponse:
    """The response that hands out ``name`` once a view has decided the asker may have it.

    With ``PRIVATE_MEDIA_ACCEL_REDIRECT`` (an nginx ``internal`` location mapped onto
    ``PRIVATE_MEDIA_ROOT``) nginx sends the file; otherwise Django streams it. Raises
    ``Http404`` when the file is missing."""
    filename = filename or posixpath.basename(name)
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    prefix = getattr(settings, "PRIVATE_MEDIA_ACCEL_REDIRECT", "")
    if prefix:
        if not storage.exists(name):
            raise Http404
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + filepath_to_uri(name)
        disposition = "attachment" if as_attachment else "inline"
        response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    else:
        try:
            handle = storage.open(name, "rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, as_attachment=as_attachment, filename=filename, content_type=content_type)
    response["Cache-Control"] = cache_control
    return response


def move(name: str, *, source, target, target_name: str = "") -> str:
    """Move one stored file between storages (the data migrations that took report
    exports and story media out of ``MEDIA_ROOT``). Returns the name it got in ``target``
    (``target_name``, or ``name``, or a free variant of it), or "" when ``source`` does not
    have it: a missing file is left as missing, not an error."""
    if not name or not source.exists(name):
        return ""
    with source.open(name, "rb") as handle:
        stored = target.save(target_name or name, handle)
    source.delete(name)
    return stored


def viewer(request):
    """Who asks for a private file: the session's member, or the API token's (an app shows
    its member's images with the token it calls the API with); a wrong or revoked token is
    nobody (``AnonymousUser``)."""
    if request.user.is_authenticated:
        return request.user
    drf_request = Request(request, authenticators=[cls() for cls in api_settings.DEFAULT_AUTHENTICATION_CLASSES])
    try:
        return drf_request.user
    except APIException:
        return request.user
