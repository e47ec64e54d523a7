"""Demo content of the blog app: the Discussion Blog (Q&A posts, topics, the question inbox)."""

import datetime
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw
from wagtail.models import Locale
from wagtail.rich_text import RichText

from cms.translation import translate_into_spanish
from home.demo import english_home, feature_on_home
from members.services import display_name

from .inbox import default_decline_message, draft_answer
from .models import BlogIndexPage, QAPostPage, QAPostTopic, QARelatedPost, QuestionSubmission, Topic
from .podcast_demo import load_podcasts

BLOG = {
    "title": ("Discussion Blog", "Blog de preguntas y respuestas"),
    "slug": ("blog", "blog"),
    "intro": (
        "Members write in with what is happening at home; our team answers, and the community adds "
        "what has worked for them.",
        "Los miembros nos cuentan lo que pasa en casa; nuestro equipo responde y la comunidad aporta "
        "lo que le ha funcionado.",
    ),
}
CARD = (
    "Discussion Blog",
    "Real questions from families and partners, answered with CRAFT skills.",
    "Blog de preguntas y respuestas",
    "Preguntas reales de familias y parejas, respondidas con las habilidades de CRAFT.",
)

TOPICS = [
    # (English name, slug, description), (Spanish name, slug, description)
    (
        ("Partners", "partners", "When the person who uses substances is your partner or spouse."),
        ("Parejas", "parejas", "Cuando la persona que consume sustancias es su pareja o cónyuge."),
    ),
    (
        ("Parents", "parents", "For mothers and fathers of a teenage or adult child who uses substances."),
        ("Madres y padres", "madres-y-padres", "Para madres y padres de un hijo adolescente o adulto que consume."),
    ),
    (
        ("Self-care", "self-care", "Looking after your own health, sleep and friendships along the way."),
        ("Autocuidado", "autocuidado", "Cuidar su propia salud, su descanso y sus amistades en el camino."),
    ),
    (
        ("Communication", "communication", "Positive, specific and calm ways of talking that lower conflict."),
        ("Comunicación", "comunicacion", "Formas de hablar positivas, concretas y tranquilas que bajan el conflicto."),
    ),
    (
        ("Opioids", "opioids", "Overdose safety, naloxone and medications for opioid use disorder."),
        (
            "Opioides",
            "opioides",
            "Seguridad ante sobredosis, naloxona y medicamentos para el trastorno por consumo de opioides.",
        ),
    ),
    (
        ("Treatment", "treatment", "Inviting a loved one into treatment, and what the options look like."),
        ("Tratamiento", "tratamiento", "Invitar a un ser querido a tratarse y conocer las opciones."),
    ),
    (
        ("Return to use", "return-to-use", "Returning to use after a period of change, and how families can respond."),
        (
            "Volver a consumir",
            "volver-a-consumir",
            "Cuando un ser querido vuelve a consumir tras un tiempo de cambio, y cómo puede responder la familia.",
        ),
    ),
]

