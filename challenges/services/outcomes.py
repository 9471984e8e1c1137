"""What sharing brought: conversions the organisation's own sites report on a tracked link
(``POST /api/v1/conversions/``), and the results an ambassador reports for their own post
(self-reported: the networks give no figures for personal profiles). docs/outcomes.md."""

import datetime
import decimal
import hashlib
import hmac
import json
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from core.errors import Conflict, InvalidInput, NotFound
from people.models import Member

from ..models import Conversion, ConversionKind, Network, Share, ShareLink

# A conversion may be reported a little ahead of our clock (the caller's clock drifts), never
# further: a date far in the future is a mistake in the caller's system.
FUTURE_TOLERANCE = datetime.timedelta(minutes=10)
MAX_VALUE = decimal.Decimal("9999999999.99")
MAX_COUNT = 10_000_000

# The domains a post on each network lives on; a self-reported post link must be on one.
NETWORK_DOMAINS = {
    Network.LINKEDIN: ("linkedin.com", "lnkd.in"),
    Network.X: ("x.com", "twitter.com"),
    Network.FACEBOOK: ("facebook.com", "fb.com", "fb.me"),
}


def signature_matches(*, body: bytes, header: str, secret: str) -> bool:
    """Whether ``header`` (``<hex>`` or ``sha256=<hex>``) is the HMAC-SHA256 of ``body`` with
    ``secret``, compared in constant time. An empty secret or header never matches."""
    if not secret or not header:
        return False
    given = header.strip()
    if given.lower().startswith("sha256="):
        given = given[len("sha256=") :]
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), given.lower().encode())


def _clean_conversion(payload, *, now: datetime.datetime) -> dict:
    if not isinstance(payload, dict):
        raise InvalidInput(_("The body must be a JSON object."), code="malformed")
    errors = {}
    link = payload.get("link")
    if not isinstance(link, str) or not link.strip() or len(link) > 20:
        errors["link"] = _("The tracked link's code is required.")
    kind = payload.get("kind")
    if kind not in ConversionKind.values:
        errors["kind"] = _("Choose one of: %(kinds)s.") % {"kinds": ", ".join(ConversionKind.values)}
    external_id = payload.get("external_id")
    if not isinstance(external_id, str) or not external_id.strip() or len(external_id) > 200:
        errors["external_id"] = _("Your own id for the conversion is required (at most 200 characters).")
    value = payload.get("value")
    if value is not None:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            errors["value"] = _("The value is a number of 0 or more.")
        else:
            try:
                value = decimal.Decimal(str(value)).quantize(decimal.Decimal("0.01"))
            except (decimal.InvalidOperation, ValueError):
                errors["value"] = _("The value is a number of 0 or more.")
            else:
                if not value.is_finite() or value < 0 or value > MAX_VALUE:
                    errors["value"] = _("The value is a number of 0 or more.")
    occurred_at = payload.get("occurred_at")
    moment = parse_datetime(occurred_at) if isinstance(occurred_at, str) else None
    if moment is None or timezone.is_naive(moment):
        errors["occurred_at"] = _("When it happened, as an ISO 8601 date and time with its offset.")
    elif moment > now + FUTURE_TOLERANCE:
        errors["occurred_at"] = _("This moment lies in the future.")
    if errors:
        field = next(iter(errors))
        raise InvalidInput(f"{field}: {errors[field]}", code=f"invalid_{field}")
    return {
        "link": link.strip(),
        "kind": kind,
        "value": value,
        "occurred_at": moment,
        "external_id": external_id.strip(),
    }


def _fingerprint(data: dict) -> str:
    canonical = {
        "link": data["link"],
        "kind": data["kind"],
        "value": None if data["value"] is None else str(data["value"]),
        "occurred_at": data["occurred_at"].astimezone(datetime.UTC).isoformat(),
    }
    return hashlib.sha256(json.dumps(canonical, sort_keys=True).encode()).hexdigest()


