"""The moved models' content types become ``events``' (renamed in place: pages, revisions,
log entries and permissions keep pointing at them), and the scheduled reminder task has
its new name."""

from django.db import migrations

from core.model_moves import move_content_types

MODELS = [
    "sessionindexpage",
    "sessionpage",
    "registration",
    "sessionfeedback",
    "calendarfeed",
    "sessionschedule",
    "linkedinchecklistitem",
    "linkedinchecklisttick",
    "linkedinprofile",
    "actionitem",
    "collectedstory",
]
OLD_TASK = "learning.tasks.send_session_reminders"
NEW_TASK = "events.tasks.send_session_reminders"


def forwards(apps, schema_editor):
    move_content_types(apps, schema_editor, old_app="learning", new_app="events", models=MODELS)


def backwards(apps, schema_editor):
    move_content_types(apps, schema_editor, old_app="events", new_app="learning", models=MODELS)


def rename_task(old, new):
    def run(apps, schema_editor):
        PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
        PeriodicTask.objects.using(schema_editor.connection.alias).filter(task=old).update(task=new)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.RunPython(rename_task(OLD_TASK, NEW_TASK), rename_task(NEW_TASK, OLD_TASK)),
    ]