# Each post: English and Spanish side by side. "member" names the demo member (members app) it
# answers, shown under their display name; the others answer people who wrote in before joining.
DEMO_ASKERS = ["member", "luz_del_sur", "steady_oak"]
POSTS = [
    {
        "slug": ("where-do-i-even-begin", "por-donde-empiezo"),
        "title": ("Where do I even begin?", "¿Por dónde empiezo?"),
        "member": "member",
        "asker_name": "Morning Tide",
        "date": datetime.date(2025, 1, 14),
        "topics": ["partners", "communication"],
        "colour": ("#2f6f5e", "#cfe8df"),
        "question": (
            "My husband drinks most evenings and our conversations end in shouting. I have read a lot "
            "about CRAFT but I feel frozen. What is one thing I can do this week?",
            "Mi esposo bebe casi todas las noches y nuestras conversaciones terminan a gritos. He leído "
            "mucho sobre CRAFT pero me siento paralizada. ¿Qué puedo hacer esta semana?",
        ),
        "answer": [
            (
                "Dear Morning Tide, thank you for writing in. Feeling frozen is a very common place to start, "
                "and it does not mean you are doing anything wrong.",
                "Hola, Morning Tide: gracias por escribirnos. Sentirse paralizada es un punto de partida muy "
                "común, y no significa que esté haciendo algo mal.",
            ),
            (
                "This week, try to notice one moment when your husband is sober and pleasant, and tell him "
                "specifically what you enjoyed: 'I liked cooking with you tonight.' Keep it short and do not "
                "add a comment about drinking.",
                "Esta semana, intente notar un momento en que su esposo no haya bebido y esté de buen ánimo, "
                "y dígale en concreto qué disfrutó: «Me gustó cocinar contigo esta noche». Sea breve y no agregue "
                "ningún comentario sobre la bebida.",
            ),
        ],
        "callout": (
            ("Try this tonight", "Pruébelo esta noche"),
            (
                "Pick a calm moment, not the moment he walks in the door.",
                "Elija un momento tranquilo, no el momento en que él entra por la puerta.",
            ),
        ),
        "excerpt": (
            "One small, specific step for a partner who feels stuck: notice and name the good moments.",
            "Un paso pequeño y concreto para una pareja que se siente estancada: notar y nombrar los buenos momentos.",
        ),
        "image_alt": ("Two mugs on a kitchen table at dusk", "Dos tazas sobre la mesa de la cocina al atardecer"),
    },
    {
        "slug": ("my-daughter-says-im-controlling", "mi-hija-dice-que-la-controlo"),
        "title": ("My daughter says I am controlling", "Mi hija dice que la controlo"),
        "member": "luz_del_sur",
        "asker_name": "Luz del Sur",
        "date": datetime.date(2025, 2, 3),
        "topics": ["parents", "communication"],
        "colour": ("#3b4f8c", "#dbe2f6"),
        "question": (
            "My 19-year-old daughter drinks heavily most weekends. When I ask where she is going she says I am "
            "controlling and leaves. How can I stay involved without pushing her away?",
            "Mi hija de 19 años bebe en exceso casi todos los fines de semana. Cuando le pregunto adónde "
            "va, me dice que la controlo y se va. ¿Cómo sigo presente sin alejarla?",
        ),
        "answer": [
            (
                "Dear Luz del Sur, thank you for writing in. Your wish to stay close to your daughter comes "
                "through clearly, and that wish is your greatest strength.",
                "Hola, Luz del Sur: gracias por escribirnos. Se nota claramente su deseo de seguir cerca de su "
                "hija, y ese deseo es su mayor fortaleza.",
            ),
            (
                "Young adults often hear questions as checks. Try sharing your own feelings instead: 'I "
                "worry when I do not know you are safe. Would you text me if you are out late?' Then thank "
                "her each time she does.",
                "Los jóvenes adultos suelen oír las preguntas como controles. Intente compartir lo que "
                "siente: «Me preocupo cuando no sé si estás bien. ¿Me escribes si vas a llegar tarde?». "
                "Luego agradézcale cada vez que lo haga.",
            ),
        ],
        "excerpt": (
            "How a parent can swap questions that feel like checks for feelings and small agreements.",
            "Cómo cambiar preguntas que suenan a control por sentimientos y pequeños acuerdos con una hija o un hijo.",
        ),
        "image_alt": ("A phone lying on a sofa cushion", "Un teléfono sobre un cojín del sofá"),
    },
    {
        "slug": ("i-am-exhausted", "estoy-agotada"),
        "title": ("I am exhausted and I feel guilty resting", "Estoy agotada y me siento culpable al descansar"),
        "member": "member",
        "asker_name": "Morning Tide",
        "date": datetime.date(2025, 2, 20),
        "topics": ["self-care", "partners"],
        "colour": ("#7a4b2a", "#f3e2d3"),
        "question": (
            "Since I started trying CRAFT I am the one doing all the work. When I take an evening for "
            "myself I feel I am abandoning him. Is that selfish?",
            "Desde que empecé con CRAFT soy yo quien hace todo el trabajo. Cuando me tomo una tarde para "
            "mí siento que lo abandono. ¿Es egoísta?",
        ),
        "answer": [
            (
                "Dear Morning Tide, thank you for writing in again. Resting is not abandoning anyone. Families "
                "who look after themselves tend to stay calmer and more consistent, which helps everyone.",
                "Hola, Morning Tide: gracias por volver a escribirnos. Descansar no es abandonar a nadie. Las "
                "familias que se cuidan suelen mantenerse más tranquilas y constantes, y eso ayuda a toda la familia.",
            ),
            (
                "Choose one activity that refills you, put it in your calendar like an appointment, and "
                "keep it even on difficult weeks.",
                "Elija una actividad que le recargue, anótela en su agenda como una cita y manténgala "
                "incluso en las semanas difíciles.",
            ),
        ],
        "excerpt": (
            "Why rest is part of CRAFT, not a break from it, and one way to protect an evening for yourself.",
            "Por qué descansar es parte de CRAFT y no una pausa, y una forma de proteger una tarde para usted.",
        ),
        "image_alt": ("A path through a park in the morning", "Un sendero en un parque por la mañana"),
    },
    {
        "slug": ("should-i-keep-naloxone-at-home", "debo-tener-naloxona-en-casa"),
        "title": ("Should I keep naloxone at home?", "¿Debo tener naloxona en casa?"),
        "member": "steady_oak",
        "asker_name": "Steady Oak",
        "date": datetime.date(2025, 3, 8),
        "topics": ["opioids", "parents"],
        "colour": ("#8c2f3b", "#f6dbe0"),
        "question": (
            "My son takes pills that he buys from friends. I am scared of an overdose but I worry that "
            "having naloxone at home tells him I accept his use.",
            "Mi hijo toma pastillas que compra a amigos. Tengo miedo de una sobredosis, pero me preocupa "
            "que tener naloxona en casa le diga que acepto su consumo.",
        ),
        "answer": [
            (
                "Dear Steady Oak, thank you for writing in. Keeping naloxone at home is a way of keeping your son "
                "alive; it does not say you approve of anything.",
                "Hola, Steady Oak: gracias por escribirnos. Tener naloxona en casa es una forma de mantener con "
                "vida a su hijo; no dice que usted apruebe nada.",
            ),
            (
                "Many pharmacies offer it without a prescription. Learn the steps, tell the people in your "
                "home where it is, and remember that you can always call 911.",
                "Muchas farmacias la ofrecen sin receta. Aprenda los pasos, diga a las personas de su casa "
                "dónde está y recuerde que siempre puede llamar al 911.",
            ),
        ],
        "callout": (
            ("Safety first", "La seguridad primero"),
            (
                "If someone will not wake up or is breathing very slowly, call 911 and give naloxone.",
                "Si alguien no despierta o respira muy despacio, llame al 911 y administre naloxona.",
            ),
        ),
        # A passage behind a content note: readers choose to open it (cms.blocks.ContentNoteBlock).
        "content_note": (
            ("describes an overdose", "describe una sobredosis"),
            (
                "Another parent told us about the night she found her son unconscious, his lips blue. She "
                "gave the naloxone from the kitchen drawer, called 911, and he was breathing again before "
                "the ambulance came.",
                "Otra madre nos contó la noche en que encontró a su hijo inconsciente, con los labios morados. "
                "Le dio la naloxona del cajón de la cocina, llamó al 911, y él volvió a respirar antes de que "
                "llegara la ambulancia.",
            ),
        ),
        "excerpt": (
            "Naloxone saves lives and sends no message of approval. Where to get it and how to be ready.",
            "La naloxona salva vidas y no transmite aprobación. Dónde conseguirla y cómo tenerla siempre a mano.",
        ),
        "image_alt": ("A first-aid box on a shelf", "Un botiquín en un estante"),
    },
    {
        "slug": ("when-to-suggest-treatment", "cuando-proponer-tratamiento"),
        "title": ("When is the right moment to suggest treatment?", "¿Cuándo es el momento de proponer tratamiento?"),
        "asker_name": "Li",
        "date": datetime.date(2025, 3, 27),
        "topics": ["treatment", "partners"],
        "colour": ("#2f5f8c", "#d6e6f4"),
        "question": (
            "My wife has started to say she is tired of feeling sick every morning. Is this the moment "
            "to mention treatment, or will I ruin it?",
            "Mi esposa ha empezado a decir que está cansada de sentirse mal cada mañana. ¿Es el momento "
            "de hablar de tratamiento, o lo voy a arruinar?",
        ),
        "answer": [
            (
                "Dear Li, thank you for writing in. Moments when a loved one voices regret are exactly the "
                "openings CRAFT prepares families for.",
                "Hola, Li: gracias por escribirnos. Los momentos en que un ser querido expresa que se "
                "arrepiente son justo las oportunidades para las que CRAFT prepara a las familias.",
            ),
            (
                "Have one or two options ready before you speak, keep the invitation short and warm, and "
                "accept a 'not yet' gracefully. You can ask again another day.",
                "Tenga una o dos opciones preparadas antes de hablar, haga una invitación breve y cálida, y "
                "acepte un «todavía no» con serenidad. Puede volver a preguntar otro día.",
            ),
        ],
        "excerpt": (
            "Recognising a window of opportunity, and how to prepare a short, warm invitation.",
            "Reconocer una ventana de oportunidad y preparar una invitación breve y cálida.",
        ),
        "image_alt": ("An open window with light curtains", "Una ventana abierta con cortinas ligeras"),
    },
    {
        "slug": ("he-started-using-again", "volvio-a-consumir"),
        "title": ("He started using again after eight months", "Volvió a consumir después de ocho meses"),
        "asker_name": "Rosa",
        "date": datetime.date(2025, 4, 11),
        "topics": ["return-to-use", "self-care"],
        "colour": ("#5a3b8c", "#e6dcf4"),
        "question": (
            "My brother was doing so well and now he is using again. I feel like all our work was for "
            "nothing. How do I respond without giving up on him?",
            "Mi hermano estaba muy bien y ahora ha vuelto a consumir. Siento que todo nuestro esfuerzo no "
            "sirvió de nada. ¿Cómo respondo sin rendirme con él?",
        ),
        "answer": [
            (
                "Dear Rosa, thank you for writing in. Eight months of change are real, and a return to use "
                "does not erase them. Many people try several times before a change lasts.",
                "Hola, Rosa: gracias por escribirnos. Ocho meses de cambio son reales, y volver a consumir "
                "no los borra. Muchas personas lo intentan varias veces antes de que un cambio se mantenga.",
            ),
            (
                "Stay in touch, avoid blame, and remind him of what he did well. Then look after yourself: "
                "your disappointment deserves care too.",
                "Mantenga el contacto, evite culpar y recuérdele lo que hizo bien. Después cuídese usted: "
                "su decepción también merece atención.",
            ),
        ],
        "excerpt": (
            "A return to use is not the end of change. How a sister can respond with hope and without blame.",
            "Volver a consumir no es el fin del cambio. Cómo responder con esperanza y sin culpas.",
        ),
        "image_alt": ("A seedling growing between stones", "Un brote que crece entre piedras"),
    },
    {
        "slug": ("how-do-i-say-no-to-money", "como-digo-que-no-al-dinero"),
        "title": ("How do I say no when he asks for money?", "¿Cómo digo que no cuando me pide dinero?"),
        "asker_name": "Ana",
        "date": datetime.date(2025, 5, 2),
        "topics": ["parents", "communication"],
        "colour": ("#2f6f3b", "#d8eedc"),
        "question": (
            "My adult son asks me for money almost every week and I suspect it goes to drugs. When I "
            "refuse he gets angry. How can I say no and still keep our relationship?",
            "Mi hijo adulto me pide dinero casi todas las semanas y sospecho que es para drogas. Cuando me "
            "niego se enoja. ¿Cómo digo que no y mantengo nuestra relación?",
        ),
        "answer": [
            (
                "Dear Ana, thank you for writing in. Saying no to money while saying yes to your son is "
                "possible, and it is one of the skills CRAFT practises.",
                "Hola, Ana: gracias por escribirnos. Es posible decir no al dinero y sí a su hijo, y es una "
                "de las habilidades que se practican en CRAFT.",
            ),
            (
                "Offer something concrete instead, such as paying a bus pass or sharing a meal, and say it "
                "calmly: 'I will not give cash, and I would love to have dinner with you on Sunday.'",
                "Ofrezca algo concreto a cambio, como pagar el abono del autobús o compartir una comida, y "
                "dígalo con calma: «No te voy a dar efectivo, y me encantaría cenar contigo el domingo».",
            ),
        ],
        "excerpt": (
            "Turning a request for cash into an offer of time and practical help.",
            "Convertir una petición de dinero en una oferta de tiempo y ayuda práctica.",
        ),
        "image_alt": ("A table set for two", "Una mesa puesta para dos"),
    },
]

