"""Rebuild the period totals the SQL leaderboards read (``BoardTotal``) from the points ledger
(the ledger is the truth), as ``rebuild_leaderboards`` rebuilds the Redis index."""

from django.core.management.base import BaseCommand

from gamification.services.board_totals import rebuild


class Command(BaseCommand):
    help = "Rebuild the leaderboards' period totals per board (gamification.BoardTotal) from the points ledger."

    def handle(self, *args, **options):
        rows = rebuild()
        self.stdout.write(self.style.SUCCESS(f"Rebuilt the board totals: {rows} rows."))
