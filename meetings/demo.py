"""Demo support meetings: five groups, in English and Spanish, kept in Chicago's and Madrid's time."""

import datetime

from django.db import transaction
from django.utils import timezone

from cms.translation import translate_into_spanish
from home.demo import english_home

from .models import MeetingCancellation, MeetingIndexPage, MeetingPage

INDEX = {
    "title": ("Support meetings", "Reuniones de apoyo"),
    "slug": ("meetings", "reuniones"),
    "intro": (
        "Meet other families and partners online. Each group has a trained facilitator; you can "
        "listen without speaking, and you only need your pseudonym.",
        "Conozca a otras familias y parejas en línea. Cada grupo tiene una persona facilitadora "
        "capacitada; puede escuchar sin hablar y solo necesita su seudónimo.",
    ),
}

# first_date sets the weekday; "cancel" names which coming date (0 = the next) is called off.
MEETINGS = [
    {
        "slug": ("tuesday-evening-family-group", "grupo-familiar-martes-noche"),
        "title": ("Tuesday evening family group", "Grupo familiar de los martes por la noche"),
        "description": (
            "An open group for anyone whose loved one uses substances. We practise one CRAFT skill each week.",
            "Un grupo abierto para cualquier persona cuyo ser querido consume sustancias. Cada semana "
            "practicamos una habilidad de CRAFT.",
        ),
        "capacity_note": ("Up to 12 families; no need to book.", "Hasta 12 familias; no hace falta reservar."),
        "language": "en",
        "first_date": datetime.date(2026, 1, 6),
        "start_time": datetime.time(19, 0),
        "time_zone": "America/Chicago",
        "duration": 90,
        "interval": 1,
        "facilitator": "Dana R.",
        "link": "https://meet.example.org/craft-tuesday-evening",
        "cancel": (1, ("Our facilitator is away.", "La persona facilitadora no está disponible.")),
    },
    {
        "slug": ("thursday-lunchtime-check-in", "encuentro-jueves-mediodia"),
        "title": ("Thursday lunchtime check-in", "Encuentro de los jueves al mediodía"),
        "description": (
            "A short check-in for parents of a teenage or adult child: what went well this week, and one plan.",
            "Un encuentro breve para madres y padres de un hijo adolescente o adulto: qué salió bien "
            "esta semana y un plan.",
        ),
        "capacity_note": ("Up to 10 people.", "Hasta 10 personas."),
        "language": "en",
        "first_date": datetime.date(2026, 1, 8),
        "start_time": datetime.time(12, 0),
        "time_zone": "America/Chicago",
        "duration": 45,
        "interval": 1,
        "facilitator": "Marcus T.",
        "link": "https://meet.example.org/craft-thursday-lunch",
    },
    {
        "slug": ("saturday-partners-circle", "circulo-parejas-sabado"),
        "title": ("Saturday partners' circle", "Círculo de parejas de los sábados"),
        "description": (
            "For partners and spouses, meeting from Europe and the Americas every other Saturday morning.",
            "Para parejas y cónyuges, desde Europa y las Américas, un sábado por la mañana sí y otro no.",
        ),
        "capacity_note": ("Up to 8 people.", "Hasta 8 personas."),
        "language": "en",
        "first_date": datetime.date(2026, 1, 10),
        "start_time": datetime.time(10, 0),
        "time_zone": "Europe/Madrid",
        "duration": 60,
        "interval": 2,
        "facilitator": "Helen W.",
        "link": "https://meet.example.org/craft-saturday-partners",
    },
    {
        "slug": ("spanish-wednesday-family-group", "grupo-familias-miercoles"),
        "title": ("Wednesday family group in Spanish", "Grupo de familias de los miércoles"),
        "description": (
            "A Spanish-speaking group for families: we share what has worked and practise positive communication.",
            "Un grupo en español para familias: compartimos lo que nos ha funcionado y practicamos la "
            "comunicación positiva.",
        ),
        "capacity_note": ("Up to 12 families.", "Hasta 12 familias."),
        "language": "es",
        "first_date": datetime.date(2026, 1, 7),
        "start_time": datetime.time(19, 30),
        "time_zone": "America/Chicago",
        "duration": 75,
        "interval": 1,
        "facilitator": "Rosa M.",
        "link": "https://meet.example.org/craft-miercoles",
    },
    {
        "slug": ("spanish-monday-parents-circle", "circulo-madres-padres-lunes"),
        "title": ("Monday parents' circle in Spanish", "Círculo de madres y padres de los lunes"),
        "description": (
            "A Spanish-speaking circle for parents, held in Madrid's evening and the Americas' afternoon.",
            "Un círculo en español para madres y padres, por la noche en Madrid y por la tarde en las Américas.",
        ),
        "capacity_note": ("Up to 10 people.", "Hasta 10 personas."),
        "language": "es",
        "first_date": datetime.date(2026, 1, 5),
        "start_time": datetime.time(20, 0),
        "time_zone": "Europe/Madrid",
        "duration": 60,
        "interval": 1,
        "facilitator": "Javier L.",
        "link": "https://meet.example.org/craft-lunes",
        "cancel": (2, ("Public holiday.", "Día festivo.")),
    },
]


def load(command):
    home = english_home()
    if home is None:
        command.stdout.write("No home page: skipping the support meetings.")
        return
    index = MeetingIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=MeetingIndexPage(title=INDEX["title"][0], slug=INDEX["slug"][0]))
    index.title, index.slug, index.intro = INDEX["title"][0], INDEX["slug"][0], INDEX["intro"][0]
    index.show_in_menus = True
    publish_and_translate(index, dict(INDEX.values()))
    for spec in MEETINGS:
        load_meeting(index, spec)
    command.stdout.write(f"  {len(MEETINGS)} support meetings")


def load_meeting(index, spec):
    meeting = MeetingPage.objects.child_of(index).filter(slug=spec["slug"][0]).first() or MeetingPage(
        slug=spec["slug"][0]
    )
    meeting.title = spec["title"][0]
    meeting.description = spec["description"][0]
    meeting.capacity_note = spec["capacity_note"][0]
    meeting.meeting_language = spec["language"]
    meeting.first_date = spec["first_date"]
    meeting.start_time = spec["start_time"]
    meeting.time_zone = spec["time_zone"]
    meeting.duration_minutes = spec["duration"]
    meeting.interval_weeks = spec["interval"]
    meeting.facilitator = spec["facilitator"]
    meeting.joining_link = spec["link"]
    if meeting.pk is None:
        index.add_child(instance=meeting)
    mapping = dict((spec["slug"], spec["title"], spec["description"]))
    mapping[spec["capacity_note"][0]] = spec["capacity_note"][1]
    cancellations = []
    if "cancel" in spec:
        # A date a few weeks ahead of whenever the demo is loaded, so the listing always shows one.
        which, (reason, spanish_reason) = spec["cancel"]
        date = meeting.next_occurrences(count=which + 1, now=timezone.now())[which].date
        cancellations.append(MeetingCancellation(date=date, reason=reason))
        mapping[reason] = spanish_reason
    meeting.cancellations = cancellations
    publish_and_translate(meeting, mapping)


def publish_and_translate(page, mapping):
    page.save_revision().publish()
    with transaction.atomic():
        translate_into_spanish(page, mapping)
