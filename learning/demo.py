"""Demo course: four CRAFT modules, ten segments and three exercises, in English and Spanish.

All text is original. Every string is written as an (English, Spanish) pair, so the Spanish pages
are made through wagtail-localize from the same spec. Parents are translated before children,
each in its own transaction (wagtail-localize#773). Running the loader twice changes nothing.
"""

import io

from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Locale

from cms.translation import translate_into_spanish
from home.demo import english_home, feature_on_home

from .models import Exercise, LearningIndexPage, ModulePage, SegmentPage, ensure_members_only_collection

MEMBERS_ONLY_COLLECTION = "Members-only learning media"

INDEX = {
    "title": ("Learning Modules", "Módulos de aprendizaje"),
    "slug": ("learning", "aprendizaje"),
    "intro": (
        "Work through the modules at your own pace. Mark each segment complete when you are ready, "
        "and come back to any part whenever you need it.",
        "Avance por los módulos a su propio ritmo. Marque cada segmento como completado cuando lo "
        "considere oportuno y vuelva a cualquier parte siempre que lo necesite.",
    ),
    "overview_intro": (
        "Four short modules teach the core skills of CRAFT: talking in ways that lower conflict, "
        "rewarding the times without substances, caring for yourself and staying safe.",
        "Cuatro módulos breves enseñan las habilidades centrales de CRAFT: hablar de maneras que "
        "reducen el conflicto, premiar los momentos sin sustancias, cuidarse y mantenerse a salvo.",
    ),
}

EXERCISES = [
    {
        "number": 1,
        "title": ("Key Observations", "Observaciones clave"),
        "instructions": (
            "For one week, notice when your loved one uses and when they do not. Write down what "
            "was happening just before, without judging.",
            "Durante una semana, observe cuándo su ser querido consume y cuándo no. Anote qué "
            "estaba pasando justo antes, sin juzgar.",
        ),
        "questions": [
            (
                "When did you notice a moment without substances this week?",
                "¿Cuándo notó un momento sin sustancias esta semana?",
            ),
            (
                "What usually happens in the hour before your loved one uses?",
                "¿Qué suele pasar en la hora antes de que su ser querido consuma?",
            ),
        ],
    },
    {
        "number": 2,
        "title": ("My Rewards List", "Mi lista de recompensas"),
        "instructions": (
            "List small, free or low-cost things your loved one enjoys that you could offer when they are not using.",
            "Haga una lista de cosas pequeñas, gratuitas o de bajo costo que su ser querido disfruta "
            "y que usted podría ofrecer cuando no está consumiendo.",
        ),
        "questions": [
            (
                "Which three things could you offer this week?",
                "¿Qué tres cosas podría ofrecer esta semana?",
            ),
            (
                "How will you say what you appreciate?",
                "¿Cómo va a decir lo que aprecia?",
            ),
        ],
    },
    {
        "number": 3,
        "title": ("My Safety Plan", "Mi plan de seguridad"),
        "instructions": (
            "Plan ahead for a tense moment, so you do not have to decide everything under pressure.",
            "Planifique con tiempo para un momento tenso, para no tener que decidirlo todo bajo presión.",
        ),
        "questions": [
            (
                "What signs tell you a situation may become unsafe?",
                "¿Qué señales le indican que una situación puede volverse insegura?",
            ),
            (
                "Where can you go, and who can you call?",
                "¿Adónde puede ir y a quién puede llamar?",
            ),
        ],
    },
]

KEY_POINTS = ("Key points", "Puntos clave")
TRY_THIS = ("Try this", "Pruebe esto")

