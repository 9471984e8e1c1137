"""``manage.py rebuild_leaderboards``."""

import pytest
from django.core.management import call_command

from tests.gamification.leaderboards.helpers import small_ledger

pytestmark = pytest.mark.django_db


def test_rebuild_command_checks_and_refuses_what_it_cannot_do(redis_url, key_prefix, ledger, settings):
    from io import StringIO

    from django.core.management import CommandError

    small_ledger(ledger)
    out = StringIO()
    call_command("rebuild_leaderboards", "--check", stdout=out)  # nothing built yet: builds all
    call_command("rebuild_leaderboards", "--check", stdout=out)
    assert out.getvalue().splitlines()[-1].endswith("repaired: nothing.")
    with pytest.raises(CommandError, match="Unknown board"):
        call_command("rebuild_leaderboards", "--board", "nonsense")
    settings.REDIS_URL = ""
    with pytest.raises(CommandError, match="REDIS_URL"):
        call_command("rebuild_leaderboards")