QUESTIONS = [
    # (subject, question, relationship, language, status)
    (
        "Is it okay to tell my family what is happening?",
        "I have kept my partner's drinking a secret from my parents for two years. I would like their "
        "support but I am afraid of how he will react.",
        "partner",
        "en",
        QuestionSubmission.Status.NEW,
    ),
    (
        "¿Cómo celebro los días buenos sin que parezca un premio?",
        "Mi pareja lleva dos semanas sin beber. Quiero reconocerlo, pero no sé cómo hacerlo sin que se "
        "sienta vigilado.",
        "partner",
        "es",
        QuestionSubmission.Status.IN_PROGRESS,
    ),
    (
        "Where do I even begin?",
        POSTS[0]["question"][0],
        "partner",
        "en",
        QuestionSubmission.Status.ANSWERED,
    ),
    (
        "Can you tell me which clinic to choose for my husband?",
        "There are three clinics near us. Which one is the best for someone who drinks?",
        "partner",
        "en",
        QuestionSubmission.Status.DECLINED,
    ),
]


def demo_image(title, colours):
    """A soft two-colour illustration made on the spot: no stock photos to license in the demo."""
    from cms.models import CreditedImage

    image = CreditedImage.objects.filter(title=title).first()
    if image:
        return image
    dark, light = colours
    canvas = Image.new("RGB", (1200, 675), light)
    draw = ImageDraw.Draw(canvas)
    draw.ellipse((700, 120, 1100, 520), fill=dark)
    draw.rectangle((0, 520, 1200, 675), fill=dark)
    buffer = BytesIO()
    canvas.save(buffer, "PNG")
    return CreditedImage.objects.create(
        title=title,
        file=ImageFile(buffer, name=f"{title.lower().replace(' ', '-')[:40]}.png"),
        credit="CRAFT Family Support",
    )


