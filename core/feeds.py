"""Secret calendar feeds: one revocable address per member and feed, for calendar apps that
subscribe without signing in (Outlook, Google, Apple). One mechanism for every feed
(``events``: a member's sessions; ``strategy``: the content calendar): an abstract model each
app subclasses with its own table, reading and revoking the secret, and the HTTP answer with
``ETag``/``Last-Modified`` that lets a calendar app poll cheaply (304 Not Modified).

Revoking makes a new secret: the old address stops working at once (404)."""

import datetime
import hashlib
import secrets

from django.db import IntegrityError, models, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _

# How often a subscribed calendar app should fetch again (REFRESH-INTERVAL, X-PUBLISHED-TTL).
REFRESH = datetime.timedelta(hours=1)


def new_secret() -> str:
    return secrets.token_urlsafe(24)


class SecretFeed(models.Model):
    """A member's secret feed address. Subclasses add ``member`` (a one-to-one field with
    the related name they need) and their ``Meta``."""

    secret = models.CharField(max_length=64, unique=True, default=new_secret)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.member_id}"


def feed_of(model: type[SecretFeed], *, member) -> SecretFeed:
    """The member's feed of kind ``model``, made on first use. Locks nothing: the one-to-one
    constraint decides between two first uses (the loser reads the winner's row)."""
    try:
        with transaction.atomic():
            feed, _created = model.objects.get_or_create(member=member)
    except IntegrityError:
        feed = model.objects.get(member=member)
    return feed


def revoke(model: type[SecretFeed], *, member) -> SecretFeed:
    """A new secret for the member's feed: the old address stops working at once. Locks
    nothing (one UPDATE, or the first row). Returns the feed with its new secret."""
    feed = feed_of(model, member=member)
    feed.secret = new_secret()
    feed.created_at = timezone.now()
    feed.save(update_fields=["secret", "created_at"])
    return feed


def by_secret(model: type[SecretFeed], secret: str) -> SecretFeed | None:
    """The feed with ``secret`` whose member is still active, with its member; else None."""
    feed = model.objects.filter(secret=secret).select_related("member").first()
    if feed is None or not feed.member.is_active:
        return None
    return feed


def calendar_response(
    request: HttpRequest,
    body: bytes,
    *,
    last_modified: datetime.datetime | None,
    filename: str = "",
    private: bool = True,
) -> HttpResponse:
    """``body`` as ``text/calendar`` with a strong ``ETag`` (a hash of the body) and
    ``Last-Modified``; answers 304 when the caller's ``If-None-Match`` (or, without it,
    ``If-Modified-Since``) says it has this version already."""
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    modified = int(last_modified.timestamp()) if last_modified else None  # HTTP dates have whole seconds
    response = get_conditional_response(request, etag=etag, last_modified=modified)
    if response is None:
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        if filename:
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = etag
    if modified is not None:
        response["Last-Modified"] = http_date(modified)
    scope = "private" if private else "public"
    response["Cache-Control"] = f"{scope}, max-age={int(REFRESH.total_seconds()) // 4}"
    return response


GONE = _("This calendar address is no longer valid.")
