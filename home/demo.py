"""The demo home page and standard pages, in English and (through wagtail-localize) Spanish.

Other apps' demo loaders put their section on the home page with `feature_on_home`.
"""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms.public_url import site_address
from cms.translation import translate_into_spanish

from .models import HomePage, StandardPage

HOME = {
    "title": ("Home", "Inicio"),
    "hero_heading": (
        "You can help someone you love, and look after yourself too",
        "Puede ayudar a un ser querido y también cuidar de usted",
    ),
    "hero_text": (
        "Learn CRAFT: practical, research-tested skills for the families and partners of a person who uses substances.",
        "Aprenda CRAFT: habilidades prácticas y probadas por la investigación para las familias y "
        "parejas de una persona que consume sustancias.",
    ),
    "join_heading": ("Join a community that understands", "Hágase miembro de una comunidad que le comprende"),
    "join_text": (
        "Members follow the learning modules at their own pace, write in with questions, and "
        "encourage one another under a pseudonym.",
        "Los miembros siguen los módulos a su propio ritmo, envían sus preguntas y se dan ánimo "
        "entre sí con un seudónimo.",
    ),
}
INTRO = [
    (
        "Watching someone you love struggle with alcohol or drugs is exhausting. Many families are "
        "told to wait for rock bottom or to walk away. CRAFT offers a kinder path that works better.",
        "Ver a un ser querido luchar con el alcohol o las drogas agota. A muchas familias les dicen "
        "que esperen a que toque fondo o que se alejen. CRAFT ofrece un camino más amable que funciona mejor.",
    ),
    (
        "Here you will learn how to communicate in ways that lower conflict, how to reward the "
        "moments without substances, how to stay safe, and how to invite your loved one toward treatment.",
        "Aquí aprenderá a comunicarse de maneras que reducen el conflicto, a premiar los momentos "
        "sin sustancias, a mantenerse a salvo y a invitar a su ser querido a buscar tratamiento.",
    ),
]

PAGES = {
    "about": {
        "title": ("About CRAFT Family Support", "Acerca de CRAFT Apoyo Familiar"),
        "slug": ("about", "acerca-de"),
        "intro": (
            "We are a small team of clinicians and family members who teach CRAFT online.",
            "Somos un pequeño equipo de profesionales clínicos y familiares que enseña CRAFT en línea.",
        ),
        "paragraphs": [
            (
                "CRAFT stands for Community Reinforcement and Family Training. It was developed by "
                "researchers who noticed that families have more influence than anyone else in a "
                "person's life, and that this influence can be used with warmth rather than pressure.",
                "CRAFT significa Refuerzo Comunitario y Entrenamiento Familiar. Lo crearon investigadores "
                "que observaron que la familia influye más que nadie en la vida de una persona, y que esa "
                "influencia puede ejercerse con cariño en lugar de presión.",
            ),
            (
                "Studies have found that most families who learn CRAFT see their loved one enter "
                "treatment, and that family members feel better whether or not that happens.",
                "Los estudios han encontrado que la mayoría de las familias que aprenden CRAFT ven a su "
                "ser querido iniciar un tratamiento, y que los familiares se sienten mejor ocurra o no.",
            ),
        ],
    },
    "membership": {
        "title": ("Membership", "Membresía"),
        "slug": ("membership", "membresia"),
        "intro": (
            "Membership is free and private: you choose a pseudonym, and your email is never shown.",
            "La membresía es gratuita y privada: usted elige un seudónimo y su correo nunca se muestra.",
        ),
        "paragraphs": [
            (
                "Members can follow every learning module, keep a private exercise journal, send "
                "questions to our team and take part in the conversations under each post.",
                "Los miembros pueden seguir todos los módulos, llevar un diario privado de ejercicios, "
                "enviar preguntas a nuestro equipo y participar en las conversaciones de cada entrada.",
            ),
        ],
    },
    "privacy": {
        "title": ("Privacy policy", "Política de privacidad"),
        "slug": ("privacy", "privacidad"),
        "intro": (
            "What you share here is about your family. We keep as little as we can and never sell it.",
            "Lo que comparte aquí trata de su familia. Guardamos lo mínimo posible y nunca lo vendemos.",
        ),
        "paragraphs": [
            (
                "We store your pseudonym, your email address, your progress and what you choose to "
                "write. Nothing is sent to advertisers or third-party services, and you can download "
                "or delete your data at any time.",
                "Guardamos su seudónimo, su correo electrónico, su progreso y lo que usted decide "
                "escribir. No se envía nada a anunciantes ni a servicios de terceros, y puede descargar "
                "o borrar sus datos cuando quiera.",
            ),
            (
                "How long we keep things: the network address a comment was sent from, 30 days, only "
                "to deal with abuse, then it is erased; your email address is never stored with your "
                "comments. An email that could not go out at once waits in our database until it is "
                "sent; its text is erased when it is sent, and the record of sending after 7 days. "
                "Server logs never hold your email or network address and are deleted after 14 days. "
                "When you delete your account, we keep only its number and the date it was created "
                "(never your name or email) for as long as we keep backups made before, so that "
                "restoring a backup can never bring your account back.",
                "Cuánto tiempo guardamos los datos: la dirección de red desde la que se envió un "
                "comentario, 30 días, solo para atender casos de abuso, y después se borra; su correo "
                "electrónico nunca se guarda con sus comentarios. Un mensaje que no se pudo enviar de "
                "inmediato espera en nuestra base de datos hasta que se envía; su texto se borra al "
                "enviarse, y el registro del envío a los 7 días. Los registros del servidor nunca "
                "contienen su correo electrónico ni su dirección de red y se borran a los 14 días. "
                "Cuando usted borra su cuenta, guardamos solo su número y la fecha en que se creó "
                "(nunca su nombre ni su correo electrónico) mientras conservemos copias de seguridad "
                "anteriores, para que restaurar una copia nunca pueda recuperar su cuenta.",
            ),
        ],
    },
    "comment-policy": {
        "title": ("Comment policy", "Normas para comentar"),
        "slug": ("comment-policy", "normas-para-comentar"),
        "intro": (
            "Our conversations work because members are kind to one another.",
            "Nuestras conversaciones funcionan porque los miembros se tratan con amabilidad.",
        ),
        "paragraphs": [
            (
                "Be respectful. Share your own experience rather than telling others what to do. Use "
                "person-first language: name the person first, as in “a person who uses substances”, never a label.",
                "Trate a todas las personas con respeto. Comparta su propia experiencia en lugar de decir a otras "
                "personas qué hacer. Use un lenguaje centrado en la persona: nombre primero a la persona, como en "
                "«una persona que consume sustancias», nunca con una etiqueta.",
            ),
        ],
    },
}


