"""Demo podcast: three original episodes in English and Spanish, with guests and generated audio.

The audio is a few seconds of gentle tones written with Python's `wave` module at load time: the
demo downloads nothing, and the files are real WAV audio that players play and seek.
"""

import datetime
import io
import math
import struct
import wave

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.text import slugify
from PIL import Image, ImageDraw
from wagtail.models import Locale
from wagtail.rich_text import RichText

from cms.models import CreditedImage, SiteMedia
from cms.translation import translate_into_spanish
from home.demo import english_home, feature_on_home
from learning.models import ModulePage

from .models import EpisodeGuest, EpisodeTopic, Guest, PodcastEpisodePage, PodcastIndexPage, Topic
from .models.podcasts import use_translated_recording

SAMPLE_RATE = 8000


def tone_wav(seconds, frequencies=(440,), volume=0.3):
    """A mono 16-bit WAV file of `seconds`, stepping through `frequencies` in equal parts."""
    frames = int(seconds * SAMPLE_RATE)
    part = max(frames // len(frequencies), 1)
    samples = bytearray()
    for n in range(frames):
        frequency = frequencies[min(n // part, len(frequencies) - 1)]
        samples += struct.pack("<h", int(volume * 32767 * math.sin(2 * math.pi * frequency * n / SAMPLE_RATE)))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(SAMPLE_RATE)
        recording.writeframes(bytes(samples))
    return buffer.getvalue()


PODCAST = {
    "title": ("Family Conversations", "Conversaciones en familia"),
    "slug": ("podcast", "podcast"),
    "description": (
        "Short conversations with clinicians, researchers and family members about the CRAFT skills "
        "that help families of a person who uses substances: listening, rewarding change, staying safe "
        "and looking after yourself.",
        "Conversaciones breves con profesionales clínicos, investigadores y familiares sobre las "
        "habilidades de CRAFT que ayudan a las familias de una persona que consume sustancias: escuchar, "
        "premiar el cambio, mantenerse a salvo y cuidarse.",
    ),
    "author": ("CRAFT Family Support", "CRAFT Apoyo Familiar"),
}
CARD = (
    "Podcast",
    "Listen to clinicians and families talk through CRAFT skills, with full transcripts.",
    "Pódcast",
    "Escuche a profesionales y familias hablar de las habilidades de CRAFT, con transcripciones completas.",
)

GUESTS = {
    "lena": {
        "name": "Lena Okafor",
        "role": ("Clinical psychologist (PhD) and CRAFT trainer", "Doctora en psicología clínica y formadora de CRAFT"),
        "bio": (
            "Lena has spent fifteen years teaching families to use CRAFT at home, first in a county "
            "clinic and now in online groups.",
            "Lena lleva quince años enseñando a las familias a usar CRAFT en casa, primero en una clínica "
            "del condado y ahora en grupos en línea.",
        ),
    },
    "tomas": {
        "name": "Tomás Herrera",
        "role": ("Father of a son in recovery", "Padre de un hijo en recuperación"),
        "bio": (
            "Tomás learned CRAFT when his son was using opioids. He now volunteers with other parents "
            "who are starting the same road.",
            "Tomás aprendió CRAFT cuando su hijo consumía opioides. Hoy acompaña como voluntario a otras "
            "madres y padres que empiezan el mismo camino.",
        ),
    },
    "ruth": {
        "name": "Ruth Andersen",
        "role": ("Peer recovery coach", "Acompañante de recuperación entre pares"),
        "bio": (
            "Ruth supports people in early recovery and their families, and speaks openly about her own "
            "years of caring for a partner who drank.",
            "Ruth apoya a personas en los inicios de su recuperación y a sus familias, y habla con "
            "franqueza de los años en que cuidó de una pareja que bebía.",
        ),
    },
}

# Each episode: English and Spanish side by side. Chapters are (minutes, seconds, title pair).
EPISODES = [
    {
        "number": 1,
        "release": datetime.datetime(2025, 2, 4, 9, 0, tzinfo=datetime.UTC),
        "notes": (392, 440, 494),
        "spanish_notes": (349, 415, 523),
        "colours": ("#1f5f4a", "#d7ece3"),
        "guests": ["lena"],
        "topics": ["communication"],
        "title": ("Listening so your loved one feels heard", "Escuchar para que su ser querido se sienta escuchado"),
        "slug": ("listening-so-they-feel-heard", "escuchar-para-que-se-sienta-escuchado"),
        "summary": (
            "Dr. Lena Okafor explains reflective listening: repeating back what you heard before you answer.",
            "La Dra. Lena Okafor explica la escucha reflexiva: repetir lo que ha oído antes de responder.",
        ),
        "image_alt": (
            "Two chairs facing each other in a quiet room",
            "Dos sillas frente a frente en un cuarto tranquilo",
        ),
        "chapters": [
            (0, 0, ("Welcome", "Bienvenida")),
            (0, 2, ("What reflective listening sounds like", "Cómo suena la escucha reflexiva")),
            (0, 4, ("Trying it tonight", "Probarlo esta noche")),
        ],
        "notes_text": (
            "Reflective listening lowers the temperature of a conversation. In this episode Lena walks "
            "through three short examples and one exercise to try this week.",
            "La escucha reflexiva baja la tensión de una conversación. En este episodio Lena recorre tres "
            "ejemplos breves y un ejercicio para probar esta semana.",
        ),
        "transcript": [
            (
                "Host: Welcome to Family Conversations. Today we are talking about listening.",
                "Presentadora: Les damos la bienvenida a Conversaciones en familia. Hoy hablamos de escuchar.",
            ),
            (
                "Lena: When someone feels heard, they stop defending themselves. Try saying back what you "
                "heard, in your own words, before you give your view.",
                "Lena: Cuando alguien se siente escuchado, deja de defenderse. Intente repetir lo que oyó, "
                "con sus propias palabras, antes de dar su opinión.",
            ),
            (
                "Host: So the goal is not to agree, it is to understand.",
                "Presentadora: Entonces el objetivo no es estar de acuerdo, sino entender.",
            ),
        ],
    },
    {
        "number": 2,
        "release": datetime.datetime(2025, 2, 18, 9, 0, tzinfo=datetime.UTC),
        "notes": (330, 392, 330),
        "spanish_notes": (294, 349, 294),
        "colours": ("#7a3b00", "#f6e3cf"),
        "guests": ["ruth"],
        "topics": ["self-care"],
        "title": ("Taking care of yourself while you wait", "Cuidarse mientras espera"),
        "slug": ("taking-care-of-yourself", "cuidarse-mientras-espera"),
        "summary": (
            "Ruth Andersen on sleep, friendships and small pleasures: why your wellbeing matters whatever "
            "your loved one decides.",
            "Ruth Andersen habla del descanso, las amistades y los pequeños placeres: por qué su bienestar "
            "importa, decida lo que decida su ser querido.",
        ),
        "image_alt": ("A cup of tea beside an open notebook", "Una taza de té junto a un cuaderno abierto"),
        "chapters": [
            (0, 0, ("Welcome", "Bienvenida")),
            (0, 3, ("One thing just for you", "Una cosa solo para usted")),
        ],
        "notes_text": (
            "Families often put their own lives on hold. Ruth shares how she rebuilt a weekly routine that "
            "did not depend on how her partner's day had gone.",
            "Las familias a menudo ponen su vida en pausa. Ruth cuenta cómo recuperó una rutina semanal que "
            "no dependía de cómo le hubiera ido el día a su pareja.",
        ),
        "transcript": [
            (
                "Host: Ruth, what did you stop doing while your partner was drinking?",
                "Presentadora: Ruth, ¿qué dejó de hacer mientras su pareja bebía?",
            ),
            (
                "Ruth: Almost everything. I stopped seeing friends because I never knew what the evening "
                "would bring. Getting one walk a week back was the start.",
                "Ruth: Casi todo. Dejé de ver a mis amigas porque nunca sabía cómo iba a ser la noche. "
                "Recuperar un paseo a la semana fue el comienzo.",
            ),
        ],
    },
    {
        "number": 3,
        "release": datetime.datetime(2025, 3, 4, 9, 0, tzinfo=datetime.UTC),
        "notes": (262, 330, 392, 523),
        "spanish_notes": (294, 370, 440, 587),
        "colours": ("#154536", "#e3ece8"),
        "guests": ["lena", "tomas"],
        "topics": ["treatment", "communication"],
        "title": ("Inviting a loved one to treatment", "Invitar a un ser querido a tratarse"),
        "slug": ("inviting-a-loved-one-to-treatment", "invitar-a-un-ser-querido-a-tratarse"),
        "summary": (
            "When is the right moment to suggest treatment, and what do you say? A clinician and a father "
            "talk it through.",
            "¿Cuándo es el momento de proponer un tratamiento y qué se dice? Una profesional y un padre lo conversan.",
        ),
        "image_alt": ("An open door onto a sunny garden", "Una puerta abierta a un jardín soleado"),
        "chapters": [
            (0, 0, ("Welcome", "Bienvenida")),
            (0, 2, ("Windows of opportunity", "Momentos de oportunidad")),
            (0, 5, ("Tomás's story", "La historia de Tomás")),
        ],
        "notes_text": (
            "CRAFT looks for windows of opportunity: moments when a person who uses substances is more open "
            "to change. Tomás describes the evening his son said yes.",
            "CRAFT busca momentos de oportunidad: ratos en que la persona que consume está más abierta al "
            "cambio. Tomás describe la noche en que su hijo dijo que sí.",
        ),
        "transcript": [
            (
                "Host: Lena, how does a family know it is a good moment to bring up treatment?",
                "Presentadora: Lena, ¿cómo sabe una familia que es buen momento para hablar de tratamiento?",
            ),
            (
                "Lena: Look for remorse, a worrying event, or a question about their use. Those are windows, "
                "and they close quickly.",
                "Lena: Busque el arrepentimiento, un suceso preocupante o una pregunta sobre su consumo. Son "
                "momentos de oportunidad y se cierran pronto.",
            ),
            (
                "Tomás: My son asked me once if I thought he had a problem. I had a clinic's number ready.",
                "Tomás: Mi hijo me preguntó una vez si yo creía que tenía un problema. Yo tenía listo el "
                "número de una clínica.",
            ),
        ],
    },
]
RESOURCE = ("Find a treatment provider near you", "Encuentre un proveedor de tratamiento cerca de usted")
RESOURCE_URL = "https://findtreatment.gov/"
SPANISH_RECORDING_TITLE = "Episode {number} audio, Spanish recording"


def demo_audio(title, notes, seconds=6):
    """The media item `title`, with a few seconds of tones generated the first time only."""
    audio = SiteMedia.objects.filter(title=title).first()
    if audio is None:
        audio = SiteMedia(title=title, type="audio")
        audio.file.save(f"{slugify(title)}.wav", ContentFile(tone_wav(seconds, notes)), save=False)
        audio.save()
    return audio


def demo_picture(title, colours, size, alt_shape=False):
    """A plain two-colour illustration drawn on the spot: no stock photos to license."""
    image = CreditedImage.objects.filter(title=title).first()
    if image:
        return image
    dark, light = colours
    width, height = size
    canvas = Image.new("RGB", size, light)
    draw = ImageDraw.Draw(canvas)
    if alt_shape:
        draw.rectangle((width // 4, height // 5, width * 3 // 4, height), fill=dark)
    else:
        draw.ellipse((width // 5, height // 5, width * 4 // 5, height * 4 // 5), fill=dark)
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG")
    return CreditedImage.objects.create(
        title=title,
        file=ImageFile(buffer, name=f"{slugify(title)}.png"),
        credit="CRAFT Family Support",
    )


def load_podcasts(command):
    english = Locale.get_default()
    guests = {key: load_guest(spec, english) for key, spec in GUESTS.items()}

    home = english_home()
    index = PodcastIndexPage.objects.filter(locale=english).first()
    if index is None:
        index = home.add_child(
            instance=PodcastIndexPage(
                title=PODCAST["title"][0],
                slug=PODCAST["slug"][0],
                description=PODCAST["description"][0],
                author=PODCAST["author"][0],
                owner_name="CRAFT Family Support",
                owner_email="podcast@example.org",
            )
        )
    for field, (text, _spanish) in PODCAST.items():
        setattr(index, field, text)
    index.artwork = demo_picture("Podcast artwork", ("#1f5f4a", "#f3f6f4"), (1400, 1400))
    index.category = "Health & Fitness/Mental Health"
    index.show_in_menus = True
    index.save_revision().publish()
    # Parents are translated in their own transaction before their children (wagtail-localize#773).
    with transaction.atomic():
        translate_into_spanish(index, dict(PODCAST.values()))

    for spec in EPISODES:
        episode = load_episode(index, spec, guests, english)
        with transaction.atomic():
            translate_into_spanish(episode, episode_spanish(spec))
        # Every Spanish episode plays its own recording, never the English one.
        recording = demo_audio(SPANISH_RECORDING_TITLE.format(number=spec["number"]), spec["spanish_notes"])
        use_translated_recording(episode, recording, Locale.objects.get(language_code="es"))

    feature_on_home(index, *CARD)


def load_guest(spec, english):
    guest = Guest.objects.filter(locale=english, name=spec["name"]).first() or Guest(locale=english, name=spec["name"])
    guest.role, guest.bio = spec["role"][0], spec["bio"][0]
    guest.save()
    translate_into_spanish(guest, {spec["role"][0]: spec["role"][1], spec["bio"][0]: spec["bio"][1]})
    return guest


def load_episode(index, spec, guests, english):
    episode = PodcastEpisodePage.objects.child_of(index).filter(episode_number=spec["number"]).first()
    if episode is None:
        episode = index.add_child(
            instance=PodcastEpisodePage(
                title=spec["title"][0],
                slug=spec["slug"][0],
                episode_number=spec["number"],
                summary=spec["summary"][0],
                audio=demo_audio(f"Episode {spec['number']} audio", spec["notes"]),
            )
        )
        episode = episode.specific
    episode.title, episode.slug, episode.summary = spec["title"][0], spec["slug"][0], spec["summary"][0]
    episode.release_date = spec["release"]
    episode.audio = demo_audio(f"Episode {spec['number']} audio", spec["notes"])
    episode.featured_image = demo_picture(f"Episode {spec['number']} illustration", spec["colours"], (1200, 675), True)
    episode.featured_image_alt = spec["image_alt"][0]
    show_notes = [("paragraph", RichText(f"<p>{spec['notes_text'][0]}</p>"))]
    show_notes += [
        ("chapter", {"minutes": minutes, "seconds": seconds, "title": title[0]})
        for minutes, seconds, title in spec["chapters"]
    ]
    first_module = ModulePage.objects.live().filter(locale=english).order_by("number").first()
    if first_module is not None:
        show_notes.append(("learning_reference", {"page": first_module, "exercise": None, "link_text": ""}))
    show_notes.append(("resource_link", {"title": RESOURCE[0], "url": RESOURCE_URL}))
    episode.show_notes = show_notes
    episode.transcript = [
        ("text", RichText("".join(f"<p>{english_text}</p>" for english_text, _spanish in spec["transcript"])))
    ]
    episode.guest_appearances = [EpisodeGuest(guest=guests[key]) for key in spec["guests"]]
    episode.topic_links = [EpisodeTopic(topic=Topic.objects.get(locale=english, slug=slug)) for slug in spec["topics"]]
    episode.save_revision().publish()
    return episode


def episode_spanish(spec):
    mapping = {spec[field][0]: spec[field][1] for field in ("title", "slug", "summary", "image_alt", "notes_text")}
    mapping.update(dict(spec["transcript"]))
    mapping.update(title for _minutes, _seconds, title in spec["chapters"])
    mapping[RESOURCE[0]] = RESOURCE[1]
    return mapping
