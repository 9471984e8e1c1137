"""Default levels (a growing curve, Dutch names that fit the programme) and point rules
for the actions that exist. Masters change them in the admin afterwards."""

from django.db import migrations

LEVELS = [
    (1, "Starter", "Starter", 0),
    (2, "Verkenner", "Explorer", 50),
    (3, "Deler", "Sharer", 150),
    (4, "Verteller", "Storyteller", 300),
    (5, "Netwerker", "Networker", 500),
    (6, "Inspirator", "Inspirer", 800),
    (7, "Ambassadeur", "Ambassador", 1200),
    (8, "Influencer", "Influencer", 1700),
    (9, "Trendsetter", "Trendsetter", 2300),
    (10, "Social Hero", "Social Hero", 3000),
]

RULES = [
    ("lesson_completed", "Les afgerond", "Lesson completed", 10),
    ("quiz_passed", "Quiz gehaald", "Quiz passed", 5),
    ("course_completed", "Cursus afgerond", "Course completed", 25),
    ("path_completed", "Leerpad afgerond", "Learning path completed", 50),
    ("role_promoted", "Nieuwe rol", "New role", 20),
    ("prize_won", "Prijs gewonnen", "Prize won", 100),
]


def create(apps, schema_editor):
    Level = apps.get_model("gamification", "Level")
    PointRule = apps.get_model("gamification", "PointRule")
    for number, name, name_en, threshold in LEVELS:
        Level.objects.get_or_create(number=number, defaults={"name": name, "name_en": name_en, "threshold": threshold})
    for action, label, label_en, points in RULES:
        PointRule.objects.get_or_create(action=action, defaults={"label": label, "label_en": label_en, "points": points})


class Migration(migrations.Migration):
    dependencies = [("gamification", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