def pairs(*values):
    return dict(values)


def load(command):
    """The Discussion Blog first (it creates the topics), then the podcast, whose episodes share them."""
    load_qa(command)
    load_podcasts(command)


def load_qa(command):
    english = Locale.get_default()
    home = english_home()
    blog = BlogIndexPage.objects.filter(locale=english).first()
    if blog is None:
        blog = home.add_child(instance=BlogIndexPage(title=BLOG["title"][0], slug="blog", locale=english))
    blog.title, blog.intro, blog.show_in_menus = BLOG["title"][0], BLOG["intro"][0], True
    blog.save_revision().publish()
    with transaction.atomic():
        translate_into_spanish(blog, pairs(*BLOG.values()))
    feature_on_home(blog, *CARD)

    topics = {}
    for (name, slug, description), spanish in TOPICS:
        topic, _ = Topic.objects.update_or_create(
            locale=english, slug=slug, defaults={"name": name, "description": description}
        )
        with transaction.atomic():
            translate_into_spanish(topic, dict(zip((name, slug, description), spanish, strict=True)))
        topics[slug] = topic

    users = {user.username: user for user in get_user_model().objects.filter(username__in=DEMO_ASKERS)}
    posts = [load_post(blog, spec, topics, users.get(spec.get("member"))) for spec in POSTS]
    member = users.get("member")
    # Hand-picked related posts; the others fall back to posts sharing a topic.
    for post, related in ((posts[0], posts[4]), (posts[5], posts[2])):
        post.related_post_links = [QARelatedPost(post=related)]
        post.save_revision().publish()
        with transaction.atomic():
            translate_into_spanish(post, post_spanish(POSTS[posts.index(post)]))

    if member is not None:
        load_questions(member, posts[0])
        load_private_question(member)
    command.stdout.write(f"  {len(posts)} Q&A posts, {len(topics)} topics, {len(QUESTIONS)} member questions")


