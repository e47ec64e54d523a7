"""Demo comment rules (policy, person-first words, safety terms, advice phrases, identifying places)
and threads on posts and episodes.

Loaded by `manage.py load_demo_content` after the blog and podcast (INSTALLED_APPS order), and
safe to run again: every snippet and comment is found before it is created. Threads run several
replies deep in both languages, with the editorial team answering as staff.
"""

from datetime import timedelta

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from wagtail.models import Locale
from wagtail_localize.strings import StringValue

from cms.translation import translate_into_spanish

from .models import AdvicePhrase, CommentPolicy, IdentifyingPlace, LanguageSuggestion, SafetyTerm
from .services import member_comment

POLICY = {
    "title": ("How we talk with each other", "Normas para comentar: cómo conversamos aquí"),
    "summary": (
        "Be kind, share what you have lived rather than telling others what to do, and speak of "
        "people before their substance use.",
        "Sea amable, comparta lo que ha vivido en lugar de decir a otros qué hacer, y nombre a la "
        "persona antes que su consumo.",
    ),
    "body": (
        "Everyone here loves someone who uses substances. Many of us are tired, worried or grieving. "
        "Write the way you would like others to write to you.\n\n"
        'Share your own experience. "What helped me was..." lands more gently than "You should...". '
        "Nobody here can diagnose or treat, and the team's answers do not replace a professional.\n\n"
        'Use person-first words: "my son, who uses opioids" rather than a label. When you write, a '
        "gentle coach may suggest other words; you are always free to post as you wish.\n\n"
        "Keep other people's stories safe: first names or pseudonyms only, no addresses, no photos of others.\n\n"
        "If you write about wanting to die or to hurt yourself, a person on our team reads it before it "
        "appears, and you will see where to find help right away.",
        "Todas las personas aquí quieren a alguien que consume sustancias. Muchas estamos cansadas, "
        "preocupadas o de luto. Escriba como le gustaría que le escribieran a usted.\n\n"
        "Comparta su propia experiencia. «A mí me ayudó...» llega con más suavidad que «Usted debería...». "
        "Aquí nadie puede diagnosticar ni tratar, y las respuestas del equipo no sustituyen a un profesional.\n\n"
        "Nombre primero a la persona: «mi hijo, que consume opioides» en lugar de una etiqueta. Al escribir, "
        "un asistente amable puede sugerirle otras palabras; siempre puede publicar como prefiera.\n\n"
        "Proteja las historias de los demás: solo nombres de pila o seudónimos, sin direcciones ni "
        "fotos de otras personas.\n\n"
        "Si escribe sobre querer morir o hacerse daño, una persona del equipo lo lee antes de que aparezca, "
        "y verá enseguida dónde encontrar ayuda.",
    ),
}

