"""The 6 C's self-scan's starting questions, two per C, in Dutch and English (Masters edit
them in the admin). Answered 1 (not at all) to 5 (completely)."""

from django.db import migrations

QUESTIONS = [
    ("connections", "Ik ben op LinkedIn verbonden met klanten, kandidaten of partners van onze organisatie.",
     "I am connected on LinkedIn with our organisation's customers, candidates or partners."),
    ("connections", "Mijn netwerk groeit doordat ik er bewust aan werk.",
     "My network grows because I work on it on purpose."),
    ("conversations", "Ik reageer op berichten van anderen met een eigen inhoudelijke bijdrage.",
     "I respond to other people's posts with a contribution of my own."),
    ("conversations", "Ik ga online het gesprek aan over ons vakgebied.",
     "I start conversations online about our field."),
    ("content", "Ik deel regelmatig verhalen uit mijn eigen werk.",
     "I regularly share stories from my own work."),
    ("content", "Ik weet welke onderwerpen mijn netwerk interessant vindt.",
     "I know which topics my network finds interesting."),
    ("congruence", "Wat ik online vertel past bij wie ik ben en wat de organisatie wil uitdragen.",
     "What I say online fits who I am and what the organisation wants to convey."),
    ("congruence", "Ik ken de kernboodschappen van onze organisatie.",
     "I know our organisation's key messages."),
    ("context", "Ik stem mijn bericht af op het kanaal en de doelgroep.",
     "I fit my post to the channel and the audience."),
    ("context", "Ik haak in op actuele gebeurtenissen en de inhaakkalender.",
     "I hook into current events and the content calendar."),
    ("continuous", "Ik ben elke maand actief op sociale media.",
     "I am active on social media every month."),
    ("continuous", "Ik leer bij over sociale media, bijvoorbeeld via de e-learning.",
     "I keep learning about social media, for example through the e-learning."),
]


def add_questions(apps, schema_editor):
    Question = apps.get_model("strategy", "SixCQuestion")
    if Question.objects.exists():
        return
    Question.objects.bulk_create(
        Question(c=c, text=nl, text_en=en, position=position)
        for position, (c, nl, en) in enumerate(QUESTIONS, start=1)
    )


class Migration(migrations.Migration):
    dependencies = [("strategy", "0006_plan_items_and_six_cs")]

    operations = [migrations.RunPython(add_questions, migrations.RunPython.noop)]