def load_post(blog, spec, topics, member):
    post = QAPostPage.objects.filter(locale=blog.locale, slug=spec["slug"][0]).first()
    if post is None:
        post = blog.add_child(
            instance=QAPostPage(
                title=spec["title"][0],
                slug=spec["slug"][0],
                asker_name=asker_name(spec, member),
                question=spec["question"][0],
                answer=[],
                excerpt=spec["excerpt"][0],
                live=False,
            )
        )
    answer = [("paragraph", RichText("".join(f"<p>{english}</p>" for english, _ in spec["answer"])))]
    if "callout" in spec:
        (heading, _), (text, _) = spec["callout"]
        answer.append(("callout", {"tone": "tip", "heading": heading, "text": RichText(f"<p>{text}</p>")}))
    if "content_note" in spec:
        (note, _), (passage, _) = spec["content_note"]
        content = [("paragraph", RichText(f"<p>{passage}</p>"))]
        answer.append(("content_note", {"note": note, "content": content}))
    post.title = spec["title"][0]
    post.asker = member
    post.asker_name = asker_name(spec, member)
    post.question = spec["question"][0]
    post.answer = answer
    post.excerpt = spec["excerpt"][0]
    post.date = spec["date"]
    post.featured_image = demo_image(spec["title"][0], spec["colour"])
    post.featured_image_alt = spec["image_alt"][0]
    post.topic_links = [QAPostTopic(topic=topics[slug]) for slug in spec["topics"]]
    post.save_revision().publish()
    post = QAPostPage.objects.get(pk=post.pk)
    with transaction.atomic():
        translate_into_spanish(post, post_spanish(spec))
    return post


