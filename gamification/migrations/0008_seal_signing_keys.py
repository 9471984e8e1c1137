"""The Open Badges 3.0 signing keys stored before they were sealed (core.sealed) are sealed
under the SECRET_KEY of the installation that migrates; going back opens them again."""

from django.db import migrations

from core import sealed

PURPOSE = "openbadges-signing-key"  # gamification.services.credentials.KEY_PURPOSE, fixed here


def seal_keys(apps, schema_editor):
    SigningKey = apps.get_model("gamification", "SigningKey")
    for key in SigningKey.objects.all():
        if not sealed.is_sealed(key.private_key):
            key.private_key = sealed.seal(key.private_key, purpose=PURPOSE)
            key.save(update_fields=["private_key"])


def open_keys(apps, schema_editor):
    SigningKey = apps.get_model("gamification", "SigningKey")
    for key in SigningKey.objects.all():
        if sealed.is_sealed(key.private_key):
            key.private_key = sealed.unseal(key.private_key, purpose=PURPOSE)
            key.save(update_fields=["private_key"])


class Migration(migrations.Migration):
    dependencies = [("gamification", "0007_activity_week_active_rows")]

    operations = [migrations.RunPython(seal_keys, open_keys)]