# (English term, suggestion, note), (Spanish term, suggestion, note)
SUGGESTIONS = [
    (
        ("addict", "person with a substance use disorder", "A label can hide the person we love."),
        (
            "adicto",
            "persona con un trastorno por consumo de sustancias",
            "Una etiqueta puede ocultar a la persona que queremos.",
        ),
    ),
    (
        ("junkie", "person who uses drugs", "This word is often used to shame."),
        ("drogadicto", "persona que consume drogas", "Esta palabra se usa a menudo para avergonzar."),
    ),
    (
        ("alcoholic", "person with an alcohol use disorder", ""),
        ("alcohólico", "persona con un trastorno por consumo de alcohol", ""),
    ),
    (
        ("abuse", "use, or misuse", '"Abuse" makes an illness sound like a crime.'),
        ("abuso", "consumo", "«Abuso» hace que una enfermedad suene a delito."),
    ),
    (
        ("clean", "not using, or in recovery", "The opposite of clean is dirty, and nobody is dirty."),
        ("limpio", "sin consumir, o en recuperación", "Lo contrario de limpio es sucio, y nadie es sucio."),
    ),
    (
        ("dirty", "using, or a positive test", ""),
        ("sucio", "consumiendo, o con un resultado positivo", ""),
    ),
    (
        ("relapse", "return to use", "Setbacks are part of many recoveries."),
        ("recaída", "volver a consumir", "Los tropiezos son parte de muchas recuperaciones."),
    ),
    (
        # Also finds "drug abuser" and "substance abuser": terms are matched as whole words.
        ("abuser", "person who uses substances", '"Abuser" makes an illness sound like a crime.'),
        ("abusador", "persona que consume sustancias", "«Abusador» hace que una enfermedad suene a delito."),
    ),
]
ENGLISH_ONLY_SUGGESTIONS = [
    ("druggie", "person who uses drugs", "This word is often used to shame."),
    ("crackhead", "person who uses crack cocaine", "This word is often used to shame."),
    ("dope fiend", "person who uses drugs", "This word is often used to shame."),
]
SPANISH_ONLY_SUGGESTIONS = [
    ("adicción", "trastorno por consumo de sustancias", ""),
    ("viciosa", "persona que consume", "Esta palabra juzga en lugar de describir."),
    ("vicioso", "persona que consume", "Esta palabra juzga en lugar de describir."),
    # Feminine forms and US Spanish slang the coach missed ("yonquis" is found as the plural of "yonqui").
    ("adicta", "persona con un trastorno por consumo de sustancias", ""),
    ("drogadicta", "persona que consume drogas", "Esta palabra se usa a menudo para avergonzar."),
    ("alcohólica", "persona con un trastorno por consumo de alcohol", ""),
    ("abusadora", "persona que consume sustancias", "«Abusadora» hace que una enfermedad suene a delito."),
    ("yonqui", "persona que consume drogas", "Esta palabra se usa a menudo para avergonzar."),
    ("tecato", "persona que consume drogas", "Esta palabra se usa a menudo para avergonzar."),
    ("tecata", "persona que consume drogas", "Esta palabra se usa a menudo para avergonzar."),
    ("limpia", "sin consumir, o en recuperación", "Lo contrario de limpia es sucia, y nadie es sucio."),
    ("sucia", "consumiendo, o con un resultado positivo", ""),
]

# "Share, don't advise": (English phrase, way to share instead), (Spanish phrase, way to share instead)
HELPED_ME = ("What helped me was …", "A mí me ayudó …")
WORKED_FOR_US = ("In my family, what worked was …", "En mi familia, lo que funcionó fue …")
WHEN_I = ("When I was in a similar place, I …", "Cuando estuve en una situación parecida, yo …")
ADVICE_PHRASES = [
    ("you should", "debería", HELPED_ME),
    ("you need to", "tiene que", WORKED_FOR_US),
    ("you have to", "tienes que", WORKED_FOR_US),
    ("you must", "debe", HELPED_ME),
    ("kick him out", "échelo de casa", WHEN_I),
    ("if I were you", "si yo fuera usted", WHEN_I),
]
# Spanish says "deberías" and "debes" too: the plural-like -s ending is matched by "debería" and "debe".
SPANISH_ONLY_ADVICE_PHRASES = [
    ("necesita", WORKED_FOR_US[1]),
    ("échalo de casa", WHEN_I[1]),
    ("si yo fuera tú", WHEN_I[1]),
]
ENGLISH_ONLY_ADVICE_PHRASES = [("kick her out", WHEN_I[0]), ("kick them out", WHEN_I[0]), ("just stop", HELPED_ME[0])]

# Places near the demo's members that would tell who a family is (made up for the demo).
IDENTIFYING_PLACES = [
    ("Lincoln High School", IdentifyingPlace.Kind.SCHOOL),
    ("Preparatoria Benito Juárez", IdentifyingPlace.Kind.SCHOOL),
    ("Riverside Hospital", IdentifyingPlace.Kind.WORKPLACE),
    ("Maplewood", IdentifyingPlace.Kind.TOWN),
    ("Hialeah", IdentifyingPlace.Kind.TOWN),
]

