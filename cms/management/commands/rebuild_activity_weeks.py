"""Rebuild the reports' weekly activity rollup from the ledger and the activity rows (the
ledger and the rows are the truth), as ``rebuild_leaderboards`` rebuilds the Redis index."""

from django.core.management.base import BaseCommand

from cms.reports.services import rebuild_rollup


class Command(BaseCommand):
    help = "Rebuild the weekly activity rollup the participation reports read (gamification.ActivityWeek)."

    def handle(self, *args, **options):
        rows = rebuild_rollup()
        self.stdout.write(f"Rebuilt the weekly activity rollup: {rows} rows.")
