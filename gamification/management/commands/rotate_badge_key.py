"""``manage.py rotate_badge_key``: a new Ed25519 key signs Open Badges 3.0 credentials from
now on; the old keys stay in the DID document, so what they signed still verifies."""

from django.core.management.base import BaseCommand

from gamification.services import credentials


class Command(BaseCommand):
    help = "Make a new signing key for Open Badges 3.0 credentials (old credentials stay valid)."

    def handle(self, *args, **options):
        key = credentials.rotate_key()
        self.stdout.write(f"New signing key: {key.kid}")