SAFETY_TERMS = [
    ("suicide", "suicidio"),
    ("kill myself", "matarme"),
    ("end my life", "quitarme la vida"),
    ("want to die", "quiero morir"),
    ("self-harm", "autolesión"),
    ("hurt myself", "hacerme daño"),
    ("overdose on purpose", "sobredosis a propósito"),
]
SPANISH_ONLY_SAFETY_TERMS = ["suicidarme", "no quiero vivir"]

# Each thread: (username, text, [replies...]); the team answers as "editor" in English threads and as
# "translator" (a Spanish public name) in Spanish ones.
THREADS = {
    ("blog.QAPostPage", "where-do-i-even-begin", "en"): [
        (
            "steady_oak",
            (
                "We started with one calm sentence at breakfast instead of the big talk at midnight. It went better"
                " than any of the talks before."
            ),
            [
                (
                    "member",
                    "Breakfast is a good idea. The nights are when everyone is most tired here.",
                    [
                        (
                            "editor",
                            (
                                "That is a real pattern: conversations go better when everyone is rested and sober."
                                " Module 2 has a short exercise on picking the moment."
                            ),
                            [
                                (
                                    "steady_oak",
                                    "I did that exercise last week. Writing down the three best times was eye-opening.",
                                    [],
                                )
                            ],
                        )
                    ],
                )
            ],
        ),
        ("river.stone", "Thank you for this post. I read it twice before saying anything to my brother.", []),
    ],
    ("blog.QAPostPage", "i-am-exhausted", "en"): [
        # Sharing experience rather than advice: what the "share, don't advise" nudge asks for.
        (
            "river.stone",
            "My daughter comes home at 4 a.m. and I lie awake. I don't know whether to set a rule or let it go.",
            [
                (
                    "steady_oak",
                    (
                        "What helped me was talking about what I would do, not what my son had to do: I told him"
                        " I would lock the door at midnight and that I loved him, and I kept to both."
                    ),
                    [
                        (
                            "editor",
                            (
                                "Thank you for sharing what you lived rather than what to do. That is how this"
                                " space works best."
                            ),
                            [],
                        )
                    ],
                )
            ],
        ),
        (
            "member",
            "Some weeks I feel like I have nothing left. Taking a walk alone every evening has been my small rule.",
            [
                (
                    "editor",
                    (
                        "Looking after yourself is part of helping, not a break from it. Thank you for sharing what"
                        " works for you."
                    ),
                    [("river.stone", "I am going to try the evening walk too.", [])],
                )
            ],
        ),
    ],
    ("blog.QAPostPage", "por-donde-empiezo", "es"): [
        (
            "luz_del_sur",
            (
                "A mí me ayudó empezar con algo que mi hija hacía bien. Hablamos de eso y luego, con calma, de lo "
                "que me preocupaba."
            ),
            [
                (
                    "nube-clara",
                    "Qué buena idea empezar por lo positivo. ¿Cuánto tiempo esperó antes de hablar de lo difícil?",
                    [
                        (
                            "luz_del_sur",
                            "Unos días. No tenía prisa: quería que la primera conversación fuera tranquila.",
                            [
                                (
                                    "translator",
                                    "Gracias por contarlo. Esa paciencia es justo la que describe el módulo 2.",
                                    [],
                                )
                            ],
                        )
                    ],
                )
            ],
        )
    ],
    ("blog.QAPostPage", "estoy-agotada", "es"): [
        # Compartir la experiencia en lugar de aconsejar: lo que pide el aviso «comparta, no aconseje».
        (
            "nube-clara",
            "Mi hijo llega de madrugada y no duermo. No sé si ponerle una regla o dejarlo pasar.",
            [
                (
                    "luz_del_sur",
                    (
                        "A mí me ayudó hablar de lo que yo iba a hacer, no de lo que mi hija tenía que hacer: le"
                        " dije que a medianoche cerraría la puerta y que la quería, y cumplí las dos cosas."
                    ),
                    [
                        (
                            "translator",
                            (
                                "Gracias por compartir lo que vivió en lugar de dar un consejo. Así es como mejor"
                                " funciona este espacio."
                            ),
                            [],
                        )
                    ],
                )
            ],
        ),
        (
            "brisa_mar",
            "Leerla me hizo sentir menos sola. Yo también estoy agotada algunos días.",
            [
                (
                    "translator",
                    (
                        "No está sola. Cuidarse también es parte de ayudar. Si lo necesita, las líneas de ayuda del"
                        " pie de página atienden en español."
                    ),
                    [],
                )
            ],
        ),
    ],
    ("blog.PodcastEpisodePage", "listening-so-they-feel-heard", "en"): [
        (
            "river.stone",
            "The part about repeating back what you heard before answering stayed with me all week.",
            [
                (
                    "steady_oak",
                    "Same here. My son noticed I was listening differently and told me so.",
                    [
                        (
                            "editor",
                            "What a moment to hear that. Thank you both for listening and for writing in.",
                            [],
                        )
                    ],
                )
            ],
        )
    ],
    ("blog.PodcastEpisodePage", "escuchar-para-que-se-sienta-escuchado", "es"): [
        (
            "nube-clara",
            "Escuché el episodio dos veces. La idea de preguntar antes de aconsejar me cambió la conversación.",
            [
                (
                    "luz_del_sur",
                    "A mí también. Ahora pregunto «¿quieres que te ayude o que te escuche?».",
                    [("translator", "Una pregunta preciosa. Gracias por compartirla.", [])],
                )
            ],
        )
    ],
}