def record_conversion(*, payload, now: datetime.datetime | None = None) -> tuple[Conversion, bool]:
    """Store a conversion a site reported (the signature is checked by the caller). Idempotent
    on ``external_id``: the unique constraint decides between concurrent twins (locks
    nothing); a retry with the same content returns the stored conversion and ``False``.

    Returns ``(conversion, created)``. Raises ``InvalidInput`` (a malformed body, code
    ``malformed`` or ``invalid_<field>``), ``NotFound`` (``unknown_link``), ``Conflict``
    (``external_id_conflict``: the id was used with different content)."""
    now = now or timezone.now()
    data = _clean_conversion(payload, now=now)
    fingerprint = _fingerprint(data)
    existing = Conversion.objects.filter(external_id=data["external_id"]).first()
    if existing is None:
        link = ShareLink.objects.select_related("member").filter(code=data["link"]).first()
        if link is None:
            raise NotFound(_("No tracked link has this code."), code="unknown_link")
        try:
            with transaction.atomic():
                return Conversion.objects.create(
                    link=link,
                    story_id=link.story_id,
                    department_id=link.member.department_id,
                    wave=link.member.wave,
                    kind=data["kind"],
                    value=data["value"],
                    occurred_at=data["occurred_at"],
                    external_id=data["external_id"],
                    fingerprint=fingerprint,
                    received_at=now,
                ), True
        except IntegrityError:
            existing = Conversion.objects.get(external_id=data["external_id"])
    if existing.fingerprint != fingerprint:
        raise Conflict(_("This external_id was already used for a different conversion."), code="external_id_conflict")
    return existing, False


def _clean_post_url(url: str, network: str) -> str:
    url = (url or "").strip()
    if not url:
        return ""
    try:
        URLValidator(schemes=["https", "http"])(url)
    except ValidationError:
        raise InvalidInput(_("post_url: Enter the full link to your post."), code="invalid_post_url") from None
    domains = NETWORK_DOMAINS.get(network, ())
    host = (urlsplit(url).hostname or "").lower()
    if not any(host == d or host.endswith("." + d) for d in domains):
        raise InvalidInput(
            _("post_url: The link must be to your post on %(network)s.") % {"network": Network(network).label},
            code="invalid_post_url",
        )
    return url[:500]


def _clean_count(name: str, value) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        value = None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = -1
    if number < 0 or number > MAX_COUNT or (isinstance(value, float) and value != number):
        raise InvalidInput(_("%(field)s: A whole number of 0 or more.") % {"field": name}, code=f"invalid_{name}")
    return number


UNSET = object()


def report_share_results(
    *,
    member: Member,
    share_id: int,
    post_url=UNSET,
    reactions=UNSET,
    comments=UNSET,
    reposts=UNSET,
    now: datetime.datetime | None = None,
) -> Share:
    """Save what the member's own post did (self-reported). Only the fields given change;
    setting the same figures again changes nothing else, so a double submit is harmless.
    Locks the share row. Returns the share. Raises ``NotFound`` (not the member's share),
    ``InvalidInput`` (a link not on the share's network, a negative or non-whole number)."""
    now = now or timezone.now()
    with transaction.atomic():
        share = Share.objects.select_for_update().filter(pk=share_id, member=member).first()
        if share is None:
            raise NotFound(_("No such share of yours."), code="not_found")
        changes = {}
        if post_url is not UNSET:
            if post_url and share.network not in NETWORK_DOMAINS:
                raise InvalidInput(
                    _("post_url: A share by %(network)s has no public post.")
                    % {"network": share.get_network_display()},
                    code="invalid_post_url",
                )
            changes["post_url"] = _clean_post_url(post_url or "", share.network)
        for name, value in (("reactions", reactions), ("comments", comments), ("reposts", reposts)):
            if value is not UNSET:
                changes[name] = _clean_count(name, value)
        if changes:
            for name, value in changes.items():
                setattr(share, name, value)
            share.results_reported_at = now
            share.save(update_fields=[*changes, "results_reported_at"])
    return share
