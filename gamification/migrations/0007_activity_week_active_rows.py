from django.conf import settings
from django.db import migrations, models


def add_active_rows(apps, schema_editor):
    """One ``active`` row per member and week from the per-action ``ledger`` rows, as
    ``count_activity`` writes them from now on (one statement, both databases)."""
    activity = apps.get_model("gamification", "ActivityWeek")
    table, member = activity._meta.db_table, activity._meta.get_field("member").column
    schema_editor.execute(
        f"INSERT INTO {table} ({member}, week, kind, action, count, points) "  # noqa: S608 (names from the model)
        f"SELECT {member}, week, 'active', '', SUM(count), SUM(points) FROM {table} "
        f"WHERE kind = 'ledger' GROUP BY {member}, week"
    )


def remove_active_rows(apps, schema_editor):
    apps.get_model("gamification", "ActivityWeek").objects.filter(kind="active").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("gamification", "0006_activity_weeks"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="activityweek",
            name="gamificatio_week_bf22f0_idx",
        ),
        migrations.AddIndex(
            model_name="activityweek",
            index=models.Index(fields=["kind", "week", "member", "count"], name="activity_week_kind_week"),
        ),
        migrations.RunPython(add_active_rows, remove_active_rows),
    ]