def load(command):
    load_rules()
    count = load_threads()
    load_moderation_queue_examples()
    command.stdout.write(f"  comment policy, word lists and {count} demo comments in both languages")


def load_rules():
    english = Locale.get_default()
    spanish = Locale.objects.get(language_code="es")

    policy = CommentPolicy.objects.filter(locale=english).first() or CommentPolicy(locale=english)
    policy.title, policy.summary, policy.body = (POLICY[field][0] for field in ("title", "summary", "body"))
    policy.save()
    # Text with line breaks is stored by wagtail-localize as HTML (<br/>): key the body that way.
    spanish_policy = dict(POLICY.values())
    english_body, spanish_body = POLICY["body"]
    spanish_policy[StringValue.from_plaintext(english_body).data] = StringValue.from_plaintext(spanish_body).data
    with transaction.atomic():
        translate_into_spanish(policy, spanish_policy)

    for (term, suggestion, note), spanish_words in SUGGESTIONS:
        item, _ = LanguageSuggestion.objects.update_or_create(
            locale=english, term=term, defaults={"suggestion": suggestion, "note": note}
        )
        with transaction.atomic():
            translate_into_spanish(
                item, {text: es for text, es in zip((term, suggestion, note), spanish_words, strict=True) if text}
            )
    for locale, only in ((english, ENGLISH_ONLY_SUGGESTIONS), (spanish, SPANISH_ONLY_SUGGESTIONS)):
        for term, suggestion, note in only:
            LanguageSuggestion.objects.update_or_create(
                locale=locale, term=term, defaults={"suggestion": suggestion, "note": note}
            )

    for phrase, spanish_phrase, (suggestion, spanish_suggestion) in ADVICE_PHRASES:
        item, _ = AdvicePhrase.objects.update_or_create(
            locale=english, phrase=phrase, defaults={"suggestion": suggestion}
        )
        with transaction.atomic():
            translate_into_spanish(item, {phrase: spanish_phrase, suggestion: spanish_suggestion})
    for locale, only in ((english, ENGLISH_ONLY_ADVICE_PHRASES), (spanish, SPANISH_ONLY_ADVICE_PHRASES)):
        for phrase, suggestion in only:
            AdvicePhrase.objects.update_or_create(locale=locale, phrase=phrase, defaults={"suggestion": suggestion})
    for name, kind in IDENTIFYING_PLACES:
        IdentifyingPlace.objects.update_or_create(name=name, defaults={"kind": kind})

    for term, spanish_term in SAFETY_TERMS:
        item, _ = SafetyTerm.objects.get_or_create(locale=english, term=term)
        with transaction.atomic():
            translate_into_spanish(item, {term: spanish_term})
    for term in SPANISH_ONLY_SAFETY_TERMS:
        SafetyTerm.objects.get_or_create(locale=spanish, term=term)