MODULES = [
    {
        "number": 1,
        "title": ("Positive communication", "Comunicación positiva"),
        "summary": (
            "How you say something changes what your loved one can hear. Learn a calm, kind way of "
            "talking that lowers arguments.",
            "La forma en que dice algo cambia lo que su ser querido puede escuchar. Aprenda a hablar "
            "con calma y amabilidad para reducir las discusiones.",
        ),
        "minutes": 25,
        "goals": [
            ("Notice what makes a conversation tense", "Notar qué vuelve tensa una conversación"),
            ("Speak about your own feelings", "Hablar de sus propios sentimientos"),
            ("Offer understanding and help", "Ofrecer comprensión y ayuda"),
        ],
        "segments": [
            {
                "title": ("Why the way we talk matters", "Por qué importa cómo hablamos"),
                "paragraphs": [
                    (
                        "Years of worry can turn every conversation into a fight. That is a normal "
                        "reaction to a hard situation, and it can change.",
                        "Años de preocupación pueden convertir cada conversación en una pelea. Es una "
                        "reacción normal ante una situación difícil, y puede cambiar.",
                    ),
                    (
                        "When a person who uses substances feels attacked, they defend themselves. "
                        "When they feel respected, they are more likely to listen.",
                        "Cuando una persona que consume sustancias se siente atacada, se defiende. "
                        "Cuando se siente respetada, es más probable que escuche.",
                    ),
                ],
                "key_points": [
                    ("Blame closes the door", "La culpa cierra la puerta"),
                    ("Respect keeps it open", "El respeto la mantiene abierta"),
                ],
                "callout": (
                    "tip",
                    "Choose a calm moment, when neither of you is tired or upset.",
                    "Elija un momento tranquilo, sin cansancio ni enojo de por medio.",
                ),
            },
            {
                "title": ("Speaking from your own experience", "Hablar desde su propia experiencia"),
                "paragraphs": [
                    (
                        "Start with how you feel rather than what they did wrong. Say that you "
                        "felt scared last night, not that they always ruin everything.",
                        "Empiece por cómo se siente usted en lugar de lo que la otra persona hizo mal. "
                        "Diga que sintió miedo anoche, no que siempre lo arruina todo.",
                    ),
                ],
                "try_this": (
                    "Write one sentence that begins with I feel, and practise saying it out loud.",
                    "Escriba una frase que empiece con me siento y practique decirla en voz alta.",
                ),
                "quote": (
                    "When I stopped shouting, my son started talking to me again.",
                    "Cuando dejé de gritar, mi hijo volvió a hablar conmigo.",
                    "A mother in our community",
                    "Una madre de nuestra comunidad",
                ),
            },
            {
                "title": ("Offering understanding and help", "Ofrecer comprensión y ayuda"),
                "paragraphs": [
                    (
                        "Show that you understand the situation is hard for them too, then offer "
                        "something concrete you are willing to do.",
                        "Muestre que entiende que la situación también es difícil para su ser querido "
                        "y luego ofrezca algo concreto que usted pueda hacer.",
                    ),
                ],
                "exercise": 1,
            },
        ],
    },
    {
        "number": 2,
        "title": ("Rewarding time without substances", "Premiar el tiempo sin sustancias"),
        "summary": (
            "Make the moments without alcohol or drugs more rewarding than the moments with them.",
            "Haga que los momentos sin alcohol ni drogas sean más gratificantes que los momentos con ellos.",
        ),
        "minutes": 30,
        "goals": [
            ("Spot the moments without substances", "Detectar los momentos sin sustancias"),
            ("Choose rewards that fit your loved one", "Elegir recompensas adecuadas para su ser querido"),
        ],
        "segments": [
            {
                "title": ("Noticing what goes well", "Notar lo que va bien"),
                "paragraphs": [
                    (
                        "It is easy to see only the problems. This week, look for the hours when "
                        "your loved one is not using, and let them know you enjoyed that time.",
                        "Es fácil ver solo los problemas. Esta semana, busque las horas en que su ser "
                        "querido no consume y hágale saber que disfrutó de ese tiempo.",
                    ),
                ],
                "key_points": [
                    ("Small moments count", "Los momentos pequeños cuentan"),
                    ("Say what you appreciate", "Diga lo que aprecia"),
                ],
            },
            {
                "title": ("Choosing rewards that fit", "Elegir recompensas adecuadas"),
                "paragraphs": [
                    (
                        "A reward can be a favourite meal, a walk together or simply your attention. "
                        "It works best right after the moment you want to see more of.",
                        "Una recompensa puede ser una comida favorita, un paseo juntos o simplemente su "
                        "atención. Funciona mejor justo después del momento que quiere ver más a menudo.",
                    ),
                ],
                "exercise": 2,
            },
            {
                "title": ("Stepping back when they use", "Dar un paso atrás cuando consume"),
                "paragraphs": [
                    (
                        "When your loved one has been using, you can calmly step away from the "
                        "pleasant things you would otherwise share. This is not punishment; it lets "
                        "the difference speak for itself.",
                        "Cuando su ser querido ha consumido, usted puede alejarse con calma de las cosas "
                        "agradables que de otro modo compartiría. No es un castigo: deja que la "
                        "diferencia hable por sí misma.",
                    ),
                ],
                "callout": (
                    "safety",
                    "Never step back in a way that puts anyone in danger.",
                    "Nunca se aleje de una manera que ponga a alguien en peligro.",
                ),
            },
        ],
    },
    {
        "number": 3,
        "title": ("Taking care of yourself", "Cuidar de usted"),
        "summary": (
            "Your wellbeing matters on its own, and it also gives you the strength to keep going.",
            "Su bienestar importa por sí mismo y además le da fuerzas para seguir adelante.",
        ),
        "minutes": 20,
        "goals": [
            ("Make room for things you enjoy", "Hacer espacio para lo que disfruta"),
            ("Build a circle of support", "Formar un círculo de apoyo"),
        ],
        "segments": [
            {
                "title": ("Your wellbeing counts", "Su bienestar cuenta"),
                "paragraphs": [
                    (
                        "Many family members put their own lives on hold. Choose one thing that "
                        "gives you rest or joy and protect a little time for it each week.",
                        "Muchas familias ponen su propia vida en pausa. Elija una cosa que le dé "
                        "descanso o alegría y reserve un poco de tiempo para ella cada semana.",
                    ),
                ],
                "try_this": (
                    "Put one enjoyable activity in your calendar for the coming week.",
                    "Anote una actividad agradable en su calendario para la próxima semana.",
                ),
            },
            {
                "title": ("Building your support circle", "Formar su círculo de apoyo"),
                "paragraphs": [
                    (
                        "Think of the people who listen without judging. A friend, a support group "
                        "or a counsellor can share the weight you have been carrying alone.",
                        "Piense en las personas que escuchan sin juzgar. Una amistad, un grupo de apoyo "
                        "o una persona consejera pueden compartir el peso que ha llevado a solas.",
                    ),
                ],
            },
        ],
    },
    {
        "number": 4,
        "title": ("Staying safe", "Mantenerse a salvo"),
        "summary": (
            "Recognise the signs of danger early and prepare a plan for yourself and your family.",
            "Reconozca a tiempo las señales de peligro y prepare un plan para usted y su familia.",
        ),
        "minutes": 25,
        "goals": [
            ("Recognise warning signs", "Reconocer las señales de alerta"),
            ("Prepare a safety plan", "Preparar un plan de seguridad"),
        ],
        "segments": [
            {
                "title": ("Recognising warning signs", "Reconocer las señales de alerta"),
                "paragraphs": [
                    (
                        "Past behaviour is the best guide. Think about what tends to happen before "
                        "an argument turns frightening, and trust your sense that something is wrong.",
                        "El comportamiento pasado es la mejor guía. Piense en lo que suele ocurrir antes "
                        "de que una discusión se vuelva alarmante y confíe en su intuición.",
                    ),
                ],
                "callout": (
                    "safety",
                    "If anyone is in immediate danger, call 911.",
                    "Si alguien corre peligro inmediato, llame al 911.",
                ),
                # A passage behind a content note: readers choose to open it (cms.blocks.ContentNoteBlock).
                "content_note": (
                    ("describes an overdose", "describe una sobredosis"),
                    [
                        (
                            "One family member found their son on the bathroom floor, his lips blue and his "
                            "breathing slow and loud. They called 911, gave naloxone and stayed with him until "
                            "help came.",
                            "Una familia encontró a su hijo en el piso del baño, con los labios morados y la "
                            "respiración lenta y ruidosa. Llamaron al 911, le dieron naloxona y se quedaron con "
                            "él hasta que llegó la ayuda.",
                        ),
                    ],
                ),
            },
            {
                "title": ("Making a safety plan", "Hacer un plan de seguridad"),
                "paragraphs": [
                    (
                        "Decide in advance where you could go, who you could call and what you would "
                        "take with you. Keep important phone numbers where you can reach them.",
                        "Decida con anticipación adónde podría ir, a quién podría llamar y qué llevaría "
                        "consigo. Tenga los números importantes a mano.",
                    ),
                ],
                "exercise": 3,
            },
        ],
    },
]

