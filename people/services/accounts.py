"""A member's own account: resetting a forgotten password by e-mail, choosing a new one, and
logging out everywhere. The e-mails go through Celery (``core.queue.enqueue``) and are
written in the member's own language."""

import hashlib

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.errors import InvalidInput, NotAllowed
from core.queue import enqueue

from .. import policies
from ..models import AuditAction, Member
from .audit import record
from .tokens import revoke_api_tokens

# At most this many reset e-mails per address and per IP address in RESET_RATE_WINDOW
# seconds; further requests get the same answer and send nothing. The IP is REMOTE_ADDR:
# behind a proxy the ASGI server must pass the client's address on (uvicorn's proxy headers).
RESET_MAX_PER_ADDRESS = 3
RESET_MAX_PER_IP = 20
RESET_RATE_WINDOW = 3600


def _over_limit(key: str, limit: int) -> bool:
    """Count one more request under ``key``; True once the count passes ``limit``. Fails open:
    a cache that is away never stops a member from resetting their password."""
    try:
        if cache.add(key, 1, timeout=RESET_RATE_WINDOW):
            return False
        return cache.incr(key) > limit
    except Exception:  # noqa: BLE001 (the cache is an accelerator, never a reason to fail)
        return False


def _reset_candidate(email: str) -> Member | None:
    """The active, not erased member with a usable password behind ``email`` (one query)."""
    member = Member.objects.filter(email__iexact=email.strip(), is_active=True, erased_at__isnull=True).first()
    if member is None or not member.has_usable_password():
        return None
    return member


def request_password_reset(*, email: str, ip: str | None = None) -> bool:
    """Send a reset link to ``email`` if a member has it, after commit, through Celery.

    The caller answers the same whatever this returns (no user enumeration). At most
    ``RESET_MAX_PER_ADDRESS`` requests per address and ``RESET_MAX_PER_IP`` per IP address an
    hour send anything (cache counters, failing open). Locks nothing; raises nothing.
    Returns whether an e-mail was queued."""
    email = (email or "").strip().lower()
    if not email:
        return False
    address_key = "pwreset:addr:" + hashlib.sha256(email.encode()).hexdigest()
    limited = _over_limit(address_key, RESET_MAX_PER_ADDRESS)
    if ip and _over_limit(f"pwreset:ip:{ip}", RESET_MAX_PER_IP):
        limited = True
    if limited:
        return False
    member = _reset_candidate(email)
    if member is None:
        return False
    # Robust: a broker or mail server that is away must not answer differently (an error
    # only for known addresses would tell who has an account).
    enqueue("people.tasks.send_password_reset", member.pk, robust=True)
    return True


def reset_link_valid_for() -> str:
    """How long a reset link works (``PASSWORD_RESET_TIMEOUT``), in words of the active language."""
    seconds = settings.PASSWORD_RESET_TIMEOUT
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    minutes = max(1, seconds // 60)
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}


def _send(*, member: Member, template: str, context: dict) -> None:
    """Render ``people/email/<template>`` (subject, text and HTML) in the member's language and send it."""
    with translation.override(member.language or settings.LANGUAGE_CODE):
        context = {"member": member, "base_url": settings.BASE_URL, **context}
        subject = " ".join(render_to_string(f"people/email/{template}_subject.txt", context).split())
        text = render_to_string(f"people/email/{template}.txt", context)
        html = render_to_string(f"people/email/{template}.html", context)
        mail = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [member.email])
        mail.attach_alternative(html, "text/html")
        mail.send()


def send_password_reset(*, member_id: int) -> bool:
    """E-mail ``member_id`` a link to choose a new password (Django's token generator: the
    link stops working after ``PASSWORD_RESET_TIMEOUT``, once the password changes, and after
    the next login). Locks nothing; a second run sends a second working link, which is
    harmless. Returns whether it sent (not for an inactive or erased member)."""
    member = Member.objects.filter(pk=member_id, is_active=True, erased_at__isnull=True).first()
    if member is None or not member.has_usable_password():
        return False
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(member.pk)),
            "token": default_token_generator.make_token(member),
        },
    )
    with translation.override(member.language or settings.LANGUAGE_CODE):
        valid_for = reset_link_valid_for()
    _send(member=member, template="password_reset", context={"url": settings.BASE_URL + path, "valid_for": valid_for})
    return True


