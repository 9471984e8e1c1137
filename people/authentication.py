"""The API's token authentication: DRF's ``TokenAuthentication`` with the member's language and
one cheaper query.

DRF looks a token up with ``Token.objects.select_related("user").get(key=…)``: the ORM compiles
a select over the whole member row on every API request, about half a millisecond, a tenth of a
trivial API request's time (``bench/http_bench.py``; docs/benchmarks.md). The same row comes
from one raw query with the same columns, which skips the compiler; what DRF checks afterwards
(an unknown token, an inactive member) and its messages stay DRF's."""

import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token

from people.models import Member


def _token_query() -> str:
    # Table and column names come from the models; the key is a parameter.
    member, token = Member._meta, Token._meta
    tables = f'"{member.db_table}" m JOIN "{token.db_table}" t'
    join = f't."{token.get_field("user").column}" = m."{member.pk.column}"'
    return f'SELECT m.*, t."created" AS "token_created" FROM {tables} ON {join} WHERE t."{token.pk.column}" = %s'  # noqa: S608


class MemberTokenAuthentication(TokenAuthentication):
    """Token authentication that, like a session, answers in the member's own language
    (the language middleware runs before DRF knows who the token belongs to)."""

    query = None  # made on first use: the model's table names are known once apps are ready

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None and getattr(result[0], "language", None):
            translation.activate(result[0].language)
            request._request.LANGUAGE_CODE = result[0].language
        return result

    def authenticate_credentials(self, key):
        if MemberTokenAuthentication.query is None:
            MemberTokenAuthentication.query = _token_query()
        member = next(iter(Member.objects.raw(self.query, [key])), None)
        if member is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not member.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        created = member.token_created  # a raw extra column: SQLite gives it without its zone
        if isinstance(created, datetime.datetime) and timezone.is_naive(created):
            created = timezone.make_aware(created, datetime.UTC)
        token = Token(key=key, user=member, created=created)
        token._state.adding, token._state.db = False, member._state.db
        return member, token


def member_from_token(request):
    """The member a plain Django view's ``Authorization: Token …`` header names (for files
    the API links to, such as a session's ``.ics``), or None without such a header. Raises
    DRF's ``AuthenticationFailed`` for a token that is wrong or inactive."""
    from rest_framework.request import Request

    if not request.headers.get("Authorization", "").startswith(MemberTokenAuthentication.keyword + " "):
        return None
    result = MemberTokenAuthentication().authenticate(Request(request))
    return result[0] if result else None