def asker_name(spec, member):
    return display_name(member) if member is not None else spec["asker_name"]


def post_spanish(spec):
    mapping = pairs(spec["title"], spec["slug"], spec["question"], spec["excerpt"], spec["image_alt"], *spec["answer"])
    if "callout" in spec:
        mapping.update(pairs(*spec["callout"]))
    if "content_note" in spec:
        mapping.update(pairs(*spec["content_note"]))
    return mapping


def load_questions(member, answered_post):
    editor = get_user_model().objects.filter(username="editor").first()
    for subject, text, relationship, language, status in QUESTIONS:
        question, created = QuestionSubmission.objects.get_or_create(
            member=member,
            subject=subject,
            defaults={"question": text, "relationship": relationship, "language": language, "consent_to_publish": True},
        )
        if not created:
            continue
        if status == QuestionSubmission.Status.IN_PROGRESS and editor is not None:
            draft_answer(question, editor)
        elif status == QuestionSubmission.Status.ANSWERED:
            question.status, question.answer_post, question.answered_at = status, answered_post, timezone.now()
            question.save()
        elif status == QuestionSubmission.Status.DECLINED:
            question.status, question.declined_at = status, timezone.now()
            question.decline_message = default_decline_message(question)
            question.save()


def load_private_question(member):
    """One private question waiting in the inbox, labelled Private, to be answered by email (issue 18)."""
    QuestionSubmission.objects.get_or_create(
        member=member,
        subject="Should I keep paying my son's rent?",
        defaults={
            "question": "He uses most days and asks for rent money. I do not want to lose him, but I worry "
            "the money goes to drugs. I would rather not have this published.",
            "relationship": "child",
            "language": "en",
            "private": True,
            "consent_to_publish": False,
        },
    )