FEATURE = (
    "Learning Modules",
    "Four modules of CRAFT skills for members, at your own pace.",
    "Módulos de aprendizaje",
    "Cuatro módulos de habilidades CRAFT para miembros, a su propio ritmo.",
)

HERO_COLOURS = {1: "#d8efe5", 2: "#f6e7c8", 3: "#e3e0f4", 4: "#f4dcd6"}
HERO_CREDIT = "CRAFT Family Support"


def _richtext(paragraphs):
    return "".join(f"<p>{english}</p>" for english, _spanish in paragraphs)


def _hero_image(number):
    """A soft coloured illustration per module, drawn here so the demo downloads nothing."""
    Image = get_image_model()
    title = f"Module {number} illustration"
    image = Image.objects.filter(title=title).first()
    if image is not None:
        return image
    picture = PILImage.new("RGB", (960, 400), HERO_COLOURS[number])
    draw = ImageDraw.Draw(picture)
    for ring in range(6):
        inset = 40 + ring * 28
        draw.ellipse((600 + inset, inset - 120, 1200 - inset, 520 - inset), outline="#1d6b52", width=3)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    # Course images are members-only files: their renditions are never public (cms.protected_media).
    return Image.objects.create(
        title=title,
        credit=HERO_CREDIT,
        collection=ensure_members_only_collection(MEMBERS_ONLY_COLLECTION),
        file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"learning-module-{number}.png"),
    )