def set_new_password(*, member: Member, password: str, via: str = "change") -> Member:
    """Give ``member`` a new password (``via`` "change" on the profile or "reset" from the
    e-mail link), run Django's password validators, revoke the member's API tokens, write the
    audit trail and e-mail the member that it happened (after commit, through Celery).

    A new password also ends every session of the member: the session auth hash is made
    from the password hash. The caller keeps its own session with
    ``update_session_auth_hash``. Locks nothing (one row's update); saving the same password
    twice is harmless. Returns the member. Raises ``InvalidInput`` (400) for a password the
    validators refuse."""
    try:
        validate_password(password, user=member)
    except ValidationError as exc:
        raise InvalidInput(" ".join(exc.messages), code="weak_password") from None
    with transaction.atomic():
        member.set_password(password)
        member.save(update_fields=["password"])
        revoke_api_tokens(member=member)
        action = AuditAction.PASSWORD_RESET if via == "reset" else AuditAction.PASSWORD_CHANGED
        record(actor=member, action=action, target=member)
        enqueue("people.tasks.send_password_changed", member.pk, robust=True)
    return member


def send_password_changed(*, member_id: int) -> bool:
    """Tell the member by e-mail that their password was changed, with a way back in if it
    was not them. Locks nothing; returns whether it sent."""
    member = Member.objects.filter(pk=member_id, is_active=True, erased_at__isnull=True).first()
    if member is None:
        return False
    _send(
        member=member,
        template="password_changed",
        context={"when": timezone.localtime(), "reset_url": settings.BASE_URL + reverse("password_reset")},
    )
    return True


def log_out_everywhere(*, member: Member, actor: Member) -> int:
    """End every session of ``member`` (all browsers and devices, the Wagtail admin too) and
    revoke their API tokens. Only the member themselves may (``policies.can_end_sessions``).

    How: ``Member.session_generation`` is raised by one ``UPDATE … SET n = n + 1``; it is
    folded into ``get_session_auth_hash``, which Django compares on every request, so a
    session signed with the old value is flushed the next time it is used. That works the
    same for database, cache, cached_db and signed-cookie sessions. Deleting the member's
    sessions instead would mean decoding every stored session (the session table has no
    user column) and cannot reach cache or cookie sessions at all. The caller keeps its own
    session with ``update_session_auth_hash(request, member)``. A WebSocket that is already
    open stays open until it reconnects (it authenticated when it connected).

    Locks nothing: the increment is atomic, so a double click ends the sessions twice,
    which is harmless. Returns the new generation (also set on ``member``). Raises
    ``NotAllowed`` (403) for anyone else."""
    if not policies.can_end_sessions(actor, member):
        raise NotAllowed(_("You can only log yourself out everywhere."))
    with transaction.atomic():
        tokens = end_sessions(member=member)
        record(actor=actor, action=AuditAction.LOGGED_OUT_EVERYWHERE, target=member, tokens=tokens)
    return member.session_generation


def end_sessions(*, member: Member) -> int:
    """Raise ``member``'s session generation (every session signed with the old one ends at
    its next request) and delete their API tokens; sets the new generation on ``member``.
    The mechanism behind "log out everywhere" and switching a member off; asks no policy
    (callers do). Locks nothing: the increment is atomic. Returns how many tokens went."""
    Member.objects.filter(pk=member.pk).update(session_generation=F("session_generation") + 1)
    member.session_generation = Member.objects.values_list("session_generation", flat=True).get(pk=member.pk)
    return revoke_api_tokens(member=member)