def _pairs(spec):
    """English → Spanish mapping from a spec of (english, spanish) tuples."""
    mapping = {}
    for value in spec.values():
        if isinstance(value, tuple):
            mapping[value[0]] = value[1]
        else:
            mapping.update(dict(value))
    return mapping


def _richtext(paragraphs):
    return "".join(f"<p>{english}</p>" for english, _ in paragraphs)


def english_home():
    return HomePage.objects.filter(locale=Locale.get_default()).first()


def load(command):
    english = Locale.get_default()
    root = Page.get_first_root_node()
    home = english_home()
    if home is None:
        # Wagtail's migrations leave a "Welcome to your new Wagtail site!" page; ours replaces it.
        for welcome in root.get_children().filter(content_type__model="page"):
            welcome.delete()
        home = root.add_child(instance=HomePage(title="Home", slug="home", locale=english, hero_heading="Home"))
    for field, (text, _) in HOME.items():
        setattr(home, field, text)
    home.intro = _richtext(INTRO)
    home.save_revision().publish()
    # The address `make run` serves on (WAGTAILADMIN_BASE_URL), so feeds and emails reach it.
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"root_page": home, **site_address(), "site_name": "CRAFT Family Support"},
    )
    with transaction.atomic():
        translate_into_spanish(home, home_spanish())

    pages = {}
    for slug, spec in PAGES.items():
        page = StandardPage.objects.filter(locale=english, slug=slug).first()
        if page is None:
            page = home.add_child(instance=StandardPage(title=spec["title"][0], slug=slug, locale=english))
        page.title = spec["title"][0]
        page.intro = spec["intro"][0]
        page.body = [("paragraph", _richtext(spec["paragraphs"]))]
        page.show_in_menus = slug == "about"
        page.save_revision().publish()
        with transaction.atomic():
            translate_into_spanish(page, _pairs(spec))
        pages[slug] = page

    home = HomePage.objects.get(pk=home.pk)
    home.join_page = pages["membership"]
    home.save_revision().publish()
    with transaction.atomic():
        translate_into_spanish(home, home_spanish())


def home_spanish():
    home = english_home()
    mapping = {"home": "inicio", **_pairs(HOME), **dict(INTRO)}
    for block in home.featured_links:
        mapping[block.value["heading"]] = FEATURED_SPANISH.get(block.value["heading"], block.value["heading"])
        mapping[block.value["description"]] = FEATURED_SPANISH.get(
            block.value["description"], block.value["description"]
        )
    return mapping


FEATURED_SPANISH = {}


def feature_on_home(page, heading, description, spanish_heading, spanish_description):
    """Add (or refresh) a featured-link card for `page` on the demo home page, in both languages."""
    FEATURED_SPANISH.update({heading: spanish_heading, description: spanish_description})
    home = english_home()
    links = [
        ("featured_link", dict(block.value))
        for block in home.featured_links
        if block.value["page"] and block.value["page"].pk != page.pk
    ]
    links.append(("featured_link", {"page": page, "heading": heading, "description": description}))
    home.featured_links = links
    home.save_revision().publish()
    with transaction.atomic():
        translate_into_spanish(home, home_spanish())
