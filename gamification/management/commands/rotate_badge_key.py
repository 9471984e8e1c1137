"""``manage.py rotate_badge_key``: a new Ed25519 key signs Open Badges 3.0 credentials from
now on; the old keys stay in the DID document, so what they signed still verifies.

``--reseal`` makes no new key: it seals the stored keys again under the current
``SECRET_KEY`` (run it after changing ``SECRET_KEY``, with the old one still in
``SECRET_KEY_FALLBACKS``; drop the fallback afterwards)."""

from django.core.management.base import BaseCommand, CommandError

from core.sealed import Unsealable
from gamification.services import credentials


class Command(BaseCommand):
    help = "Make a new signing key for Open Badges 3.0 credentials (old credentials stay valid)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reseal",
            action="store_true",
            help="Seal the stored keys again under the current SECRET_KEY instead of making a new key.",
        )

    def handle(self, *args, **options):
        if options["reseal"]:
            try:
                count = credentials.reseal_keys()
            except Unsealable as error:
                raise CommandError(str(error)) from None
            self.stdout.write(f"Resealed {count} signing key(s) under the current SECRET_KEY.")
            return
        key = credentials.rotate_key()
        self.stdout.write(f"New signing key: {key.kid}")
