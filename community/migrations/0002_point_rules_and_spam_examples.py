"""Point rules for the community (with daily caps against farming) and the spam model's seed
examples in Dutch and English. Existing rules are left as a Master set them."""

from django.db import migrations

RULES = [
    # action, label, label_en, points, daily cap
    ("community_post", "Bericht in de community", "Community post", 2, 5),
    ("community_answer_accepted", "Antwoord geaccepteerd", "Answer accepted", 10, 3),
]

SPAM = [
    "Lening nodig? Snelle lening zonder BKR toetsing, binnen 24 uur geld op je rekening. Bel of app +31 6 12345678",
    "Snel geld lenen zonder BKR! Lage rente, geen vragen. Neem contact op via WhatsApp voor een lening vandaag",
    "Wij bieden leningen aan particulieren en bedrijven tegen 2% rente. Mail ons voor een snelle lening",
    "Need a loan? Fast loans without credit check, money in your account within 24 hours. Contact us on WhatsApp",
    "Earn $5000 a week working from home! Click here http://example-cash.biz to start now, limited offer",
    "Cheap crypto investment guaranteed returns, double your money, contact our agent on Telegram now",
    "Verdien duizenden euro's per week vanuit huis, klik hier en word vandaag nog rijk met bitcoin",
    "Buy followers and likes cheap, 10000 LinkedIn followers for only $9, visit our website now",
]

HAM = [
    "Wie heeft tips voor een goede LinkedIn-kop? Ik twijfel tussen mijn functie en wat ik doe voor klanten.",
    "Bedankt voor de kennissessie van gisteren! Mijn profielfoto is eindelijk bijgewerkt.",
    "Ik heb de vacature gedeeld en al drie reacties gekregen van oud-collega's.",
    "Hoe vaak posten jullie per week? Ik wil niet te veel delen maar wel zichtbaar blijven.",
    "Great session today, the tip about adding a banner to your profile really helped.",
    "Does anyone know how to add a featured section on LinkedIn? I could not find it on mobile.",
    "I shared our trade fair photos and the team got a lot of nice comments from customers.",
    "Tip: schrijf in de ik-vorm en vertel wat jij zelf hebt meegemaakt, dat leest veel persoonlijker.",
    "Which hashtags do you use for our recruitment posts? I used three and it seemed to work well.",
    "Mooi verhaal over het project in Utrecht, ik heb het meteen doorgestuurd naar mijn netwerk.",
]


def create(apps, schema_editor):
    PointRule = apps.get_model("gamification", "PointRule")
    for action, label, label_en, points, daily_cap in RULES:
        PointRule.objects.get_or_create(
            action=action,
            defaults={"label": label, "label_en": label_en, "points": points, "daily_cap": daily_cap},
        )
    SpamExample = apps.get_model("community", "SpamExample")
    if not SpamExample.objects.exists():
        SpamExample.objects.bulk_create(
            [SpamExample(text=t, is_spam=True) for t in SPAM] + [SpamExample(text=t, is_spam=False) for t in HAM]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0001_initial"),
        ("gamification", "0003_remove_prizeperiod_winner_points"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
