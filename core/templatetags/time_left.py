"""``{{ challenge.closes_at|time_left }}``: "2 dagen en 3 uur" (``core.dates.time_left``)
instead of Django's ``timeuntil`` ("2 dagen, 3 uur")."""

from django import template

from core.dates import time_left as _time_left

register = template.Library()


@register.filter
def time_left(value):
    return _time_left(value) if value else ""
