"""Point rules for the session actions and the default LinkedIn checklist (Dutch and
English, one translation key per step). Masters change both in the admin afterwards."""

import uuid

from django.db import migrations

RULES = [
    ("session_attended", "Sessie bijgewoond", "Session attended", 15),
    ("linkedin_profile_completed", "LinkedIn-profiel op orde", "LinkedIn profile in order", 30),
]

CHECKLIST = [
    (
        "Professionele profielfoto",
        "Kies een recente, goed belichte foto waarop je gezicht ongeveer 60% van het kader vult. Kijk in de camera en lach.",
        "Professional profile photo",
        "Use a recent, well-lit photo where your face fills about 60% of the frame. Look into the camera and smile.",
    ),
    (
        "Achtergrondbanner",
        "Gebruik de banner van de organisatie (1584 × 396 pixels) of een foto van je werk. Vraag je Social Master om de huisstijlbanner.",
        "Background banner",
        "Use the organisation's banner (1584 × 396 pixels) or a photo of your work. Ask your Social Master for the branded banner.",
    ),
    (
        "Kopregel",
        "Vertel in één zin wat je doet en voor wie, niet alleen je functietitel. Bijvoorbeeld: 'Ik help klanten hun energierekening te halveren'.",
        "Headline",
        "Say in one line what you do and for whom, not just your job title. For example: 'I help customers halve their energy bill'.",
    ),
    (
        "Info-sectie",
        "Schrijf drie korte alinea's in de ik-vorm: wat je drijft, waar je goed in bent en hoe mensen je kunnen bereiken.",
        "About section",
        "Write three short paragraphs in the first person: what drives you, what you are good at and how people can reach you.",
    ),
    (
        "Huidige functie met beschrijving",
        "Koppel je functie aan de bedrijfspagina en beschrijf in een paar zinnen je werk en een resultaat waar je trots op bent.",
        "Current position with a description",
        "Link your position to the company page and describe your work and a result you are proud of in a few sentences.",
    ),
    (
        "Vaardigheden",
        "Voeg minstens vijf vaardigheden toe en zet de drie belangrijkste bovenaan. Vraag collega's om ze te onderschrijven.",
        "Skills",
        "Add at least five skills and pin the three most important ones. Ask colleagues to endorse them.",
    ),
    (
        "Uitgelicht",
        "Zet een bericht, artikel of project dat je trots maakt in de sectie 'Uitgelicht', bijvoorbeeld een verhaal van de organisatie.",
        "Featured items",
        "Add a post, article or project you are proud of to the 'Featured' section, for example a story from the organisation.",
    ),
    (
        "Eigen profiel-URL",
        "Pas je openbare profiel-URL aan naar je naam (linkedin.com/in/voornaam-achternaam) via 'Openbaar profiel en URL bewerken'.",
        "Custom profile URL",
        "Change your public profile URL to your name (linkedin.com/in/firstname-lastname) under 'Edit public profile & URL'.",
    ),
    (
        "Contactgegevens",
        "Vul je zakelijke e-mailadres en de website van de organisatie in, zodat mensen je makkelijk kunnen bereiken.",
        "Contact info",
        "Add your work e-mail address and the organisation's website so people can reach you easily.",
    ),
    (
        "'Open voor'-instellingen",
        "Geef aan waarvoor je openstaat (bijvoorbeeld spreken, adviseren of nieuwe contacten), zodat je netwerk weet wat het kan vragen.",
        "'Open to' settings",
        "Say what you are open to (for example speaking, advising or new connections) so your network knows what it can ask.",
    ),
]


def create(apps, schema_editor):
    PointRule = apps.get_model("gamification", "PointRule")
    for action, label, label_en, points in RULES:
        PointRule.objects.get_or_create(action=action, defaults={"label": label, "label_en": label_en, "points": points})

    Locale = apps.get_model("wagtailcore", "Locale")
    Item = apps.get_model("learning", "LinkedInChecklistItem")
    if Item.objects.exists():
        return
    nl, _created = Locale.objects.get_or_create(language_code="nl")
    en, _created = Locale.objects.get_or_create(language_code="en")
    for order, (title_nl, help_nl, title_en, help_en) in enumerate(CHECKLIST, start=1):
        key = uuid.uuid4()
        Item.objects.create(translation_key=key, locale=nl, title=title_nl, help_text=help_nl, sort_order=order * 10)
        Item.objects.create(translation_key=key, locale=en, title=title_en, help_text=help_en, sort_order=order * 10)


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0003_sessions"),
        ("gamification", "0003_remove_prizeperiod_winner_points"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
