"""Point rules for the content flow. Seed data may have created some of them already
(cms/demo), so existing rows are left as the Master set them."""

from django.db import migrations

RULES = [
    # action, label, label_en, points, daily cap
    ("story_approved", "Verhaal goedgekeurd", "Story approved", 10, None),
    ("story_shared", "Verhaal gedeeld", "Story shared", 5, None),
    ("share_click", "Klik op je gedeelde verhaal", "Click on your shared story", 1, 20),
    ("challenge_won", "Challenge gewonnen", "Challenge won", 50, None),
]


def create(apps, schema_editor):
    PointRule = apps.get_model("gamification", "PointRule")
    for action, label, label_en, points, daily_cap in RULES:
        PointRule.objects.get_or_create(
            action=action,
            defaults={"label": label, "label_en": label_en, "points": points, "daily_cap": daily_cap},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("challenges", "0001_initial"),
        ("gamification", "0003_remove_prizeperiod_winner_points"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