def _exercises():
    english = Locale.get_default()
    by_number = {}
    for spec in EXERCISES:
        exercise = Exercise.objects.filter(locale=english, number=spec["number"]).first() or Exercise(
            locale=english, number=spec["number"]
        )
        exercise.title = spec["title"][0]
        exercise.instructions = _richtext([spec["instructions"]])
        existing = {block.value["question"]: block.id for block in exercise.questions} if exercise.pk else {}
        # Keep each question's block id across runs: members' answers are keyed by it.
        exercise.questions = [
            {
                "type": "question",
                "value": {"question": english, "hint": ""},
                **({"id": existing[english]} if english in existing else {}),
            }
            for english, _spanish in spec["questions"]
        ]
        exercise.live = True
        exercise.save()
        exercise.save_revision().publish()
        with transaction.atomic():
            translate_into_spanish(
                exercise,
                {
                    spec["title"][0]: spec["title"][1],
                    spec["instructions"][0]: spec["instructions"][1],
                    **dict(spec["questions"]),
                },
            )
        by_number[spec["number"]] = exercise
    return by_number


def _segment_body(spec, exercises):
    body = [("paragraph", _richtext(spec["paragraphs"]))]
    mapping = dict(spec["paragraphs"])
    if "key_points" in spec:
        body.append(("key_points", {"heading": KEY_POINTS[0], "points": [en for en, _es in spec["key_points"]]}))
        mapping.update([KEY_POINTS, *spec["key_points"]])
    if "callout" in spec:
        tone, english, spanish = spec["callout"]
        body.append(("callout", {"tone": tone, "heading": "", "text": f"<p>{english}</p>"}))
        mapping[english] = spanish
    if "content_note" in spec:
        note, paragraphs = spec["content_note"]
        passage = [("paragraph", _richtext(paragraphs))]
        body.append(("content_note", {"note": note[0], "content": passage}))
        mapping.update([note, *paragraphs])
    if "try_this" in spec:
        body.append(("try_this", {"heading": TRY_THIS[0], "prompt": f"<p>{spec['try_this'][0]}</p>"}))
        mapping.update([TRY_THIS, spec["try_this"]])
    if "quote" in spec:
        quote, quote_es, attribution, attribution_es = spec["quote"]
        body.append(("quote", {"quote": quote, "attribution": attribution}))
        mapping.update({quote: quote_es, attribution: attribution_es})
    if "exercise" in spec:
        body.append(("exercise", {"exercise": exercises[spec["exercise"]]}))
    return body, mapping


def _publish_and_translate(page, mapping):
    page.save_revision().publish()
    with transaction.atomic():
        translate_into_spanish(page, mapping)


def load(command):
    home = english_home()
    if home is None:
        command.stdout.write("No home page: skipping the learning modules.")
        return
    ensure_members_only_collection(MEMBERS_ONLY_COLLECTION)
    exercises = _exercises()

    index = LearningIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=LearningIndexPage(title=INDEX["title"][0], slug=INDEX["slug"][0]))
    index.title = INDEX["title"][0]
    index.slug = INDEX["slug"][0]
    index.intro = f"<p>{INDEX['intro'][0]}</p>"
    index.overview_intro = INDEX["overview_intro"][0]
    index.show_in_menus = True
    _publish_and_translate(index, dict(INDEX.values()))

    for spec in MODULES:
        module = ModulePage.objects.child_of(index).filter(number=spec["number"]).first()
        if module is None:
            module = index.add_child(
                instance=ModulePage(
                    title=spec["title"][0],
                    number=spec["number"],
                    summary=spec["summary"][0],
                    estimated_minutes=spec["minutes"],
                )
            )
        module.title = spec["title"][0]
        module.summary = spec["summary"][0]
        module.estimated_minutes = spec["minutes"]
        module.hero_image = _hero_image(spec["number"])
        module.learning_goals = [("goal", english) for english, _spanish in spec["goals"]]
        _publish_and_translate(module, {**dict([spec["title"], spec["summary"]]), **dict(spec["goals"])})

        for number, segment_spec in enumerate(spec["segments"], start=1):
            body, mapping = _segment_body(segment_spec, exercises)
            segment = SegmentPage.objects.child_of(module).filter(number=number).first()
            if segment is None:
                segment = module.add_child(
                    instance=SegmentPage(title=segment_spec["title"][0], number=number, body=body)
                )
            segment.title = segment_spec["title"][0]
            segment.body = body
            _publish_and_translate(segment, {**mapping, segment_spec["title"][0]: segment_spec["title"][1]})

    feature_on_home(index, *FEATURE)
    command.stdout.write(f"Learning modules: {len(MODULES)} modules, {len(EXERCISES)} exercises, in two languages.")
