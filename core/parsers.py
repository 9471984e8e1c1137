"""DRF's JSON parser with a nesting limit.

Python's JSON decoder recurses once per level: a body nested a few thousand levels deep
raises ``RecursionError``, which DRF does not catch (a 500, also for anonymous requests to
the token endpoint). No request of this API nests deeper than a handful of levels, so a
body deeper than ``MAX_DEPTH`` is refused as a parse error (400, code ``json_too_deep``)
before any serializer walks it."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, parsers

MAX_DEPTH = 32


class TooDeep(exceptions.ParseError):
    default_detail = _("The JSON body is nested too deeply.")
    default_code = "json_too_deep"


def depth_exceeds(value, limit: int) -> bool:
    """Whether ``value`` nests lists and objects deeper than ``limit``; iterative, so it
    never recurses itself."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise TooDeep() from exc
        if depth_exceeds(data, MAX_DEPTH):
            raise TooDeep()
        return data