def load_threads():
    users = {user.username: user for user in get_user_model().objects.filter(username__in=_usernames())}
    start = timezone.now() - timedelta(days=20)
    count = 0
    for (model, slug, language), threads in THREADS.items():
        page = _page(model, slug, language)
        if page is None:
            continue
        for thread_number, thread in enumerate(threads):
            count += _add(page, thread, None, users, start + timedelta(days=thread_number, hours=1))
    return count


def _page(model, slug, language):
    # Not only live pages: wagtail-localize publishes a translation when its transaction commits,
    # which inside one outer transaction (tests, a wrapped command) comes after this loader runs.
    page_model = apps.get_model(model)
    return page_model.objects.filter(slug=slug, locale__language_code=language).first()


def _add(page, node, parent, users, when):
    """One comment (found again when it exists) and its replies; returns how many there are."""
    username, text, replies = node
    user = users.get(username)
    if user is None:
        return 0
    comments = XtdComment.norel_objects.filter(content_type_id=page.content_type_id, object_pk=str(page.pk))
    comment = comments.filter(user=user, comment=text).first()
    if comment is None:
        comment = member_comment(page, user, text, parent=parent, submit_date=when, is_public=True)
        comment.save()
    count = 1
    for number, reply in enumerate(replies):
        count += _add(page, reply, comment, users, when + timedelta(hours=3 * (number + 1)))
    return count


def _usernames():
    names = set()
    stack = [node for threads in THREADS.values() for node in threads]
    while stack:
        username, _text, replies = stack.pop()
        names.add(username)
        stack.extend(replies)
    return names


# --- The moderation queue's first work (modqueue, issue 17) -------------------------------------

MODERATION_EXAMPLES = [
    # (page model, slug, language, username, text, why it waits: a hold reason or "reported")
    (
        "blog.QAPostPage",
        "where-do-i-even-begin",
        "en",
        "river.stone",
        "My brother is an addict and I am done pretending otherwise. Is it normal to feel this angry?",
        "new_member",
    ),
    (
        "blog.PodcastEpisodePage",
        "escuchar-para-que-se-sienta-escuchado",
        "es",
        "luz_del_sur",
        "Hay noches en que ya no quiero seguir. No sé a quién decírselo.",
        "safety",
    ),
    (
        "blog.QAPostPage",
        "where-do-i-even-begin",
        "en",
        "steady_oak",
        "You should just kick them out. That is the only thing that works.",
        "reported",
    ),
]


def load_moderation_queue_examples():
    """A few comments waiting in the queue, so a moderator's first login has work on every filter."""
    from django_comments.models import CommentFlag

    from .models import CommentReview, HoldReason

    users = {user.username: user for user in get_user_model().objects.all()}
    reporter = users.get("nube-clara")
    for model, slug, language, username, text, why in MODERATION_EXAMPLES:
        page, user = _page(model, slug, language), users.get(username)
        if page is None or user is None:
            continue
        comments = XtdComment.norel_objects.filter(content_type_id=page.content_type_id, object_pk=str(page.pk))
        if comments.filter(user=user, comment=text).exists():
            continue
        comment = member_comment(
            page, user, text, submit_date=timezone.now() - timedelta(hours=2), is_public=why == "reported"
        )
        comment.save()
        if why == "reported":
            if reporter is not None:
                CommentFlag.objects.create(comment=comment, user=reporter, flag=CommentFlag.SUGGEST_REMOVAL)
        else:
            CommentReview.objects.create(
                comment=comment, hold_reason=HoldReason.SAFETY if why == "safety" else HoldReason.NEW_MEMBER
            )
