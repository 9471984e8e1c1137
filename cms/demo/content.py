"""Demo e-learning content: the learning path from Social Ambassador to Social Creator.

Plain data, no imports. Grounded in the Social Shift method (roles, kennissessies,
meetups, challenges, inhaakkalender) and the 6 C's of a social company.
Every user-facing string is bilingual ("en" / "nl"); rich text is limited to
<p>, <ul>, <ol>, <li>, <b>, <i> and <a href>.
"""

AMBASSADOR_TO_CREATOR_PATH = {
    "slug": "ambassador-to-creator",
    "title": {"en": "From Ambassador to Creator", "nl": "Van Ambassador naar Creator"},
    "intro": {
        "en": (
            "In four short courses you grow from Social Ambassador into Social Creator. "
            "You put your LinkedIn profile in order, learn to spot shareable moments on the work floor "
            "and capture them with your phone, and discover how the 6 C's of a social company make the "
            "whole programme work. Complete the path and you become a Social Creator."
        ),
        "nl": (
            "In vier korte cursussen groei je van Social Ambassador naar Social Creator. "
            "Je zet je LinkedIn-profiel op orde, leert deelbare momenten op de werkvloer herkennen en "
            "vastleggen met je telefoon, en ontdekt hoe de 6 C's van een social company het hele programma "
            "laten werken. Rond je het traject af, dan word je Social Creator."
        ),
    },
    "courses": [
        # ------------------------------------------------------------------
        # Course 1: LinkedIn profile
        # ------------------------------------------------------------------
        {
            "slug": "linkedin-profile",
            "title": {"en": "Your LinkedIn profile in order", "nl": "Je LinkedIn-profiel op orde"},
            "summary": {
                "en": (
                    "Become visible, findable and reachable with a profile people trust the moment you share "
                    "a story. Step by step, from profile photo to your 'Open to' settings."
                ),
                "nl": (
                    "Word zichtbaar, vindbaar en bereikbaar met een profiel dat mensen vertrouwen zodra je een "
                    "verhaal deelt. Stap voor stap, van profielfoto tot je ‘Open voor’-instellingen."
                ),
            },
            "estimated_minutes": 30,
            "prerequisites": [],
            "lessons": [
                {
                    "slug": "profile-photo-and-banner",
                    "title": {"en": "Profile photo and banner", "nl": "Profielfoto en banner"},
                    "body": [
                        {
                            "type": "heading",
                            "value": {
                                "en": "A first impression takes one second",
                                "nl": "Een eerste indruk duurt één seconde",
                            },
                        },
                        {
                            "type": "paragraph",
                            "value": {
                                "en": (
                                    "<p>When you share a story from work, many people click through to your "
                                    "profile before they react or send you an invitation. Your photo and banner "
                                    "decide in a second whether they trust what they see. A good profile photo is "
                                    "recent, shows your head and shoulders, and your face fills roughly 60 percent "
                                    "of the frame. Look into the lens, use soft daylight from the front and keep "
                                    "the background calm. Leave out sunglasses, group photos and cropped holiday "
                                    "snaps: people should recognise you at a trade fair or in a video call.</p>"
                                ),
                                "nl": (
                                    "<p>Deel je een verhaal van je werk, dan klikken veel mensen eerst door naar je "
                                    "profiel voordat ze reageren of je uitnodigen. Je foto en banner bepalen in één "
                                    "seconde of ze vertrouwen wat ze zien. Een goede profielfoto is recent, laat je "
                                    "hoofd en schouders zien, en je gezicht vult ongeveer 60 procent van het beeld. "
                                    "Kijk in de lens, zorg voor zacht daglicht van voren en een rustige achtergrond. "
                                    "Laat zonnebrillen, groepsfoto's en uitgeknipte vakantiekiekjes weg: mensen "
                                    "moeten je herkennen op een beurs of in een videocall.</p>"
                                ),
                            },
                        },
                        {
                            "type": "heading",
                            "value": {
                                "en": "Use your banner as a billboard",
                                "nl": "Gebruik je banner als reclamebord",
                            },
                        },
                        {
                            "type": "paragraph",
                            "value": {
                                "en": (
                                    "<p>The banner (background photo) is the wide image behind your profile photo, "
                                    "1584 × 396 pixels. Most people leave the default blue in place, which is a "
                                    "missed opportunity. Ask your Social Master whether there is an official "
                                    "ambassador banner; many organisations have one in their house style. "
                                    "Otherwise choose a photo of your workplace, your team or your product. "
                                    "Keep in mind:</p><ul>"
                                    "<li>your profile photo covers the bottom left corner, especially on mobile;</li>"
                                    "<li>keep any text short and place it in the middle or on the right;</li>"
                                    "<li>no customer logos or confidential details in the picture.</li></ul>"
                                ),
                                "nl": (
                                    "<p>De banner (achtergrondfoto) is de brede afbeelding achter je profielfoto, "
                                    "1584 × 396 pixels. De meeste mensen laten het standaardblauw staan, en dat is "
                                    "zonde. Vraag je Social Master of er een officiële ambassadeursbanner is; veel "
                                    "organisaties hebben er een in de huisstijl. Anders kies je een foto van je "
                                    "werkplek, je team of je product. Let op:</p><ul>"
                                    "<li>je profielfoto valt over de linkeronderhoek, zeker op mobiel;</li>"
                                    "<li>houd tekst kort en zet die in het midden of rechts;</li>"
                                    "<li>geen klantlogo's of vertrouwelijke details in beeld.</li></ul>"
                                ),
                            },
                        },
                        {
                            "type": "tip",
                            "value": {
                                "en": (
                                    "<p>No good photo? Ask a colleague to take one against a plain wall next to a "
                                    "window, with the phone at eye level. Portrait mode with a blurred background "
                                    "helps. Ten minutes near the coffee machine is enough.</p>"
                                ),
                                "nl": (
                                    "<p>Geen goede foto? Vraag een collega er een te maken tegen een effen muur naast "
                                    "een raam, met de telefoon op ooghoogte. De portretstand met een vage achtergrond "
                                    "helpt. Tien minuten bij het koffieapparaat is genoeg.</p>"
                                ),
                            },
                        },
                        {
                            "type": "assignment",
                            "value": {
                                "title": {"en": "Replace your photo and banner", "nl": "Vervang je foto en banner"},
                                "instructions": {
                                    "en": (
                                        "<p>Do this now, it takes about ten minutes:</p><ol>"
                                        "<li>Open your LinkedIn profile on your phone and look at it as a stranger would.</li>"
                                        "<li>Replace your profile photo if it is more than three years old or not a clear "
                                        "head-and-shoulders shot.</li>"
                                        "<li>Upload the ambassador banner from your Social Master, or a work photo of "
                                        "1584 × 396 pixels.</li>"
                                        "<li>Check on your phone that nothing important disappears behind your profile photo.</li>"
                                        "</ol>"
                                    ),
                                    "nl": (
                                        "<p>Doe het meteen, het kost je zo'n tien minuten:</p><ol>"
                                        "<li>Open je LinkedIn-profiel op je telefoon en bekijk het met de ogen van een "
                                        "onbekende.</li>"
                                        "<li>Vervang je profielfoto als die ouder is dan drie jaar of geen duidelijke foto "
                                        "van je hoofd en schouders is.</li>"
                                        "<li>Upload de ambassadeursbanner van je Social Master, of een werkfoto van "
                                        "1584 × 396 pixels.</li>"
                                        "<li>Controleer op je telefoon dat er niets belangrijks achter je profielfoto "
                                        "verdwijnt.</li></ol>"
                                    ),
                                },
                            },
                        },
                    ],
                    "quiz": {
                        "pass_mark": 70,
                        "questions": [
                            {
                                "kind": "single",
                                "text": {
                                    "en": "Which profile photo works best for an ambassador?",
                                    "nl": "Welke profielfoto werkt het best voor een ambassadeur?",
                                },
                                "choices": [
                                    {
                                        "text": {
                                            "en": "A recent head-and-shoulders photo in daylight, looking into the lens",
                                            "nl": "Een recente foto van hoofd en schouders in daglicht, met je blik in de lens",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "People recognise and trust a clear, recent face, which makes the stories you share more credible.",
                                            "nl": "Mensen herkennen en vertrouwen een duidelijk, recent gezicht, en dat maakt de verhalen die je deelt geloofwaardiger.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "A group photo from the team outing with you cropped out of it",
                                            "nl": "Een groepsfoto van het teamuitje waar jij uit geknipt bent",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "Cropped photos are often blurry and show stray shoulders, which looks careless.",
                                            "nl": "Uitgeknipte foto's zijn vaak onscherp en tonen losse schouders van anderen, en dat oogt slordig.",
                                        },
                                    },
                                    {
                                        "text": {"en": "Your organisation's logo", "nl": "Het logo van je organisatie"},
                                        "correct": False,
                                        "explanation": {
                                            "en": "A logo makes you look like a corporate account, while people connect with people.",
                                            "nl": "Met een logo lijk je een bedrijfsaccount, terwijl mensen juist verbinding zoeken met mensen.",
                                        },
                                    },
                                ],
                            },
                            {
                                "kind": "multiple",
                                "text": {
                                    "en": "What do you keep in mind when choosing a banner? (Choose all that apply.)",
                                    "nl": "Waar let je op bij het kiezen van een banner? (Meerdere antwoorden mogelijk.)",
                                },
                                "choices": [
                                    {
                                        "text": {
                                            "en": "Your profile photo covers the bottom left corner",
                                            "nl": "Je profielfoto valt over de linkeronderhoek",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "Anything important in that corner disappears, especially on mobile.",
                                            "nl": "Alles wat belangrijk is in die hoek valt weg, zeker op mobiel.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "No customer logos or confidential details in the image",
                                            "nl": "Geen klantlogo's of vertrouwelijke details in beeld",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "Your banner is public, so it may only show what anyone is allowed to see.",
                                            "nl": "Je banner is openbaar, dus er mag alleen op staan wat iedereen mag zien.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "The recommended size is 1584 × 396 pixels",
                                            "nl": "Het aanbevolen formaat is 1584 × 396 pixels",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "At that size LinkedIn does not have to stretch or crop your image awkwardly.",
                                            "nl": "Op dat formaat hoeft LinkedIn je afbeelding niet vreemd uit te rekken of bij te snijden.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Fill it with as much text as possible",
                                            "nl": "Zet er zo veel mogelijk tekst op",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "Lots of text is unreadable on a phone, so keep it to a short line or none at all.",
                                            "nl": "Veel tekst is op een telefoon onleesbaar, dus houd het bij één korte regel of helemaal niets.",
                                        },
                                    },
                                ],
                            },
                            {
                                "kind": "true_false",
                                "text": {
                                    "en": "The default blue banner is fine, because nobody looks at it.",
                                    "nl": "De standaard blauwe banner is prima, want niemand kijkt ernaar.",
                                },
                                "choices": [
                                    {
                                        "text": {"en": "True", "nl": "Waar"},
                                        "correct": False,
                                        "explanation": {
                                            "en": "The banner is the largest image on your profile and one of the first things visitors see.",
                                            "nl": "De banner is de grootste afbeelding op je profiel en een van de eerste dingen die bezoekers zien.",
                                        },
                                    },
                                    {
                                        "text": {"en": "False", "nl": "Niet waar"},
                                        "correct": True,
                                        "explanation": {
                                            "en": "An empty banner is a missed chance to show where you work and what you do.",
                                            "nl": "Een lege banner is een gemiste kans om te laten zien waar je werkt en wat je doet.",
                                        },
                                    },
                                ],
                            },
                        ],
                    },
                },
                {
                    "slug": "headline-about-experience-skills",
                    "title": {
                        "en": "Headline, About, Experience and Skills",
                        "nl": "Kopregel, Info, Ervaring en Vaardigheden",
                    },
                    "body": [
                        {
                            "type": "heading",
                            "value": {
                                "en": "Your headline: more than a job title",
                                "nl": "Je kopregel: meer dan je functietitel",
                            },
                        },
                        {
                            "type": "paragraph",
                            "value": {
                                "en": (
                                    "<p>Your headline appears next to your name everywhere: under every post, every "
                                    "comment and every search result. You have up to 220 characters, but the first "
                                    "40 to 60 count most, because that is often all people see on a phone. Describe "
                                    "what you do and for whom, not just your job title. Compare <i>Account manager at "
                                    "Van Dijk Installatietechniek</i> with <i>Helping hospitals save energy | Account "
                                    "manager at Van Dijk Installatietechniek</i>. Use words people actually search for "
                                    "and drop empty terms such as 'passionate' or 'guru'.</p>"
                                ),
                                "nl": (
                                    "<p>Je kopregel staat overal naast je naam: onder elk bericht, elke reactie en elk "
                                    "zoekresultaat. Je hebt tot 220 tekens, maar de eerste 40 tot 60 tellen het zwaarst, "
                                    "want vaak is dat alles wat mensen op hun telefoon zien. Beschrijf wat je doet en "
                                    "voor wie, niet alleen je functietitel. Vergelijk <i>Accountmanager bij Van Dijk "
                                    "Installatietechniek</i> eens met <i>Ik help ziekenhuizen energie besparen | "
                                    "Accountmanager bij Van Dijk Installatietechniek</i>. Gebruik woorden waarop mensen "
                                    "echt zoeken en schrap holle termen als ‘gepassioneerd’ of ‘goeroe’.</p>"
                                ),
                            },
                        },
                        {
                            "type": "paragraph",
                            "value": {
                                "en": (
                                    "<p>The About section (up to 2,600 characters) is your story in your own words. "
                                    "Only the first two or three lines show before 'see more', so open with what you "
                                    "do and why you enjoy it. Write in the first person, the way you would introduce "
                                    "yourself at a birthday party, not like a CV. A simple structure:</p><ul>"
                                    "<li>what you do and for whom;</li>"
                                    "<li>what you are proud of, with one concrete example;</li>"
                                    "<li>what people can contact you about.</li></ul>"
                                ),
                                "nl": (
                                    "<p>In de sectie Info (tot 2600 tekens) vertel je je verhaal in je eigen woorden. "
                                    "Alleen de eerste twee à drie regels zijn zichtbaar vóór de knop ‘meer’, dus begin "
                                    "met wat je doet en waarom je dat leuk vindt. Schrijf in de ik-vorm, zoals je "
                                    "jezelf op een verjaardag voorstelt, en niet als een cv. Een eenvoudige opbouw:</p><ul>"
                                    "<li>wat je doet en voor wie;</li>"
                                    "<li>waar je trots op bent, met één concreet voorbeeld;</li>"
                                    "<li>waarover mensen contact met je kunnen opnemen.</li></ul>"
                                ),
                            },
                        },
                        {
                            "type": "paragraph",
                            "value": {
                                "en": (
                                    "<p>Under Experience, link your current job to your employer's official company "
                                    "page. The logo then appears and you are listed on that page's People tab. Write "
                                    "two or three lines per role about results rather than tasks, and add a photo, "
                                    "presentation or link where you can. Under Skills you can add up to 100 skills; "
                                    "choose the five that matter most for your current role as your top skills and ask "
                                    "colleagues to endorse them. Recruiters and customers filter on skills, so use "
                                    "common terms such as 'project management' instead of internal jargon.</p>"
                                ),
                                "nl": (
                                    "<p>Koppel bij Ervaring je huidige functie aan de officiële bedrijfspagina van je "
                                    "werkgever. Dan verschijnt het logo en sta je op het tabblad Personen van die "
                                    "pagina. Schrijf per functie twee of drie regels over resultaten in plaats van "
                                    "taken, en voeg waar het kan een foto, presentatie of link toe. Bij Vaardigheden "
                                    "kun je er tot 100 toevoegen; kies de vijf die voor je huidige rol het belangrijkst "
                                    "zijn als topvaardigheden en vraag collega's ze te onderschrijven. Recruiters en "
                                    "klanten filteren op vaardigheden, dus gebruik gangbare termen als "
                                    "‘projectmanagement’ in plaats van intern jargon.</p>"
                                ),
                            },
                        },
                        {
                            "type": "tip",
                            "value": {
                                "en": (
                                    "<p>Updating a lot at once? Switch off the option to notify your network when you "
                                    "save a change, so your connections don't get a message for every comma. Switch "
                                    "it back on when you really start a new job.</p>"
                                ),
                                "nl": (
                                    "<p>Pas je veel tegelijk aan? Zet bij het opslaan de optie uit om je netwerk te "
                                    "informeren, zodat je connecties niet voor elke komma een melding krijgen. Zet hem "
                                    "weer aan als je echt aan een nieuwe baan begint.</p>"
                                ),
                            },
                        },
                        {
                            "type": "assignment",
                            "value": {
                                "title": {
                                    "en": "Rewrite your headline and About",
                                    "nl": "Herschrijf je kopregel en Info",
                                },
                                "instructions": {
                                    "en": (
                                        "<ol>"
                                        "<li>Write three versions of your headline using the pattern <i>what you do for "
                                        "whom | role at organisation</i>.</li>"
                                        "<li>Read them out to a colleague and keep the one they understand fastest.</li>"
                                        "<li>Rewrite the first two lines of your About section so that people want to "
                                        "click 'see more'.</li>"
                                        "<li>Check that your current job is linked to the company page: you should see "
                                        "the logo.</li></ol>"
                                    ),
                                    "nl": (
                                        "<ol>"
                                        "<li>Schrijf drie versies van je kopregel volgens het patroon <i>wat je doet voor "
                                        "wie | functie bij organisatie</i>.</li>"
                                        "<li>Lees ze voor aan een collega en houd de versie die hij of zij het snelst "
                                        "begrijpt.</li>"
                                        "<li>Herschrijf de eerste twee regels van je Info zo dat mensen op ‘meer’ willen "
                                        "klikken.</li>"
                                        "<li>Controleer of je huidige functie aan de bedrijfspagina gekoppeld is: je ziet "
                                        "dan het logo.</li></ol>"
                                    ),
                                },
                            },
                        },
                    ],
                    "quiz": {
                        "pass_mark": 70,
                        "questions": [
                            {
                                "kind": "single",
                                "text": {
                                    "en": "Which headline helps you most to be found and understood?",
                                    "nl": "Met welke kopregel word je het best gevonden en begrepen?",
                                },
                                "choices": [
                                    {
                                        "text": {
                                            "en": "Helping hospitals save energy | Account manager at Van Dijk Installatietechniek",
                                            "nl": "Ik help ziekenhuizen energie besparen | Accountmanager bij Van Dijk Installatietechniek",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "It says what you do and for whom, and still contains your role and employer.",
                                            "nl": "Hij zegt wat je doet en voor wie, en noemt toch je functie en werkgever.",
                                        },
                                    },
                                    {
                                        "text": {"en": "Account manager", "nl": "Accountmanager"},
                                        "correct": False,
                                        "explanation": {
                                            "en": "A bare job title says nothing about why you are relevant, and thousands of people share it.",
                                            "nl": "Een kale functietitel zegt niets over waarom jij relevant bent, en duizenden mensen hebben dezelfde.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Passionate go-getter | Guru | Ninja",
                                            "nl": "Gepassioneerde aanpakker | Goeroe | Ninja",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "Nobody searches for empty buzzwords, and they tell people nothing concrete.",
                                            "nl": "Niemand zoekt op holle modewoorden, en ze vertellen mensen niets concreets.",
                                        },
                                    },
                                ],
                            },
                            {
                                "kind": "multiple",
                                "text": {
                                    "en": "Which of these strengthen your Experience section? (Choose all that apply.)",
                                    "nl": "Wat maakt je sectie Ervaring sterker? (Meerdere antwoorden mogelijk.)",
                                },
                                "choices": [
                                    {
                                        "text": {
                                            "en": "Linking your job to the official company page",
                                            "nl": "Je functie koppelen aan de officiële bedrijfspagina",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "That shows the logo and lists you on the company's People tab.",
                                            "nl": "Dan verschijnt het logo en sta je op het tabblad Personen van het bedrijf.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Two or three lines per role about results",
                                            "nl": "Per functie twee of drie regels over resultaten",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "Results show what you contribute, which convinces more than a list of tasks.",
                                            "nl": "Resultaten laten zien wat je bijdraagt, en dat overtuigt meer dan een takenlijst.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Adding a photo, presentation or link to your work",
                                            "nl": "Een foto, presentatie of link naar je werk toevoegen",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "Media make your experience concrete and visible at a glance.",
                                            "nl": "Media maken je ervaring in één oogopslag concreet en zichtbaar.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Pasting your full internal job description",
                                            "nl": "Je volledige interne functieomschrijving erin plakken",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "Internal descriptions are long, full of jargon and sometimes contain information not meant for outsiders.",
                                            "nl": "Interne omschrijvingen zijn lang, zitten vol jargon en bevatten soms informatie die niet voor buiten bedoeld is.",
                                        },
                                    },
                                ],
                            },
                            {
                                "kind": "true_false",
                                "text": {
                                    "en": "Only the first two or three lines of your About section are visible before people click 'see more'.",
                                    "nl": "Alleen de eerste twee à drie regels van je Info zijn zichtbaar voordat mensen op ‘meer’ klikken.",
                                },
                                "choices": [
                                    {
                                        "text": {"en": "True", "nl": "Waar"},
                                        "correct": True,
                                        "explanation": {
                                            "en": "That is why your opening lines must say what you do and why it matters.",
                                            "nl": "Daarom moeten je openingsregels zeggen wat je doet en waarom dat ertoe doet.",
                                        },
                                    },
                                    {
                                        "text": {"en": "False", "nl": "Niet waar"},
                                        "correct": False,
                                        "explanation": {
                                            "en": "LinkedIn does shorten the About section, so the opening lines do most of the work.",
                                            "nl": "LinkedIn kort de sectie Info wel degelijk in, dus je openingsregels doen het meeste werk.",
                                        },
                                    },
                                ],
                            },
                        ],
                    },
                },
                {
                    "slug": "featured-url-contact-open-to",
                    "title": {
                        "en": "Featured, custom URL, contact info and 'Open to'",
                        "nl": "Uitgelicht, eigen URL, contactgegevens en ‘Open voor’",
                    },
                    "body": [
                        {
                            "type": "heading",
                            "value": {"en": "Make yourself reachable", "nl": "Maak jezelf bereikbaar"},
                        },
                        {
                            "type": "paragraph",
                            "value": {
                                "en": (
                                    "<p>The Featured section is your shop window: a handful of posts, articles, links or "
                                    "files shown right below your About section. Choose items that show your work and "
                                    "your organisation at their best, such as a post you shared from the ambassador "
                                    "programme, a customer case on your organisation's website or a vacancy in your "
                                    "team. Replace them every few months so the section stays current. Nothing you "
                                    "feature may be internal or confidential: if it is not yet public on your "
                                    "organisation's own channels, it does not belong here.</p>"
                                ),
                                "nl": (
                                    "<p>De sectie Uitgelicht is je etalage: een handvol berichten, artikelen, links of "
                                    "bestanden direct onder je Info. Kies items die jouw werk en je organisatie op hun "
                                    "best laten zien, zoals een bericht dat je vanuit het ambassadeursprogramma deelde, "
                                    "een klantcase op de website van je organisatie of een vacature in je team. Ververs "
                                    "ze om de paar maanden, dan blijft het actueel. Wat je uitlicht mag nooit intern of "
                                    "vertrouwelijk zijn: staat het nog niet openbaar op de eigen kanalen van je "
                                    "organisatie, dan hoort het hier niet.</p>"
                                ),
                            },
                        },
                        {
                            "type": "paragraph",
                            "value": {
                                "en": (
                                    "<p>LinkedIn gives you a URL with a random string of characters. Change it to "
                                    "something like <i>linkedin.com/in/sannedevries</i> via <b>Edit public profile "
                                    "&amp; URL</b> on your profile, and use it in your email signature and on your "
                                    "business card. Then open <b>Contact info</b> and check:</p><ul>"
                                    "<li>your organisation's website, and perhaps your team page;</li>"
                                    "<li>a work email address, if you want customers to reach you;</li>"
                                    "<li>who can see your email address and phone number.</li></ul>"
                                    "<p>Only add a private phone number if you really want to.</p>"
                                ),
                                "nl": (
                                    "<p>LinkedIn geeft je een URL met een willekeurige reeks tekens. Maak daar iets "
                                    "van als <i>linkedin.com/in/sannedevries</i> via <b>Openbaar profiel en URL "
                                    "bewerken</b> op je profiel, en zet die in je e-mailhandtekening en op je "
                                    "visitekaartje. Open daarna <b>Contactgegevens</b> en controleer:</p><ul>"
                                    "<li>de website van je organisatie, en eventueel je teampagina;</li>"
                                    "<li>een zakelijk e-mailadres, als je wilt dat klanten je kunnen bereiken;</li>"
                                    "<li>wie je e-mailadres en telefoonnummer kan zien.</li></ul>"
                                    "<p>Zet er alleen een privénummer bij als je dat echt wilt.</p>"
                                ),
                            },
                        },
                        {
                            "type": "paragraph",
                            "value": {
                                "en": (
                                    "<p>The <b>Open to</b> button offers three options. <b>Hiring</b> adds a #Hiring "
                                    "frame to your photo and links your vacancies: ideal if you recruit for your own "
                                    "team, and a perfect match with a vacancy challenge. <b>Providing services</b> is "
                                    "meant for freelancers and rarely fits employees. <b>Finding a new job</b> can be "
                                    "shown to everyone, with the green #OpenToWork frame, or to recruiters only. "
                                    "LinkedIn tries to hide it from recruiters at your own employer, but cannot "
                                    "guarantee it. The choice is yours; just know what you are signalling.</p>"
                                ),
                                "nl": (
                                    "<p>Onder de knop <b>Open voor</b> vind je drie mogelijkheden. Met de optie voor "
                                    "werven krijgt je foto een #Hiring-kader en koppel je je vacatures: ideaal als je "
                                    "voor je eigen team werft, en een perfecte match met een vacature-challenge. Diensten "
                                    "aanbieden is bedoeld voor freelancers en past zelden bij medewerkers in loondienst. "
                                    "Een nieuwe baan zoeken kun je aan iedereen laten zien, met het groene "
                                    "#OpenToWork-kader, of alleen aan recruiters. LinkedIn probeert dat te verbergen voor "
                                    "recruiters van je eigen werkgever, maar garandeert het niet. Jij kiest; weet alleen "
                                    "wat je uitstraalt.</p>"
                                ),
                            },
                        },
                        {
                            "type": "tip",
                            "value": {
                                "en": (
                                    "<p>Sharing a vacancy for a challenge? Add the post to Featured for as long as the "
                                    "challenge runs, so everyone who visits your profile sees it straight away. Remove "
                                    "it once the position is filled.</p>"
                                ),
                                "nl": (
                                    "<p>Deel je een vacature voor een challenge? Zet het bericht zolang de challenge "
                                    "loopt in Uitgelicht, dan ziet iedereen die je profiel bezoekt het meteen. Haal het "
                                    "weg zodra de vacature vervuld is.</p>"
                                ),
                            },
                        },
                        {
                            "type": "assignment",
                            "value": {
                                "title": {
                                    "en": "Finish your profile in ten minutes",
                                    "nl": "Maak je profiel af in tien minuten",
                                },
                                "instructions": {
                                    "en": (
                                        "<ol>"
                                        "<li>Set your custom URL and add it to your email signature.</li>"
                                        "<li>Check your contact info and who can see your email address.</li>"
                                        "<li>Add one public item to Featured: a post, a customer case or a vacancy.</li>"
                                        "<li>Make a conscious choice about 'Open to'.</li>"
                                        "<li>Open your profile in a private browser window to see what strangers see.</li>"
                                        "</ol>"
                                    ),
                                    "nl": (
                                        "<ol>"
                                        "<li>Stel je eigen URL in en zet die in je e-mailhandtekening.</li>"
                                        "<li>Controleer je contactgegevens en wie je e-mailadres kan zien.</li>"
                                        "<li>Zet één openbaar item in Uitgelicht: een bericht, een klantcase of een vacature.</li>"
                                        "<li>Maak een bewuste keuze bij ‘Open voor’.</li>"
                                        "<li>Open je profiel in een incognitovenster om te zien wat onbekenden zien.</li>"
                                        "</ol>"
                                    ),
                                },
                            },
                        },
                    ],
                    "quiz": {
                        "pass_mark": 70,
                        "questions": [
                            {
                                "kind": "single",
                                "text": {
                                    "en": "Where do you change your LinkedIn profile URL?",
                                    "nl": "Waar pas je de URL van je LinkedIn-profiel aan?",
                                },
                                "choices": [
                                    {
                                        "text": {
                                            "en": "Via 'Edit public profile & URL' on your profile",
                                            "nl": "Via ‘Openbaar profiel en URL bewerken’ op je profiel",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "That is where you choose your own URL, as long as nobody else has taken it.",
                                            "nl": "Daar kies je je eigen URL, zolang niemand anders die al gebruikt.",
                                        },
                                    },
                                    {
                                        "text": {"en": "In your Experience section", "nl": "In je sectie Ervaring"},
                                        "correct": False,
                                        "explanation": {
                                            "en": "Experience is about your jobs; the URL is part of your public profile settings.",
                                            "nl": "Ervaring gaat over je functies; de URL hoort bij de instellingen van je openbare profiel.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Nowhere: LinkedIn assigns it and you cannot change it",
                                            "nl": "Nergens: LinkedIn kent hem toe en je kunt hem niet wijzigen",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "You can choose your own URL, which makes your profile easier to find and share.",
                                            "nl": "Je kunt zelf een URL kiezen, en daardoor is je profiel makkelijker te vinden en te delen.",
                                        },
                                    },
                                ],
                            },
                            {
                                "kind": "multiple",
                                "text": {
                                    "en": "Which items are suitable for your Featured section? (Choose all that apply.)",
                                    "nl": "Welke items passen in je sectie Uitgelicht? (Meerdere antwoorden mogelijk.)",
                                },
                                "choices": [
                                    {
                                        "text": {
                                            "en": "A customer case already published on your organisation's website",
                                            "nl": "Een klantcase die al op de website van je organisatie staat",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "It is public and approved, and it shows your work in practice.",
                                            "nl": "Die is openbaar en goedgekeurd, en laat je werk in de praktijk zien.",
                                        },
                                    },
                                    {
                                        "text": {"en": "A vacancy in your team", "nl": "Een vacature in je team"},
                                        "correct": True,
                                        "explanation": {
                                            "en": "A featured vacancy reaches everyone who visits your profile, including potential colleagues.",
                                            "nl": "Een uitgelichte vacature bereikt iedereen die je profiel bezoekt, ook toekomstige collega's.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "A post you shared from the ambassador programme",
                                            "nl": "Een bericht dat je vanuit het ambassadeursprogramma deelde",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "It shows your organisation through your eyes, which is exactly what the programme is about.",
                                            "nl": "Het laat je organisatie door jouw ogen zien, en daar draait het programma precies om.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "A screenshot of the internal quarterly figures",
                                            "nl": "Een screenshot van de interne kwartaalcijfers",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "Internal figures are confidential and never belong on a public profile.",
                                            "nl": "Interne cijfers zijn vertrouwelijk en horen nooit op een openbaar profiel.",
                                        },
                                    },
                                ],
                            },
                            {
                                "kind": "true_false",
                                "text": {
                                    "en": "If you show 'Finding a new job' to recruiters only, LinkedIn guarantees your own employer can never see it.",
                                    "nl": "Laat je ‘nieuwe baan zoeken’ alleen aan recruiters zien, dan garandeert LinkedIn dat je eigen werkgever het nooit ziet.",
                                },
                                "choices": [
                                    {
                                        "text": {"en": "True", "nl": "Waar"},
                                        "correct": False,
                                        "explanation": {
                                            "en": "LinkedIn tries to hide it from recruiters at your own organisation, but explicitly gives no guarantee.",
                                            "nl": "LinkedIn probeert het te verbergen voor recruiters van je eigen organisatie, maar geeft uitdrukkelijk geen garantie.",
                                        },
                                    },
                                    {
                                        "text": {"en": "False", "nl": "Niet waar"},
                                        "correct": True,
                                        "explanation": {
                                            "en": "LinkedIn takes measures but cannot fully prevent your employer from noticing.",
                                            "nl": "LinkedIn neemt maatregelen, maar kan niet helemaal voorkomen dat je werkgever het merkt.",
                                        },
                                    },
                                ],
                            },
                        ],
                    },
                },
            ],
        },
        # ------------------------------------------------------------------
        # Course 2: stories from the work floor
        # ------------------------------------------------------------------
        {
            "slug": "stories-from-the-work-floor",
            "title": {
                "en": "What makes a good story from the work floor",
                "nl": "Wat maakt een goed verhaal van de werkvloer?",
            },
            "summary": {
                "en": (
                    "Learn to spot authentic, shareable moments in your daily work and to judge what you can and "
                    "cannot share. You always remain the final editor of your own channel."
                ),
                "nl": (
                    "Leer authentieke, deelbare momenten in je dagelijkse werk herkennen en beoordelen wat je wel en "
                    "niet deelt. Jij blijft altijd eindredacteur van je eigen kanaal."
                ),
            },
            "estimated_minutes": 25,
            "prerequisites": [],
            "lessons": [
                {
                    "slug": "spotting-shareable-moments",
                    "title": {"en": "Spotting shareable moments", "nl": "Deelbare momenten herkennen"},
                    "body": [
                        {
                            "type": "heading",
                            "value": {
                                "en": "Why your story beats an advert",
                                "nl": "Waarom jouw verhaal het wint van een advertentie",
                            },
                        },
                        {
                            "type": "paragraph",
                            "value": {
                                "en": (
                                    "<p>Customers, candidates and partners want to know who is behind the logo and "
                                    "what work is really like. Meanwhile, posts from company pages often reach only "
                                    "1.2 to 15 percent of their followers. Posts from people reach further and feel "
                                    "more trustworthy. That is why the Social Shift puts employees at the centre: "
                                    "when you tell how proud you are of a finished project, no job advert can compete. "
                                    "You don't need to be a marketer. You only need to notice the moments you would "
                                    "also talk about at a birthday party.</p>"
                                ),
                                "nl": (
                                    "<p>Klanten, sollicitanten en partners willen weten wie er achter het logo zit en "
                                    "hoe het er op de werkvloer echt aan toegaat. Tegelijk verschijnen berichten van "
                                    "bedrijfspagina's vaak maar bij 1,2 tot 15 procent van de volgers. Berichten van "
                                    "mensen komen verder en voelen betrouwbaarder. Daarom zet de Social Shift "
                                    "medewerkers centraal: als jij vertelt hoe trots je bent op een opgeleverd project, "
                                    "kan geen personeelsadvertentie daartegenop. Je hoeft geen marketeer te zijn. Je "
                                    "hoeft alleen de momenten op te merken waar je ook op een verjaardag over zou "
                                    "vertellen.</p>"
                                ),
                            },
                        },
                        {
                            "type": "paragraph",
                            "value": {
                                "en": (
                                    "<p>Once you start looking, shareable moments are everywhere. Think of:</p><ul>"
                                    "<li><b>success moments</b>: a delivery, a happy customer, a project completed;</li>"
                                    "<li><b>behind the scenes</b>: how a product is made, a day in the workshop or on the ward;</li>"
                                    "<li><b>people</b>: a new colleague, an anniversary, a team that cracked a problem;</li>"
                                    "<li><b>learning</b>: a training course, a mistake you learned from;</li>"
                                    "<li><b>events</b>: a trade fair, an open day, or a date from the content calendar.</li>"
                                    "</ul>"
                                ),
                                "nl": (
                                    "<p>Als je eenmaal gaat kijken, zie je overal deelbare momenten. Denk aan:</p><ul>"
                                    "<li><b>succesmomenten</b>: een levering, een blije klant, een afgerond project;</li>"
                                    "<li><b>achter de schermen</b>: hoe een product gemaakt wordt, een dag in de werkplaats of op de afdeling;</li>"
                                    "<li><b>mensen</b>: een nieuwe collega, een jubileum, een team dat een probleem kraakte;</li>"
                                    "<li><b>leren</b>: een training, een fout waar je van leerde;</li>"
                                    "<li><b>evenementen</b>: een beurs, een open dag, of een dag uit de inhaakkalender.</li>"
                                    "</ul>"
                                ),
                            },
                        },
                        {
                            "type": "paragraph",
                            "value": {
                                "en": (
                                    "<p>A good story from the work floor is authentic: told in your own words, about "
                                    "something you saw or did yourself. Start with the moment, not with the company. "
                                    "<i>At six this morning the first wind turbine blade left our hall</i> works better "
                                    "than <i>Company X is proud to announce</i>. Then say why it matters to you or to "
                                    "the customer, and end with a question or an invitation. A slightly shaky photo "
                                    "with a real smile beats a polished stock image. The first two lines decide whether "
                                    "people click 'see more', so put the best part first.</p>"
                                ),
                                "nl": (
                                    "<p>Een goed verhaal van de werkvloer is authentiek: in je eigen woorden, over iets "
                                    "wat je zelf zag of deed. Begin bij het moment, niet bij het bedrijf. <i>Vanochtend "
                                    "om zes uur verliet het eerste windturbineblad onze hal</i> werkt beter dan <i>Bedrijf "
                                    "X is trots om aan te kondigen</i>. Vertel daarna waarom het ertoe doet voor jou of "
                                    "voor de klant, en sluit af met een vraag of uitnodiging. Een wat bibberige foto met "
                                    "een echte lach wint van een gelikte stockfoto. De eerste twee regels bepalen of "
                                    "mensen op ‘meer’ klikken, dus zet het beste vooraan.</p>"
                                ),
                            },
                        },
                        {
                            "type": "tip",
                            "value": {
                                "en": (
                                    "<p>Create a note on your phone called 'Stories'. Whenever something makes you "
                                    "think 'that's nice', jot down one line and take a photo. You'll never arrive at "
                                    "the monthly meetup empty-handed again.</p>"
                                ),
                                "nl": (
                                    "<p>Maak op je telefoon een notitie met de naam ‘Verhalen’. Denk je ergens ‘wat "
                                    "mooi’, schrijf dan één regel op en maak een foto. Zo kom je nooit meer met lege "
                                    "handen naar de maandelijkse meetup.</p>"
                                ),
                            },
                        },
                        {
                            "type": "assignment",
                            "value": {
                                "title": {"en": "Collect three moments", "nl": "Verzamel drie momenten"},
                                "instructions": {
                                    "en": (
                                        "<p>Look back at the past two weeks and write down three moments you could "
                                        "share. For each one, note in one sentence:</p><ol>"
                                        "<li>what happened (the moment);</li>"
                                        "<li>why it matters to you, a customer or a candidate;</li>"
                                        "<li>which photo or short video would go with it.</li></ol>"
                                        "<p>Submit the best one as a story in the platform, so your Social Editor can "
                                        "give you feedback.</p>"
                                    ),
                                    "nl": (
                                        "<p>Blik terug op de afgelopen twee weken en schrijf drie momenten op die je "
                                        "zou kunnen delen. Noteer per moment in één zin:</p><ol>"
                                        "<li>wat er gebeurde (het moment);</li>"
                                        "<li>waarom het ertoe doet voor jou, een klant of een sollicitant;</li>"
                                        "<li>welke foto of korte video erbij past.</li></ol>"
                                        "<p>Dien de beste in als verhaal op het platform, dan kan je Social Editor je "
                                        "feedback geven.</p>"
                                    ),
                                },
                            },
                        },
                    ],
                    "quiz": {
                        "pass_mark": 70,
                        "questions": [
                            {
                                "kind": "single",
                                "text": {
                                    "en": "Which opening line works best for a story from the work floor?",
                                    "nl": "Welke openingszin werkt het best voor een verhaal van de werkvloer?",
                                },
                                "choices": [
                                    {
                                        "text": {
                                            "en": "At six this morning the first wind turbine blade left our hall.",
                                            "nl": "Vanochtend om zes uur verliet het eerste windturbineblad onze hal.",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "It starts with a concrete, visual moment that makes people curious.",
                                            "nl": "Hij begint bij een concreet, beeldend moment dat mensen nieuwsgierig maakt.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Company X is proud to announce a new milestone.",
                                            "nl": "Bedrijf X is trots om een nieuwe mijlpaal aan te kondigen.",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "It sounds like a press release, so people scroll past it.",
                                            "nl": "Dat klinkt als een persbericht, dus mensen scrollen erlangs.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Please like and share this post!",
                                            "nl": "Graag liken en delen!",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "Asking for likes without a story gives nobody a reason to react.",
                                            "nl": "Om likes vragen zonder verhaal geeft niemand een reden om te reageren.",
                                        },
                                    },
                                ],
                            },
                            {
                                "kind": "multiple",
                                "text": {
                                    "en": "Which of these are shareable moments? (Choose all that apply.)",
                                    "nl": "Welke van deze momenten zijn deelbaar? (Meerdere antwoorden mogelijk.)",
                                },
                                "choices": [
                                    {
                                        "text": {
                                            "en": "A new colleague's first day, with their permission",
                                            "nl": "De eerste werkdag van een nieuwe collega, met diens toestemming",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "People stories show what it is like to work with you, and consent makes it fine to share.",
                                            "nl": "Verhalen over mensen laten zien hoe het is om bij jullie te werken, en met toestemming mag je ze delen.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "The team celebrating a project delivered on time",
                                            "nl": "Het team dat viert dat een project op tijd is opgeleverd",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "A success moment shows pride and craftsmanship, which people love to see.",
                                            "nl": "Een succesmoment laat trots en vakmanschap zien, en dat zien mensen graag.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Setting up your stand at the trade fair",
                                            "nl": "Het opbouwen van jullie stand op de beurs",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "Behind-the-scenes moments at events are authentic and invite people to visit.",
                                            "nl": "Momenten achter de schermen bij een evenement zijn authentiek en nodigen mensen uit om langs te komen.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "A meeting-room whiteboard full of figures and customer names",
                                            "nl": "Een whiteboard in de vergaderruimte vol cijfers en klantnamen",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "That is almost certainly confidential information and must never be shared.",
                                            "nl": "Dat is vrijwel zeker vertrouwelijke informatie en die deel je nooit.",
                                        },
                                    },
                                ],
                            },
                            {
                                "kind": "true_false",
                                "text": {
                                    "en": "A story only works if the photo looks professional.",
                                    "nl": "Een verhaal werkt alleen als de foto er professioneel uitziet.",
                                },
                                "choices": [
                                    {
                                        "text": {"en": "True", "nl": "Waar"},
                                        "correct": False,
                                        "explanation": {
                                            "en": "Authenticity matters more: a real moment in an imperfect photo is more credible than a stock image.",
                                            "nl": "Echtheid telt zwaarder: een echt moment op een imperfecte foto is geloofwaardiger dan een stockfoto.",
                                        },
                                    },
                                    {
                                        "text": {"en": "False", "nl": "Niet waar"},
                                        "correct": True,
                                        "explanation": {
                                            "en": "A genuine moment told in your own words carries the story, not the polish of the photo.",
                                            "nl": "Een echt moment in je eigen woorden draagt het verhaal, niet de glans van de foto.",
                                        },
                                    },
                                ],
                            },
                        ],
                    },
                },
                {
                    "slug": "final-editor-what-not-to-share",
                    "title": {
                        "en": "You are the final editor: what (not) to share",
                        "nl": "Jij bent eindredacteur: wat deel je (niet)?",
                    },
                    "body": [
                        {
                            "type": "heading",
                            "value": {"en": "Your channel, your choice", "nl": "Jouw kanaal, jouw keuze"},
                        },
                        {
                            "type": "paragraph",
                            "value": {
                                "en": (
                                    "<p>In this programme nothing is ever posted on your behalf. Social Creators submit "
                                    "stories, a Social Editor approves, edits or rejects them, and approved stories are "
                                    "suggested to you. Then you decide: share it, rewrite the text in your own words, or "
                                    "skip it. You always remain the final editor of your own channel. That is not only "
                                    "your right, it is also what makes the programme work: a post in your own words, "
                                    "with your own reason for sharing, is far more credible than a copied company text. "
                                    "Nobody will hold it against you if a story doesn't suit you.</p>"
                                ),
                                "nl": (
                                    "<p>In dit programma wordt nooit iets namens jou geplaatst. Social Creators dienen "
                                    "verhalen in, een Social Editor keurt ze goed, past ze aan of keurt ze af, en "
                                    "goedgekeurde verhalen krijg jij voorgesteld. Daarna beslis jij: delen, de tekst in "
                                    "je eigen woorden herschrijven, of overslaan. Jij blijft altijd eindredacteur van je "
                                    "eigen kanaal. Dat is niet alleen je recht, het laat het programma ook werken: een "
                                    "bericht in je eigen woorden, met je eigen reden om te delen, is veel geloofwaardiger "
                                    "dan een gekopieerde bedrijfstekst. Niemand neemt het je kwalijk als een verhaal niet "
                                    "bij je past.</p>"
                                ),
                            },
                        },
                        {
                            "type": "paragraph",
                            "value": {
                                "en": (
                                    "<p>Being open does not mean sharing everything. Never share:</p><ul>"
                                    "<li>personal data of customers, patients, students or colleagues (the GDPR applies);</li>"
                                    "<li>customer names, projects or logos without the customer's consent;</li>"
                                    "<li>figures, plans, tenders or reorganisations that have not been made public;</li>"
                                    "<li>screens, whiteboards, documents, badges or access codes in the background;</li>"
                                    "<li>security details such as locks, server rooms or alarm panels.</li></ul>"
                                    "<p>In doubt? Ask your Social Editor first, or simply don't share it.</p>"
                                ),
                                "nl": (
                                    "<p>Open zijn betekent niet dat je alles deelt. Deel nooit:</p><ul>"
                                    "<li>persoonsgegevens van klanten, patiënten, studenten of collega's (de AVG geldt);</li>"
                                    "<li>namen, projecten of logo's van klanten zonder hun toestemming;</li>"
                                    "<li>cijfers, plannen, aanbestedingen of reorganisaties die nog niet openbaar zijn;</li>"
                                    "<li>schermen, whiteboards, documenten, pasjes of toegangscodes op de achtergrond;</li>"
                                    "<li>beveiligingsdetails zoals sloten, serverruimtes of alarmpanelen.</li></ul>"
                                    "<p>Twijfel je? Vraag het eerst aan je Social Editor, of deel het gewoon niet.</p>"
                                ),
                            },
                        },
                        {
                            "type": "paragraph",
                            "value": {
                                "en": (
                                    "<p>People have a right to their own image. Before you share a photo or video in "
                                    "which someone is recognisable, ask their permission and tell them where it will "
                                    "appear. For customers, also ask whether you may name or tag their organisation; "
                                    "some contracts forbid it. For children, patients or clients in care, explicit and "
                                    "preferably written consent is needed, and your organisation probably has a policy "
                                    "for it: follow it. If someone later asks you to remove a post, do so straight away "
                                    "and let your Social Editor know.</p>"
                                ),
                                "nl": (
                                    "<p>Iedereen heeft recht op zijn eigen beeld. Vraag toestemming voordat je een foto "
                                    "of video deelt waarop iemand herkenbaar is, en vertel waar die komt te staan. Vraag "
                                    "klanten ook of je hun organisatie mag noemen of taggen; in sommige contracten is dat "
                                    "verboden. Bij kinderen, patiënten of cliënten in de zorg is uitdrukkelijke, liefst "
                                    "schriftelijke toestemming nodig, en waarschijnlijk heeft je organisatie daar beleid "
                                    "voor: volg dat. Vraagt iemand je later een bericht te verwijderen, doe dat dan meteen "
                                    "en laat het je Social Editor weten.</p>"
                                ),
                            },
                        },
                        {
                            "type": "tip",
                            "value": {
                                "en": (
                                    "<p>Zoom in on your photo before you post it. Reflections, screens and name badges "
                                    "often reveal more than you noticed when you took the picture.</p>"
                                ),
                                "nl": (
                                    "<p>Zoom in op je foto voordat je hem plaatst. Reflecties, schermen en naambadges "
                                    "verraden vaak meer dan je zag toen je de foto maakte.</p>"
                                ),
                            },
                        },
                        {
                            "type": "assignment",
                            "value": {
                                "title": {"en": "The check before you share", "nl": "De check vóór het delen"},
                                "instructions": {
                                    "en": (
                                        "<p>Take the last photo you made at work and check it against this list:</p><ol>"
                                        "<li>Does everyone recognisable in it know about it and agree?</li>"
                                        "<li>Is any screen, document, whiteboard or badge readable?</li>"
                                        "<li>Is a customer visible or named, and do you have their consent?</li>"
                                        "<li>Would you be comfortable if your manager, the customer and your mother all saw it?</li>"
                                        "</ol><p>Is any answer 'no' or 'not sure'? Then crop, ask, or pick another photo.</p>"
                                    ),
                                    "nl": (
                                        "<p>Pak de laatste foto die je op je werk maakte en loop deze lijst langs:</p><ol>"
                                        "<li>Weet iedereen die herkenbaar in beeld is ervan, en vindt diegene het goed?</li>"
                                        "<li>Is er een scherm, document, whiteboard of pasje leesbaar?</li>"
                                        "<li>Is er een klant te zien of genoemd, en heb je daar toestemming voor?</li>"
                                        "<li>Zou je het prima vinden als je leidinggevende, de klant én je moeder het zagen?</li>"
                                        "</ol><p>Is een antwoord ‘nee’ of ‘weet ik niet’? Snijd bij, vraag het na, of kies "
                                        "een andere foto.</p>"
                                    ),
                                },
                            },
                        },
                    ],
                    "quiz": {
                        "pass_mark": 70,
                        "questions": [
                            {
                                "kind": "true_false",
                                "text": {
                                    "en": "The Social Master may post an approved story on your LinkedIn account when you are busy.",
                                    "nl": "De Social Master mag een goedgekeurd verhaal op jouw LinkedIn-account plaatsen als je het druk hebt.",
                                },
                                "choices": [
                                    {
                                        "text": {"en": "True", "nl": "Waar"},
                                        "correct": False,
                                        "explanation": {
                                            "en": "Nothing is ever posted on your behalf; sharing is always your own decision.",
                                            "nl": "Er wordt nooit iets namens jou geplaatst; delen is altijd je eigen beslissing.",
                                        },
                                    },
                                    {
                                        "text": {"en": "False", "nl": "Niet waar"},
                                        "correct": True,
                                        "explanation": {
                                            "en": "You always remain the final editor of your own channel.",
                                            "nl": "Jij blijft altijd eindredacteur van je eigen kanaal.",
                                        },
                                    },
                                ],
                            },
                            {
                                "kind": "multiple",
                                "text": {
                                    "en": "What do you check before sharing a photo taken at a customer's site? (Choose all that apply.)",
                                    "nl": "Wat check je voordat je een foto deelt die je bij een klant maakte? (Meerdere antwoorden mogelijk.)",
                                },
                                "choices": [
                                    {
                                        "text": {
                                            "en": "Whether the customer agrees to being shown or named",
                                            "nl": "Of de klant het goedvindt om in beeld te komen of genoemd te worden",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "Without the customer's consent you may not show or name them, and some contracts forbid it outright.",
                                            "nl": "Zonder toestemming van de klant mag je die niet tonen of noemen, en soms verbiedt het contract het zelfs.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Whether the people in the picture have given permission",
                                            "nl": "Of de mensen op de foto toestemming hebben gegeven",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "Everyone has a right to their own image, so recognisable people must agree first.",
                                            "nl": "Iedereen heeft recht op zijn eigen beeld, dus herkenbare mensen moeten eerst instemmen.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Whether any screens or documents are readable",
                                            "nl": "Of er schermen of documenten leesbaar zijn",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "Readable screens and papers can leak confidential information without you noticing.",
                                            "nl": "Leesbare schermen en papieren kunnen ongemerkt vertrouwelijke informatie lekken.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Whether you have added enough filters",
                                            "nl": "Of je genoeg filters hebt toegevoegd",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "Filters change the look, not whether you are allowed to share the photo.",
                                            "nl": "Filters veranderen de look, niet de vraag of je de foto mag delen.",
                                        },
                                    },
                                ],
                            },
                            {
                                "kind": "single",
                                "text": {
                                    "en": "An approved story is suggested to you, but the text doesn't sound like you. What do you do?",
                                    "nl": "Je krijgt een goedgekeurd verhaal voorgesteld, maar de tekst klinkt niet als jij. Wat doe je?",
                                },
                                "choices": [
                                    {
                                        "text": {
                                            "en": "Rewrite it in your own words before sharing, or skip it",
                                            "nl": "Je herschrijft het in je eigen woorden voordat je het deelt, of je slaat het over",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "As final editor you decide what goes out, and your own words are more credible.",
                                            "nl": "Als eindredacteur bepaal jij wat er online komt, en je eigen woorden zijn geloofwaardiger.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Share it unchanged, because it has been approved",
                                            "nl": "Je deelt het ongewijzigd, want het is goedgekeurd",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "Approval means the story may be shared, not that you have to use the exact text.",
                                            "nl": "Goedkeuring betekent dat het verhaal gedeeld mag worden, niet dat je precies die tekst moet gebruiken.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Ask the Social Editor to post it on your profile for you",
                                            "nl": "Je vraagt de Social Editor het voor je op je profiel te plaatsen",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "Editors review stories; they never post on someone else's personal channel.",
                                            "nl": "Editors beoordelen verhalen; ze plaatsen nooit iets op het persoonlijke kanaal van een ander.",
                                        },
                                    },
                                ],
                            },
                            {
                                "kind": "single",
                                "text": {
                                    "en": "You are not sure whether a project may be mentioned publicly. What is the best thing to do?",
                                    "nl": "Je weet niet zeker of een project openbaar genoemd mag worden. Wat doe je het best?",
                                },
                                "choices": [
                                    {
                                        "text": {
                                            "en": "Ask your Social Editor first and don't share until you know",
                                            "nl": "Je vraagt het eerst aan je Social Editor en deelt pas als je het zeker weet",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "In doubt, don't share: the editor knows the agreements with customers.",
                                            "nl": "Bij twijfel niet delen: de editor kent de afspraken met klanten.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Share it and delete it if someone complains",
                                            "nl": "Je deelt het en verwijdert het als iemand klaagt",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "Once a post is online, screenshots can survive and the damage may already be done.",
                                            "nl": "Staat een bericht eenmaal online, dan kunnen screenshots blijven bestaan en is de schade misschien al gedaan.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Leave out the customer's name but show their logo",
                                            "nl": "Je laat de klantnaam weg maar toont wel het logo",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "A logo identifies the customer just as clearly as a name does.",
                                            "nl": "Een logo maakt de klant net zo herkenbaar als een naam.",
                                        },
                                    },
                                ],
                            },
                        ],
                    },
                },
            ],
        },
        # ------------------------------------------------------------------
        # Course 3: photos and video with your phone
        # ------------------------------------------------------------------
        {
            "slug": "photo-and-video-with-your-phone",
            "title": {"en": "Photos and video with your phone", "nl": "Foto's en video met je telefoon"},
            "summary": {
                "en": (
                    "Your phone is all you need. Learn to work with light, framing and sound, make short vertical "
                    "videos, and always ask the people in the picture for consent."
                ),
                "nl": (
                    "Je telefoon is alles wat je nodig hebt. Leer werken met licht, kadrering en geluid, maak korte "
                    "verticale video's en vraag altijd toestemming aan wie er in beeld is."
                ),
            },
            "estimated_minutes": 25,
            "prerequisites": [],
            "lessons": [
                {
                    "slug": "light-and-framing",
                    "title": {"en": "Light and framing", "nl": "Licht en kadrering"},
                    "body": [
                        {
                            "type": "heading",
                            "value": {"en": "Light makes the photo", "nl": "Licht maakt de foto"},
                        },
                        {
                            "type": "paragraph",
                            "value": {
                                "en": (
                                    "<p>Phone cameras are excellent in good light and poor in bad light. Look for soft "
                                    "daylight: next to a window, outside on an overcast day, or in the shade. Put the "
                                    "light in front of or beside your subject, never behind it, or faces turn into dark "
                                    "silhouettes. In a workshop or warehouse, turn people towards the open door or the "
                                    "brightest lamp. Avoid the flash, which makes faces flat and shiny. Tap the face on "
                                    "your screen to focus, then slide the brightness down a little so light areas don't "
                                    "wash out.</p>"
                                ),
                                "nl": (
                                    "<p>Telefooncamera's zijn uitstekend bij goed licht en matig bij slecht licht. Zoek "
                                    "zacht daglicht op: naast een raam, buiten op een bewolkte dag, of in de schaduw. "
                                    "Zorg dat het licht van voren of van opzij komt, nooit van achteren, anders worden "
                                    "gezichten donkere silhouetten. Draai mensen in een werkplaats of magazijn naar de "
                                    "open deur of de felste lamp. Laat de flitser uit: die maakt gezichten vlak en "
                                    "glimmend. Tik op het gezicht op je scherm om scherp te stellen en schuif de "
                                    "helderheid iets omlaag, zodat lichte delen niet uitbijten.</p>"
                                ),
                            },
                        },
                        {
                            "type": "paragraph",
                            "value": {
                                "en": (
                                    "<p>Switch on the grid in your camera settings and place the most important thing "
                                    "on one of the lines or intersections rather than in the exact centre: the rule of "
                                    "thirds. Other tips that work immediately:</p><ul>"
                                    "<li>walk closer instead of zooming, because digital zoom costs sharpness;</li>"
                                    "<li>shoot at eye level, also with people sitting down or with small products;</li>"
                                    "<li>tidy the background: cups, cables and bins distract;</li>"
                                    "<li>show hands at work, not only posed faces;</li>"
                                    "<li>wipe your lens, the number one cause of hazy photos.</li></ul>"
                                ),
                                "nl": (
                                    "<p>Zet het raster aan in je camera-instellingen en plaats het belangrijkste op een "
                                    "van de lijnen of snijpunten in plaats van precies in het midden: de regel van "
                                    "derden. Andere tips die meteen werken:</p><ul>"
                                    "<li>loop dichterbij in plaats van te zoomen, want digitale zoom kost scherpte;</li>"
                                    "<li>fotografeer op ooghoogte, ook bij mensen die zitten of bij kleine producten;</li>"
                                    "<li>ruim de achtergrond op: bekers, kabels en prullenbakken leiden af;</li>"
                                    "<li>laat handen aan het werk zien, niet alleen geposeerde gezichten;</li>"
                                    "<li>veeg je lens schoon, de grootste oorzaak van wazige foto's.</li></ul>"
                                ),
                            },
                        },
                        {
                            "type": "paragraph",
                            "value": {
                                "en": (
                                    "<p>Think about where the photo will appear. In the LinkedIn feed on a phone, a "
                                    "vertical photo (4:5, for example 1080 × 1350 pixels) or a square one takes up more "
                                    "of the screen than a wide landscape photo, so it gets more attention. Take a few "
                                    "variations of every moment: a wide shot that shows the place, a medium shot of the "
                                    "people and a close-up of a detail. That gives your Social Editor a choice and makes "
                                    "a series of photos possible.</p>"
                                ),
                                "nl": (
                                    "<p>Denk na over waar de foto terechtkomt. In de LinkedIn-tijdlijn op een telefoon "
                                    "neemt een staande foto (4:5, bijvoorbeeld 1080 × 1350 pixels) of een vierkante "
                                    "meer ruimte in dan een brede liggende foto, en trekt die dus meer aandacht. Maak "
                                    "van elk moment een paar varianten: een overzichtsshot van de plek, een halftotaal "
                                    "van de mensen en een close-up van een detail. Zo heeft je Social Editor keuze en "
                                    "kun je er ook een fotoreeks van maken.</p>"
                                ),
                            },
                        },
                        {
                            "type": "tip",
                            "value": {
                                "en": (
                                    "<p>Take ten photos instead of one. There is almost always one among them in which "
                                    "nobody blinks and the light is just right. Delete the rest the same day.</p>"
                                ),
                                "nl": (
                                    "<p>Maak tien foto's in plaats van één. Er zit bijna altijd een foto tussen waarop "
                                    "niemand met de ogen knippert en het licht precies goed is. Gooi de rest dezelfde "
                                    "dag nog weg.</p>"
                                ),
                            },
                        },
                        {
                            "type": "assignment",
                            "value": {
                                "title": {"en": "Three shots of your workplace", "nl": "Drie shots van je werkplek"},
                                "instructions": {
                                    "en": (
                                        "<p>Turn on the grid in your camera now and take three photos of your own "
                                        "workplace or team:</p><ol>"
                                        "<li>a wide shot that shows where you work;</li>"
                                        "<li>a medium shot of a colleague at work (ask first);</li>"
                                        "<li>a close-up of a detail: hands, a tool, a product.</li></ol>"
                                        "<p>Compare them with a photo you took before this lesson. What difference "
                                        "does the light make?</p>"
                                    ),
                                    "nl": (
                                        "<p>Zet nu het raster in je camera aan en maak drie foto's van je eigen werkplek "
                                        "of team:</p><ol>"
                                        "<li>een overzichtsshot dat laat zien waar je werkt;</li>"
                                        "<li>een halftotaal van een collega aan het werk (vraag het eerst);</li>"
                                        "<li>een close-up van een detail: handen, gereedschap, een product.</li></ol>"
                                        "<p>Vergelijk ze met een foto die je vóór deze les maakte. Wat doet het licht "
                                        "voor verschil?</p>"
                                    ),
                                },
                            },
                        },
                    ],
                    "quiz": {
                        "pass_mark": 70,
                        "questions": [
                            {
                                "kind": "single",
                                "text": {
                                    "en": "Your colleague is standing in front of a bright window. What do you do?",
                                    "nl": "Je collega staat voor een fel raam. Wat doe je?",
                                },
                                "choices": [
                                    {
                                        "text": {
                                            "en": "Swap places, so the window is behind you and the light falls on their face",
                                            "nl": "Jullie ruilen van plek, zodat het raam achter jou is en het licht op het gezicht valt",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "Light from the front gives a clear, well-lit face instead of a silhouette.",
                                            "nl": "Licht van voren geeft een helder, goed belicht gezicht in plaats van een silhouet.",
                                        },
                                    },
                                    {
                                        "text": {"en": "Switch on the flash", "nl": "Je zet de flitser aan"},
                                        "correct": False,
                                        "explanation": {
                                            "en": "The flash makes faces flat and shiny and barely competes with a bright window.",
                                            "nl": "De flitser maakt gezichten vlak en glimmend en kan nauwelijks op tegen een fel raam.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Zoom in digitally so the window is out of the frame",
                                            "nl": "Je zoomt digitaal in, zodat het raam buiten beeld valt",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "Digital zoom costs sharpness and the face is still lit from behind.",
                                            "nl": "Digitale zoom kost scherpte en het gezicht krijgt nog steeds licht van achteren.",
                                        },
                                    },
                                ],
                            },
                            {
                                "kind": "multiple",
                                "text": {
                                    "en": "Which tips improve the sharpness or composition of your phone photos? (Choose all that apply.)",
                                    "nl": "Welke tips verbeteren de scherpte of compositie van je telefoonfoto's? (Meerdere antwoorden mogelijk.)",
                                },
                                "choices": [
                                    {
                                        "text": {"en": "Wipe the lens", "nl": "De lens schoonvegen"},
                                        "correct": True,
                                        "explanation": {
                                            "en": "A greasy lens is the most common cause of hazy photos.",
                                            "nl": "Een vette lens is de meest voorkomende oorzaak van wazige foto's.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Walk closer instead of zooming",
                                            "nl": "Dichterbij lopen in plaats van zoomen",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "Getting closer keeps full sharpness, while digital zoom throws detail away.",
                                            "nl": "Dichterbij komen behoudt alle scherpte, terwijl digitale zoom detail weggooit.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Use the grid and the rule of thirds",
                                            "nl": "Het raster en de regel van derden gebruiken",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "Placing the subject off-centre usually gives a more lively, balanced picture.",
                                            "nl": "Het onderwerp buiten het midden plaatsen geeft meestal een levendiger, evenwichtiger beeld.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Always put the subject exactly in the centre",
                                            "nl": "Het onderwerp altijd precies in het midden zetten",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "A dead-centre subject often looks static; the rule of thirds is a better default.",
                                            "nl": "Een onderwerp precies in het midden oogt vaak statisch; de regel van derden is een beter uitgangspunt.",
                                        },
                                    },
                                ],
                            },
                            {
                                "kind": "true_false",
                                "text": {
                                    "en": "In the LinkedIn feed on a phone, a vertical 4:5 photo takes up more space than a wide landscape photo.",
                                    "nl": "In de LinkedIn-tijdlijn op een telefoon neemt een staande 4:5-foto meer ruimte in dan een brede liggende foto.",
                                },
                                "choices": [
                                    {
                                        "text": {"en": "True", "nl": "Waar"},
                                        "correct": True,
                                        "explanation": {
                                            "en": "A taller image fills more of the phone screen, so it catches more attention while people scroll.",
                                            "nl": "Een hogere afbeelding vult meer van het telefoonscherm en valt dus meer op tijdens het scrollen.",
                                        },
                                    },
                                    {
                                        "text": {"en": "False", "nl": "Niet waar"},
                                        "correct": False,
                                        "explanation": {
                                            "en": "A landscape photo is shown as a narrow strip on a phone, so it takes up less space.",
                                            "nl": "Een liggende foto verschijnt op een telefoon als een smalle strook en neemt dus minder ruimte in.",
                                        },
                                    },
                                ],
                            },
                        ],
                    },
                },
                {
                    "slug": "sound-and-short-vertical-video",
                    "title": {"en": "Sound and short vertical video", "nl": "Geluid en korte verticale video"},
                    "body": [
                        {
                            "type": "heading",
                            "value": {
                                "en": "Short, vertical and with a hook",
                                "nl": "Kort, verticaal en met een haakje",
                            },
                        },
                        {
                            "type": "paragraph",
                            "value": {
                                "en": (
                                    "<p>Most people watch social video on their phone, held upright. So film vertically "
                                    "(9:16) and keep it short: 30 to 60 seconds is plenty for a moment from the work "
                                    "floor. The first three seconds decide whether someone keeps watching, so start with "
                                    "action or a question, not with a logo or 'Hi, my name is'. Film in 1080p at 30 "
                                    "frames per second, hold the phone with both hands and your elbows against your body, "
                                    "and move slowly. One clear message per video beats a tour of the whole building.</p>"
                                ),
                                "nl": (
                                    "<p>De meeste mensen kijken social video op hun telefoon, rechtop in de hand. Film "
                                    "dus verticaal (9:16) en houd het kort: 30 tot 60 seconden is ruim genoeg voor een "
                                    "moment van de werkvloer. De eerste drie seconden bepalen of iemand blijft kijken, "
                                    "dus begin met actie of een vraag, niet met een logo of ‘Hoi, ik ben’. Film in 1080p "
                                    "met 30 beelden per seconde, houd je telefoon met twee handen vast, je ellebogen "
                                    "tegen je lijf, en beweeg langzaam. Eén duidelijke boodschap per video werkt beter "
                                    "dan een rondleiding door het hele gebouw.</p>"
                                ),
                            },
                        },
                        {
                            "type": "paragraph",
                            "value": {
                                "en": (
                                    "<p>Viewers forgive shaky images sooner than bad sound. Your phone's microphone is "
                                    "at the bottom, and the closer it is to the speaker, the better. Practical rules:</p><ul>"
                                    "<li>find a quiet spot away from machines, traffic and air conditioning;</li>"
                                    "<li>keep the phone within arm's length of whoever is speaking;</li>"
                                    "<li>for interviews, a small clip-on microphone costs little and makes a big difference;</li>"
                                    "<li>outdoors, shield the microphone from the wind with your body;</li>"
                                    "<li>record a ten-second test and listen back with earphones before the real take.</li></ul>"
                                ),
                                "nl": (
                                    "<p>Kijkers vergeven bibberend beeld eerder dan slecht geluid. De microfoon van je "
                                    "telefoon zit onderaan, en hoe dichter die bij de spreker is, hoe beter. Praktische "
                                    "regels:</p><ul>"
                                    "<li>zoek een rustige plek, weg van machines, verkeer en airco;</li>"
                                    "<li>houd je telefoon binnen armlengte van wie er praat;</li>"
                                    "<li>voor interviews kost een klein dasspeldmicrofoontje weinig en maakt het een groot verschil;</li>"
                                    "<li>scherm buiten de microfoon met je lichaam af tegen de wind;</li>"
                                    "<li>neem eerst tien seconden proef op en luister die met oordopjes terug.</li></ul>"
                                ),
                            },
                        },
                        {
                            "type": "paragraph",
                            "value": {
                                "en": (
                                    "<p>Many people scroll with the sound off, and LinkedIn starts videos in the feed "
                                    "muted. So add subtitles: editing apps such as CapCut generate them automatically. "
                                    "Always check them, especially names and professional terms. Before you film, tell "
                                    "everyone who may end up in the picture what you are recording and where it will be "
                                    "shared, and give them the chance to step aside. In a reception area or with "
                                    "customers or patients around, film so that they are not recognisable, unless they "
                                    "have agreed.</p>"
                                ),
                                "nl": (
                                    "<p>Veel mensen scrollen met het geluid uit, en LinkedIn start video's in de tijdlijn "
                                    "zonder geluid. Zet er dus ondertiteling onder: montage-apps zoals CapCut maken die "
                                    "automatisch. Controleer ze altijd, vooral namen en vaktermen. Vertel voordat je gaat "
                                    "filmen aan iedereen die in beeld kan komen wat je opneemt en waar het gedeeld wordt, "
                                    "en geef ze de kans om opzij te stappen. Film je bij de receptie of met klanten of "
                                    "patiënten in de buurt, zorg dan dat zij niet herkenbaar zijn, tenzij ze toestemming "
                                    "hebben gegeven.</p>"
                                ),
                            },
                        },
                        {
                            "type": "tip",
                            "value": {
                                "en": (
                                    "<p>Before you press record, say out loud in one sentence what the viewer should "
                                    "remember. If you can't, you're not ready to film yet.</p>"
                                ),
                                "nl": (
                                    "<p>Zeg voordat je op opnemen drukt hardop in één zin wat de kijker moet onthouden. "
                                    "Lukt dat niet, dan ben je nog niet klaar om te filmen.</p>"
                                ),
                            },
                        },
                        {
                            "type": "assignment",
                            "value": {
                                "title": {
                                    "en": "Film 30 seconds of 'this is what I do'",
                                    "nl": "Film 30 seconden ‘dit doe ik’",
                                },
                                "instructions": {
                                    "en": (
                                        "<p>Film a vertical video of no more than 30 seconds about one thing you do at "
                                        "work:</p><ol>"
                                        "<li>start with the action or a question in the first three seconds;</li>"
                                        "<li>keep the phone close to whoever is speaking, in a quiet place;</li>"
                                        "<li>add subtitles and check every word;</li>"
                                        "<li>watch it back with the sound off: is it still clear?</li></ol>"
                                        "<p>Happy with it? Submit it as a story so your Social Editor can give feedback.</p>"
                                    ),
                                    "nl": (
                                        "<p>Film een verticale video van maximaal 30 seconden over één ding dat je op je "
                                        "werk doet:</p><ol>"
                                        "<li>begin in de eerste drie seconden met de actie of een vraag;</li>"
                                        "<li>houd je telefoon dicht bij wie er praat, op een rustige plek;</li>"
                                        "<li>voeg ondertiteling toe en controleer elk woord;</li>"
                                        "<li>kijk hem terug zonder geluid: is hij nog steeds duidelijk?</li></ol>"
                                        "<p>Tevreden? Dien hem in als verhaal, dan kan je Social Editor je feedback geven.</p>"
                                    ),
                                },
                            },
                        },
                    ],
                    "quiz": {
                        "pass_mark": 70,
                        "questions": [
                            {
                                "kind": "single",
                                "text": {
                                    "en": "What is the best way to open a 45-second video from the work floor?",
                                    "nl": "Hoe open je een video van 45 seconden van de werkvloer het best?",
                                },
                                "choices": [
                                    {
                                        "text": {
                                            "en": "With the moment itself, such as a machine starting up, or a question to the viewer",
                                            "nl": "Met het moment zelf, zoals een machine die opstart, of een vraag aan de kijker",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "The first three seconds decide whether people keep watching, so start with action.",
                                            "nl": "De eerste drie seconden bepalen of mensen blijven kijken, dus begin met actie.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "With your company logo for five seconds",
                                            "nl": "Met vijf seconden het logo van je bedrijf",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "A logo intro feels like an advert, and most viewers are gone before it ends.",
                                            "nl": "Een logo-intro voelt als reclame, en de meeste kijkers zijn weg voordat het voorbij is.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "With a long introduction of who you are",
                                            "nl": "Met een uitgebreide introductie van wie je bent",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "Your name is already next to the post, so a long introduction wastes the crucial first seconds.",
                                            "nl": "Je naam staat al bij het bericht, dus een lange introductie verspilt de cruciale eerste seconden.",
                                        },
                                    },
                                ],
                            },
                            {
                                "kind": "true_false",
                                "text": {
                                    "en": "Subtitles are unnecessary, because LinkedIn plays videos in the feed with sound by default.",
                                    "nl": "Ondertiteling is overbodig, want LinkedIn speelt video's in de tijdlijn standaard met geluid af.",
                                },
                                "choices": [
                                    {
                                        "text": {"en": "True", "nl": "Waar"},
                                        "correct": False,
                                        "explanation": {
                                            "en": "Videos start muted in the feed, so without subtitles many viewers miss your message.",
                                            "nl": "Video's starten in de tijdlijn zonder geluid, dus zonder ondertiteling missen veel kijkers je boodschap.",
                                        },
                                    },
                                    {
                                        "text": {"en": "False", "nl": "Niet waar"},
                                        "correct": True,
                                        "explanation": {
                                            "en": "Many people watch without sound, so subtitles make your video understandable for everyone.",
                                            "nl": "Veel mensen kijken zonder geluid, dus met ondertiteling is je video voor iedereen te volgen.",
                                        },
                                    },
                                ],
                            },
                            {
                                "kind": "multiple",
                                "text": {
                                    "en": "Which steps help you record good sound with your phone? (Choose all that apply.)",
                                    "nl": "Wat helpt je om goed geluid op te nemen met je telefoon? (Meerdere antwoorden mogelijk.)",
                                },
                                "choices": [
                                    {
                                        "text": {
                                            "en": "Choose a quiet spot away from machines",
                                            "nl": "Een rustige plek kiezen, weg van machines",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "Background noise is hard to remove later, so avoiding it is the easiest fix.",
                                            "nl": "Achtergrondgeluid krijg je er later moeilijk uit, dus het vermijden is de makkelijkste oplossing.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Keep the phone close to the speaker",
                                            "nl": "De telefoon dicht bij de spreker houden",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "The closer the microphone, the clearer the voice compared with the surroundings.",
                                            "nl": "Hoe dichter de microfoon, hoe helderder de stem ten opzichte van de omgeving.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Use a small clip-on microphone for interviews",
                                            "nl": "Een klein dasspeldmicrofoontje gebruiken bij interviews",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "A clip-on microphone sits right next to the mouth, so the voice stays clear even in a busy space.",
                                            "nl": "Een dasspeldmicrofoon zit vlak bij de mond, dus de stem blijft helder, ook in een drukke ruimte.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Film from the other side of the room so everyone fits in",
                                            "nl": "Vanaf de andere kant van de ruimte filmen, zodat iedereen in beeld past",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "From a distance the microphone mainly picks up echo and background noise.",
                                            "nl": "Op afstand vangt de microfoon vooral galm en achtergrondgeluid op.",
                                        },
                                    },
                                ],
                            },
                            {
                                "kind": "single",
                                "text": {
                                    "en": "You want to film in the reception area where customers are waiting. What do you do?",
                                    "nl": "Je wilt filmen bij de receptie, waar klanten zitten te wachten. Wat doe je?",
                                },
                                "choices": [
                                    {
                                        "text": {
                                            "en": "Film so customers are not recognisable, or ask their permission first",
                                            "nl": "Je filmt zo dat klanten niet herkenbaar zijn, of je vraagt eerst hun toestemming",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "Everyone has a right to their own image, so consent comes before filming recognisable people.",
                                            "nl": "Iedereen heeft recht op zijn eigen beeld, dus toestemming gaat vóór het filmen van herkenbare mensen.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Film anyway, it is your own workplace",
                                            "nl": "Je filmt gewoon, het is je eigen werkplek",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "Being on your premises does not take away people's right to their own image.",
                                            "nl": "Dat ze in jullie pand zijn, neemt hun recht op hun eigen beeld niet weg.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Film and blur faces only if someone complains",
                                            "nl": "Je filmt en maakt gezichten pas onherkenbaar als iemand klaagt",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "By then the video has already been seen; consent comes before posting, not after.",
                                            "nl": "Dan is de video al bekeken; toestemming komt vóór het plaatsen, niet erna.",
                                        },
                                    },
                                ],
                            },
                        ],
                    },
                },
            ],
        },
        # ------------------------------------------------------------------
        # Course 4: the 6 C's of a social company
        # ------------------------------------------------------------------
        {
            "slug": "six-cs-of-a-social-company",
            "title": {"en": "The 6 C's of a social company", "nl": "De 6 C's van een social company"},
            "summary": {
                "en": (
                    "One tweet doesn't make a social company. Discover the 6 C's (Connections, Conversations, "
                    "Content, Congruence, Context and Continuous) and what you as a creator contribute to each."
                ),
                "nl": (
                    "Eén tweet maakt nog geen social company. Ontdek de 6 C's (Connecties, Conversaties, Content, "
                    "Congruentie, Context en Continu) en wat jij als creator aan elk ervan bijdraagt."
                ),
            },
            "estimated_minutes": 35,
            "prerequisites": ["linkedin-profile"],
            "lessons": [
                {
                    "slug": "connections-and-conversations",
                    "title": {"en": "Connections and Conversations", "nl": "Connecties en Conversaties"},
                    "body": [
                        {
                            "type": "heading",
                            "value": {"en": "From B2B to person-to-person", "nl": "Van B2B naar person-to-person"},
                        },
                        {
                            "type": "paragraph",
                            "value": {
                                "en": (
                                    "<p>A social company has translated the essence of social media into the way it "
                                    "works. That happens gradually, along six C's. The first is <b>Connections</b>: the "
                                    "more employees are connected, the more valuable the network. Old thinking prefers "
                                    "formal, business-only contacts through official lines. New thinking is about a "
                                    "fine-meshed network of personal, informal and multiple connections, with "
                                    "colleagues, customers, suppliers and former classmates alike. Communication shifts "
                                    "from business-to-business and business-to-consumer to person-to-person. The "
                                    "LinkedIn profile you put in order earlier is the foundation of your part of that "
                                    "network.</p>"
                                ),
                                "nl": (
                                    "<p>Een social company heeft de essentie van sociale media doorvertaald naar de "
                                    "manier van werken. Dat gaat geleidelijk, langs zes C's. De eerste is "
                                    "<b>Connecties</b>: hoe meer medewerkers connected zijn, hoe groter de waarde van het "
                                    "netwerk. Het oude denken geeft de voorkeur aan zakelijke, formele en enkelvoudige "
                                    "contacten via officiële lijnen. Het nieuwe denken draait om een fijnmazig netwerk "
                                    "van persoonlijke, informele en meervoudige verbindingen, met collega's, klanten, "
                                    "leveranciers en oud-studiegenoten. De focus verschuift van B2B en B2C naar "
                                    "person-to-person. Het LinkedIn-profiel dat je eerder op orde bracht, is het "
                                    "fundament van jouw deel van dat netwerk.</p>"
                                ),
                            },
                        },
                        {
                            "type": "paragraph",
                            "value": {
                                "en": (
                                    "<p>The second C is <b>Conversations</b>. Many organisations use social media only "
                                    "to broadcast: one-way traffic in which employees can hide behind the logo. Two-way "
                                    "traffic starts when you react to each other. A social company goes further, to "
                                    "multi-way communication: customers, colleagues, students and suppliers talk with "
                                    "each other about the organisation, and employees are its voice. For you that "
                                    "means:</p><ul>"
                                    "<li>reply to every comment on your post within a day;</li>"
                                    "<li>comment on colleagues' posts with more than 'Great!';</li>"
                                    "<li>end your own post with a question.</li></ul>"
                                ),
                                "nl": (
                                    "<p>De tweede C is <b>Conversaties</b>. Veel organisaties gebruiken sociale media "
                                    "alleen om te zenden: eenrichtingsverkeer waarbij medewerkers zich achter het logo "
                                    "kunnen verschuilen. Tweerichtingsverkeer begint als je op elkaar reageert. Een social "
                                    "company gaat verder, naar meerrichtingscommunicatie: klanten, collega's, studenten "
                                    "en leveranciers praten met elkaar over de organisatie, en medewerkers zijn de "
                                    "spreekbuis. Voor jou betekent dat:</p><ul>"
                                    "<li>reageer binnen een dag op elke reactie onder je bericht;</li>"
                                    "<li>reageer op berichten van collega's met meer dan ‘Top!’;</li>"
                                    "<li>sluit je eigen bericht af met een vraag.</li></ul>"
                                ),
                            },
                        },
                        {
                            "type": "tip",
                            "value": {
                                "en": (
                                    "<p>Are you a manager? React to your employees' posts. Recognition from their own "
                                    "manager is one of the strongest motivators for ambassadors: they feel heard and "
                                    "appreciated, and it costs you half a minute.</p>"
                                ),
                                "nl": (
                                    "<p>Ben je leidinggevende? Reageer op de berichten van je medewerkers. Erkenning van "
                                    "hun eigen manager is een van de sterkste motivatoren voor ambassadeurs: ze voelen "
                                    "zich gehoord en gewaardeerd, en het kost jou een halve minuut.</p>"
                                ),
                            },
                        },
                        {
                            "type": "assignment",
                            "value": {
                                "title": {"en": "Grow your network on purpose", "nl": "Bouw bewust aan je netwerk"},
                                "instructions": {
                                    "en": (
                                        "<p>This week:</p><ol>"
                                        "<li>Send five connection requests to people you recently worked with: a customer "
                                        "contact, a supplier, a colleague from another department. Add a personal line to "
                                        "each.</li>"
                                        "<li>Write a meaningful comment on three colleagues' posts: add an experience, a "
                                        "question or a specific compliment.</li>"
                                        "<li>Reply to every comment you receive on your own posts.</li></ol>"
                                    ),
                                    "nl": (
                                        "<p>Deze week:</p><ol>"
                                        "<li>Stuur vijf connectieverzoeken aan mensen met wie je onlangs samenwerkte: een "
                                        "contactpersoon bij een klant, een leverancier, een collega van een andere afdeling. "
                                        "Zet er steeds een persoonlijke regel bij.</li>"
                                        "<li>Schrijf een inhoudelijke reactie op drie berichten van collega's: voeg een "
                                        "ervaring, een vraag of een concreet compliment toe.</li>"
                                        "<li>Reageer op elke reactie die je op je eigen berichten krijgt.</li></ol>"
                                    ),
                                },
                            },
                        },
                    ],
                    "quiz": {
                        "pass_mark": 70,
                        "questions": [
                            {
                                "kind": "single",
                                "text": {
                                    "en": "What kind of network does a social company encourage?",
                                    "nl": "Wat voor netwerk stimuleert een social company?",
                                },
                                "choices": [
                                    {
                                        "text": {
                                            "en": "A fine-meshed network of personal, informal and multiple connections",
                                            "nl": "Een fijnmazig netwerk van persoonlijke, informele en meervoudige verbindingen",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "That is the new thinking behind Connections: the more people are connected, the more valuable the network.",
                                            "nl": "Dat is het nieuwe denken achter Connecties: hoe meer mensen verbonden zijn, hoe waardevoller het netwerk.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Only formal business contacts through official channels",
                                            "nl": "Alleen formele zakelijke contacten via officiële kanalen",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "That is the old thinking that a social company leaves behind.",
                                            "nl": "Dat is juist het oude denken dat een social company achter zich laat.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "As few connections as possible, to stay in control",
                                            "nl": "Zo weinig mogelijk connecties, om de controle te houden",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "Fewer connections means less reach and value, the opposite of what a social company wants.",
                                            "nl": "Minder connecties betekent minder bereik en waarde, precies het tegenovergestelde van wat een social company wil.",
                                        },
                                    },
                                ],
                            },
                            {
                                "kind": "multiple",
                                "text": {
                                    "en": "Which actions turn broadcasting into conversation? (Choose all that apply.)",
                                    "nl": "Wat maakt van zenden een gesprek? (Meerdere antwoorden mogelijk.)",
                                },
                                "choices": [
                                    {
                                        "text": {
                                            "en": "Replying to comments on your post",
                                            "nl": "Reageren op reacties onder je bericht",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "Replying turns one-way traffic into two-way traffic.",
                                            "nl": "Door te reageren wordt eenrichtingsverkeer tweerichtingsverkeer.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Ending your post with a question",
                                            "nl": "Je bericht afsluiten met een vraag",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "A question invites your network to join in and share their view.",
                                            "nl": "Een vraag nodigt je netwerk uit om mee te praten en hun kijk te delen.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Commenting with substance on colleagues' posts",
                                            "nl": "Inhoudelijk reageren op berichten van collega's",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "Real comments start conversations and give the post extra reach in your network.",
                                            "nl": "Echte reacties starten gesprekken en geven het bericht extra bereik in jouw netwerk.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Posting the same company text in five groups",
                                            "nl": "Dezelfde bedrijfstekst in vijf groepen plaatsen",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "That is still broadcasting, just louder, and it often comes across as spam.",
                                            "nl": "Dat is nog steeds zenden, alleen harder, en het komt vaak over als spam.",
                                        },
                                    },
                                ],
                            },
                            {
                                "kind": "true_false",
                                "text": {
                                    "en": "In a social company, communication shifts from B2B and B2C towards person-to-person.",
                                    "nl": "In een social company verschuift de communicatie van B2B en B2C naar person-to-person.",
                                },
                                "choices": [
                                    {
                                        "text": {"en": "True", "nl": "Waar"},
                                        "correct": True,
                                        "explanation": {
                                            "en": "The network of people takes centre stage instead of the organisation or department.",
                                            "nl": "Het netwerk van mensen staat centraal in plaats van de organisatie of de afdeling.",
                                        },
                                    },
                                    {
                                        "text": {"en": "False", "nl": "Niet waar"},
                                        "correct": False,
                                        "explanation": {
                                            "en": "The 6 C's describe exactly this shift: communication becomes more personal, from person to person.",
                                            "nl": "De 6 C's beschrijven juist deze verschuiving: communicatie wordt persoonlijker, van mens tot mens.",
                                        },
                                    },
                                ],
                            },
                        ],
                    },
                },
                {
                    "slug": "content-and-congruence",
                    "title": {"en": "Content and Congruence", "nl": "Content en Congruentie"},
                    "body": [
                        {
                            "type": "heading",
                            "value": {
                                "en": "Your story, anchored in the brand",
                                "nl": "Jouw verhaal, verankerd in het merk",
                            },
                        },
                        {
                            "type": "paragraph",
                            "value": {
                                "en": (
                                    "<p>The third C is <b>Content</b>. Many organisations find it hard to decide what to "
                                    "share: do we have anything special to say, aren't we showing too much? A social "
                                    "company uses its brand values as a foothold. Corporate stories give those values "
                                    "meaning, and stories from employees and other stakeholders complete the picture. "
                                    "Without that foothold, the image of the organisation becomes blurred. So a good "
                                    "story is not only authentic, but also relevant to the target group, memorable and "
                                    "worth sharing. Ask your Social Master for the content strategy and ask yourself: "
                                    "which brand value does my story show?</p>"
                                ),
                                "nl": (
                                    "<p>De derde C is <b>Content</b>. Veel organisaties vinden het lastig om te bepalen "
                                    "wat ze delen: hebben we wel iets bijzonders te melden, laten we niet te veel van "
                                    "onszelf zien? Een social company gebruikt de merkwaarden als houvast. Corporate "
                                    "verhalen geven die waarden betekenis, en de verhalen van medewerkers en andere "
                                    "stakeholders maken het beeld compleet. Zonder dat houvast wordt het beeld van de "
                                    "organisatie diffuus en troebel. Een goed verhaal is dus niet alleen authentiek, maar "
                                    "ook relevant voor de doelgroep, memorabel en delenswaardig. Vraag je Social Master "
                                    "naar de contentstrategie en vraag jezelf af: welke merkwaarde laat mijn verhaal "
                                    "zien?</p>"
                                ),
                            },
                        },
                        {
                            "type": "paragraph",
                            "value": {
                                "en": (
                                    "<p>The fourth C is <b>Congruence</b>: like-mindedness, such as a shared passion. It "
                                    "is the glue of social networks and the reason people follow, like and share. Strong "
                                    "bonding within your own group has a downside, though: if you only talk to "
                                    "like-minded people, tunnel vision lurks. That is why a social company also builds "
                                    "bridges to other communities. This bridging brings nuance, a broader view and "
                                    "eventually innovation, and it increases the chance of serendipity: chance "
                                    "encounters that add value. So follow a few people from other sectors and join a "
                                    "conversation outside your own bubble.</p>"
                                ),
                                "nl": (
                                    "<p>De vierde C is <b>Congruentie</b>: gelijkgestemdheid, bijvoorbeeld een gezamenlijke "
                                    "passie. Het is de lijm van sociale netwerken en de reden dat mensen volgen, liken en "
                                    "delen. Sterke bonding binnen je eigen groep heeft wel een keerzijde: praat je alleen "
                                    "met gelijkgestemden, dan ligt tunnelvisie op de loer. Daarom slaat een social company "
                                    "ook bruggen naar andere communities. Die bridging zorgt voor nuancering, "
                                    "blikverruiming en uiteindelijk vernieuwing, en vergroot de kans op serendipiteit: "
                                    "toevallige ontmoetingen die waarde toevoegen. Volg dus ook een paar mensen uit andere "
                                    "sectoren en praat mee buiten je eigen bubbel.</p>"
                                ),
                            },
                        },
                        {
                            "type": "tip",
                            "value": {
                                "en": (
                                    "<p>Use the content calendar of your programme (the inhaakkalender): special days "
                                    "such as the Dutch Day of Sustainability or Secretaries' Day are natural hooks for a "
                                    "story that shows one of your brand values.</p>"
                                ),
                                "nl": (
                                    "<p>Gebruik de inhaakkalender van je programma: bijzondere dagen zoals de Dag van de "
                                    "Duurzaamheid of de Dag van de Secretaresse zijn mooie haakjes voor een verhaal dat "
                                    "een van jullie merkwaarden laat zien.</p>"
                                ),
                            },
                        },
                        {
                            "type": "assignment",
                            "value": {
                                "title": {
                                    "en": "Link a story to a brand value",
                                    "nl": "Koppel een verhaal aan een merkwaarde",
                                },
                                "instructions": {
                                    "en": (
                                        "<ol>"
                                        "<li>Look up your organisation's brand values on the website or in the content "
                                        "strategy.</li>"
                                        "<li>Pick a recent moment from your own work and write down which value it shows.</li>"
                                        "<li>Write a first line that makes that value visible without naming it "
                                        "literally.</li>"
                                        "<li>Find one person outside your sector whose posts interest you, and follow "
                                        "them.</li></ol>"
                                    ),
                                    "nl": (
                                        "<ol>"
                                        "<li>Zoek de merkwaarden van je organisatie op, op de website of in de "
                                        "contentstrategie.</li>"
                                        "<li>Kies een recent moment uit je eigen werk en schrijf op welke waarde het laat "
                                        "zien.</li>"
                                        "<li>Schrijf een eerste zin die die waarde zichtbaar maakt zonder haar letterlijk "
                                        "te noemen.</li>"
                                        "<li>Zoek één persoon buiten je eigen sector van wie je de berichten interessant "
                                        "vindt, en volg die.</li></ol>"
                                    ),
                                },
                            },
                        },
                    ],
                    "quiz": {
                        "pass_mark": 70,
                        "questions": [
                            {
                                "kind": "single",
                                "text": {
                                    "en": "What does a social company use as a foothold for its content?",
                                    "nl": "Wat gebruikt een social company als houvast voor content?",
                                },
                                "choices": [
                                    {
                                        "text": {
                                            "en": "Its brand values, the internal brand",
                                            "nl": "De merkwaarden, het internal brand",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "Brand values keep all those different stories pointing in the same direction.",
                                            "nl": "Merkwaarden zorgen dat al die verschillende verhalen dezelfde kant op wijzen.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Whatever got the most likes last week",
                                            "nl": "Wat vorige week de meeste likes kreeg",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "Chasing likes without a foothold makes the image of the organisation diffuse.",
                                            "nl": "Likes najagen zonder houvast maakt het beeld van de organisatie diffuus.",
                                        },
                                    },
                                    {
                                        "text": {"en": "Press releases only", "nl": "Alleen persberichten"},
                                        "correct": False,
                                        "explanation": {
                                            "en": "Corporate stories alone are one-way traffic; employees' stories complete the picture.",
                                            "nl": "Alleen corporate verhalen zijn eenrichtingsverkeer; de verhalen van medewerkers maken het beeld compleet.",
                                        },
                                    },
                                ],
                            },
                            {
                                "kind": "true_false",
                                "text": {
                                    "en": "Strong bonding between like-minded people can lead to tunnel vision if you never connect with other communities.",
                                    "nl": "Sterke bonding tussen gelijkgestemden kan tot tunnelvisie leiden als je nooit verbinding zoekt met andere communities.",
                                },
                                "choices": [
                                    {
                                        "text": {"en": "True", "nl": "Waar"},
                                        "correct": True,
                                        "explanation": {
                                            "en": "That is the downside of Congruence, which is why bridging to other communities matters.",
                                            "nl": "Dat is de keerzijde van Congruentie, en daarom is bridging naar andere communities belangrijk.",
                                        },
                                    },
                                    {
                                        "text": {"en": "False", "nl": "Niet waar"},
                                        "correct": False,
                                        "explanation": {
                                            "en": "Without outside perspectives a group loses objectivity, so the risk is real.",
                                            "nl": "Zonder blik van buiten verliest een groep objectiviteit, dus het risico is echt.",
                                        },
                                    },
                                ],
                            },
                            {
                                "kind": "multiple",
                                "text": {
                                    "en": "Which qualities make a story worth posting, according to the Content C? (Choose all that apply.)",
                                    "nl": "Welke eigenschappen maken een verhaal geschikt volgens de C van Content? (Meerdere antwoorden mogelijk.)",
                                },
                                "choices": [
                                    {
                                        "text": {
                                            "en": "Relevant to the target group",
                                            "nl": "Relevant voor de doelgroep",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "If the audience doesn't care, the story adds nothing, however nice it is.",
                                            "nl": "Als de doelgroep er niets mee heeft, voegt het verhaal niets toe, hoe leuk ook.",
                                        },
                                    },
                                    {
                                        "text": {"en": "Memorable", "nl": "Memorabel"},
                                        "correct": True,
                                        "explanation": {
                                            "en": "A story people remember keeps working long after they scrolled past it.",
                                            "nl": "Een verhaal dat mensen onthouden, blijft werken lang nadat ze erlangs scrolden.",
                                        },
                                    },
                                    {
                                        "text": {"en": "Worth sharing", "nl": "Delenswaardig"},
                                        "correct": True,
                                        "explanation": {
                                            "en": "When others want to pass it on, the story reaches networks you can't reach yourself.",
                                            "nl": "Als anderen het willen doorgeven, bereikt het verhaal netwerken waar je zelf niet komt.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "As long as possible, so nothing is left out",
                                            "nl": "Zo lang mogelijk, zodat er niets ontbreekt",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "Length is not a quality in itself; one clear point works better than everything at once.",
                                            "nl": "Lengte is geen kwaliteit op zich; één duidelijk punt werkt beter dan alles tegelijk.",
                                        },
                                    },
                                ],
                            },
                        ],
                    },
                },
                {
                    "slug": "context-and-continuous",
                    "title": {"en": "Context and Continuous", "nl": "Context en Continu"},
                    "body": [
                        {
                            "type": "heading",
                            "value": {"en": "Who says it, and when", "nl": "Wie het zegt, en wanneer"},
                        },
                        {
                            "type": "paragraph",
                            "value": {
                                "en": (
                                    "<p>The fifth C is <b>Context</b>. In the flood of information, it matters who says "
                                    "something and how. Influencers give content meaning through their expertise, "
                                    "authority and personal contact, and act as a filter for their followers. People "
                                    "value what others in their network recommend. That is exactly why your post about "
                                    "your own work carries more weight than an advert: in your network, you are the "
                                    "expert on what you do. A social company knows its influencers, fans and "
                                    "ambassadors, and cherishes those relationships online and offline: at conferences, "
                                    "meetups and informal coffee moments.</p>"
                                ),
                                "nl": (
                                    "<p>De vijfde C is <b>Context</b>. In de wirwar van informatie maakt het uit wie iets "
                                    "zegt en hoe. Influencers geven content betekenis door hun expertise, autoriteit en "
                                    "persoonlijke contact, en werken als filter voor hun volgers. Mensen hechten grote "
                                    "waarde aan wat anderen in hun netwerk aanbevelen. Precies daarom weegt jouw bericht "
                                    "over je eigen werk zwaarder dan een advertentie: in jouw netwerk ben jij de expert "
                                    "op je eigen vakgebied. Een social company weet wie haar influencers, fans en "
                                    "ambassadeurs zijn, en koestert die relaties online én offline: op congressen, "
                                    "meetups en informele koffiemomenten.</p>"
                                ),
                            },
                        },
                        {
                            "type": "paragraph",
                            "value": {
                                "en": (
                                    "<p>The sixth C is <b>Continuous</b>. Customers expect an answer within hours, not "
                                    "days. A social company listens to what is said about it, by whom and when, and is "
                                    "reachable online when its target group is. That does not mean you must be online "
                                    "24/7. It means the programme needs a steady rhythm instead of the occasional "
                                    "burst:</p><ul>"
                                    "<li>share something every week or two rather than ten posts in one week;</li>"
                                    "<li>pass questions and complaints about the organisation on to the webcare team or "
                                    "your Social Master instead of handling them yourself;</li>"
                                    "<li>bring new stories to every monthly meetup.</li></ul>"
                                ),
                                "nl": (
                                    "<p>De zesde C is <b>Continu</b>. Klanten verwachten binnen uren antwoord, niet binnen "
                                    "dagen. Een social company luistert naar wat er over haar gezegd wordt, door wie en "
                                    "wanneer, en is online bereikbaar als haar doelgroep dat ook is. Dat betekent niet "
                                    "dat jij 24/7 online moet zijn. Het betekent dat het programma een vast ritme nodig "
                                    "heeft in plaats van af en toe een uitschieter:</p><ul>"
                                    "<li>deel elke week of twee iets, in plaats van tien berichten in één week;</li>"
                                    "<li>geef vragen en klachten over de organisatie door aan het webcareteam of je "
                                    "Social Master, in plaats van ze zelf af te handelen;</li>"
                                    "<li>neem naar elke maandelijkse meetup nieuwe verhalen mee.</li></ul>"
                                ),
                            },
                        },
                        {
                            "type": "paragraph",
                            "value": {
                                "en": (
                                    "<p>One tweet does not make a social company: it is a gradual process, and the 6 C's "
                                    "make a handy self-assessment. Score your organisation, or your own department, from "
                                    "1 to 5 on each C. Do you see strong connections but few conversations? Lots of "
                                    "content but little link with the brand values? The lowest score is usually the best "
                                    "place to start. Share your scores at the next meetup: comparing departments often "
                                    "leads to concrete action items, which the group then reviews a month later.</p>"
                                ),
                                "nl": (
                                    "<p>Eén tweet maakt nog geen social company: het is een geleidelijk proces, en de "
                                    "6 C's zijn een handige zelfscan. Geef je organisatie, of je eigen afdeling, per C een "
                                    "score van 1 tot 5. Zie je sterke connecties maar weinig conversaties? Veel content "
                                    "maar weinig verband met de merkwaarden? De laagste score is meestal de beste plek om "
                                    "te beginnen. Bespreek je scores op de volgende meetup: afdelingen vergelijken levert "
                                    "vaak concrete actiepunten op, die jullie een maand later samen evalueren.</p>"
                                ),
                            },
                        },
                        {
                            "type": "assignment",
                            "value": {
                                "title": {"en": "Your 6 C's self-assessment", "nl": "Jouw 6 C's-zelfscan"},
                                "instructions": {
                                    "en": (
                                        "<ol>"
                                        "<li>Give your department a score from 1 to 5 on Connections, Conversations, "
                                        "Content, Congruence, Context and Continuous.</li>"
                                        "<li>Write one sentence per C explaining your score.</li>"
                                        "<li>Pick the lowest-scoring C and think of one action you can take yourself in "
                                        "the coming month.</li>"
                                        "<li>Bring your scan to the next meetup or send it to your Social Master.</li></ol>"
                                    ),
                                    "nl": (
                                        "<ol>"
                                        "<li>Geef je afdeling een score van 1 tot 5 op Connecties, Conversaties, Content, "
                                        "Congruentie, Context en Continu.</li>"
                                        "<li>Schrijf per C één zin waarom je die score geeft.</li>"
                                        "<li>Kies de C met de laagste score en bedenk één actie die je de komende maand "
                                        "zelf kunt oppakken.</li>"
                                        "<li>Neem je scan mee naar de volgende meetup of stuur hem naar je Social "
                                        "Master.</li></ol>"
                                    ),
                                },
                            },
                        },
                    ],
                    "quiz": {
                        "pass_mark": 70,
                        "questions": [
                            {
                                "kind": "single",
                                "text": {
                                    "en": "Why does a post by an employee often carry more weight than an advert?",
                                    "nl": "Waarom weegt een bericht van een medewerker vaak zwaarder dan een advertentie?",
                                },
                                "choices": [
                                    {
                                        "text": {
                                            "en": "Because people value recommendations from someone in their own network",
                                            "nl": "Omdat mensen waarde hechten aan aanbevelingen van iemand uit hun eigen netwerk",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "Context matters: who says something determines how much it means to the reader.",
                                            "nl": "Context telt: wie iets zegt, bepaalt hoeveel het voor de lezer betekent.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Because LinkedIn shows employees' posts to all its users",
                                            "nl": "Omdat LinkedIn berichten van medewerkers aan al zijn gebruikers toont",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "LinkedIn shows posts mainly to your own network, not to everyone.",
                                            "nl": "LinkedIn toont berichten vooral aan je eigen netwerk, niet aan iedereen.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Because employees are allowed to make bigger promises",
                                            "nl": "Omdat medewerkers grotere beloftes mogen doen",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "Credibility comes from honesty, and overpromising damages both you and the organisation.",
                                            "nl": "Geloofwaardigheid komt uit eerlijkheid, en te veel beloven schaadt jou en de organisatie.",
                                        },
                                    },
                                ],
                            },
                            {
                                "kind": "multiple",
                                "text": {
                                    "en": "What does 'Continuous' mean for you as an ambassador? (Choose all that apply.)",
                                    "nl": "Wat betekent ‘Continu’ voor jou als ambassadeur? (Meerdere antwoorden mogelijk.)",
                                },
                                "choices": [
                                    {
                                        "text": {
                                            "en": "Sharing at a steady rhythm rather than in occasional bursts",
                                            "nl": "In een vast ritme delen in plaats van af en toe een uitschieter",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "A steady rhythm keeps you and the organisation visible without overloading your network.",
                                            "nl": "Een vast ritme houdt jou en de organisatie zichtbaar zonder je netwerk te overladen.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Passing questions and complaints on to webcare or your Social Master",
                                            "nl": "Vragen en klachten doorgeven aan webcare of je Social Master",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "That way customers get a quick, correct answer and you don't have to carry it alone.",
                                            "nl": "Zo krijgen klanten snel een goed antwoord en hoef jij het niet alleen te dragen.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Bringing new stories to the monthly meetup",
                                            "nl": "Nieuwe verhalen meenemen naar de maandelijkse meetup",
                                        },
                                        "correct": True,
                                        "explanation": {
                                            "en": "The meetup keeps the content flow going, month after month.",
                                            "nl": "De meetup houdt de contentstroom op gang, maand na maand.",
                                        },
                                    },
                                    {
                                        "text": {
                                            "en": "Being online 24/7 and handling every complaint about the organisation yourself",
                                            "nl": "24/7 online zijn en elke klacht over de organisatie zelf afhandelen",
                                        },
                                        "correct": False,
                                        "explanation": {
                                            "en": "Being always on is not your job; the organisation arranges its reachability through webcare.",
                                            "nl": "Altijd aan staan is niet jouw taak; de organisatie regelt haar bereikbaarheid via webcare.",
                                        },
                                    },
                                ],
                            },
                            {
                                "kind": "true_false",
                                "text": {
                                    "en": "An organisation becomes a social company as soon as it has accounts on the main social platforms.",
                                    "nl": "Een organisatie is een social company zodra ze accounts heeft op de belangrijkste sociale platforms.",
                                },
                                "choices": [
                                    {
                                        "text": {"en": "True", "nl": "Waar"},
                                        "correct": False,
                                        "explanation": {
                                            "en": "One tweet doesn't make a social company; it takes changes in behaviour, processes and culture.",
                                            "nl": "Eén tweet maakt nog geen social company; daar zijn veranderingen in gedrag, processen en cultuur voor nodig.",
                                        },
                                    },
                                    {
                                        "text": {"en": "False", "nl": "Niet waar"},
                                        "correct": True,
                                        "explanation": {
                                            "en": "Becoming a social company is a gradual process along all six C's.",
                                            "nl": "Een social company worden is een geleidelijk proces langs alle zes C's.",
                                        },
                                    },
                                ],
                            },
                            {
                                "kind": "single",
                                "text": {
                                    "en": "Which of these is NOT one of the 6 C's of a social company?",
                                    "nl": "Welke hoort NIET bij de 6 C's van een social company?",
                                },
                                "choices": [
                                    {
                                        "text": {"en": "Campaigns", "nl": "Campagnes"},
                                        "correct": True,
                                        "explanation": {
                                            "en": "Campaigns are a marketing tool, not one of the six C's.",
                                            "nl": "Campagnes zijn een marketingmiddel, geen van de zes C's.",
                                        },
                                    },
                                    {
                                        "text": {"en": "Congruence", "nl": "Congruentie"},
                                        "correct": False,
                                        "explanation": {
                                            "en": "Congruence, like-mindedness, is the glue of social networks and one of the six.",
                                            "nl": "Congruentie, gelijkgestemdheid, is de lijm van sociale netwerken en hoort bij de zes.",
                                        },
                                    },
                                    {
                                        "text": {"en": "Context", "nl": "Context"},
                                        "correct": False,
                                        "explanation": {
                                            "en": "Context, who says something and how, is one of the six C's.",
                                            "nl": "Context, wie iets zegt en hoe, is een van de zes C's.",
                                        },
                                    },
                                    {
                                        "text": {"en": "Continuous", "nl": "Continu"},
                                        "correct": False,
                                        "explanation": {
                                            "en": "Continuous, being reachable when your audience is, is one of the six C's.",
                                            "nl": "Continu, bereikbaar zijn als je doelgroep dat ook is, is een van de zes C's.",
                                        },
                                    },
                                ],
                            },
                        ],
                    },
                },
            ],
        },
    ],
}
