"""The content calendar's content type becomes ``strategy``'s (renamed in place, so its
permissions and log entries follow)."""

from django.db import migrations

from core.model_moves import move_content_types

MODELS = ["calendarentry"]


def forwards(apps, schema_editor):
    move_content_types(apps, schema_editor, old_app="learning", new_app="strategy", models=MODELS)


def backwards(apps, schema_editor):
    move_content_types(apps, schema_editor, old_app="strategy", new_app="learning", models=MODELS)


class Migration(migrations.Migration):
    dependencies = [
        ("strategy", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
