"""Rebuild the Redis leaderboards from the points ledger (the ledger is the truth)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gamification.errors import UnknownBoard
from gamification.leaderboards.boards import parse_board
from gamification.leaderboards.redis_rebuild import RebuildInProgress
from gamification.services.boards import check_index, rebuild_index


class Command(BaseCommand):
    help = "Rebuild the Redis leaderboard index from the points ledger, or check it with --check."

    def add_arguments(self, parser):
        parser.add_argument(
            "--board",
            action="append",
            dest="boards",
            metavar="NAME",
            help="Only this board (e.g. all, department-3, challenge-7); repeat for more. Default: every board.",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Compare every board with the ledger and rebuild only those that differ.",
        )

    def handle(self, *args, boards=None, check=False, **options):
        if not settings.REDIS_URL:
            raise CommandError("REDIS_URL is not set: leaderboards are read from SQL and need no index.")
        for name in boards or ():
            try:
                parse_board(name)
            except UnknownBoard:
                raise CommandError(f"Unknown board {name!r}.")
        try:
            if check:
                result = check_index()
                if result.get("skipped"):
                    raise CommandError(f"Skipped: {result['skipped']}.")
                self.stdout.write(
                    f"Checked {result['checked']} keys; repaired: {', '.join(result['repaired']) or 'nothing'}."
                )
            else:
                result = rebuild_index(boards=boards)
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Rebuilt {result['boards']} boards ({result['keys']} keys, {result['rows']} rows)."
                    )
                )
        except RebuildInProgress as exc:
            raise CommandError(str(exc))
