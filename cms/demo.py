"""Demo groups, logins and site-wide snippets (crisis resources, footer) in both languages."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Locale

from .models import CrisisResource, SiteFooter
from .translation import translate_into_spanish

# The groups and their permissions come from cms.roles (applied at every migrate).
DEMO_USERS = [
    # username, group, superuser
    ("admin", None, True),
    ("editor", "Editors", False),
    ("translator", "Translators", False),
    ("member", "Members", False),
]

# Safety content: every number and instruction here is checked by tests/cms/test_crisis_lines.py.
# Each line: English name, how to reach it, link, number to call, number to text, and the Spanish
# (text, plus the word to text where the Spanish service answers to one).
CRISIS_RESOURCES = [
    {
        "name": "988 Suicide & Crisis Lifeline",
        "contact": "Call or text 988, or chat at 988lifeline.org, any hour. En español: press 2, or text AYUDA.",
        "url": "https://988lifeline.org/",
        "phone": "988",
        "text_number": "988",
        "spanish": {
            "988 Suicide & Crisis Lifeline": "Línea 988 de Prevención del Suicidio y Crisis",
            "Call or text 988, or chat at 988lifeline.org, any hour. En español: press 2, or text AYUDA.": (
                "Llame al 988 y marque 2 para español, o envíe AYUDA por texto al 988. "
                "Chat en 988lineadevida.org. A toda hora."
            ),
            "https://988lifeline.org/": "https://988lineadevida.org/",
        },
        # Texting the word AYUDA reaches a Spanish-speaking counselor; pressing 2 works only on a call.
        "spanish_text_keyword": "AYUDA",
    },
    {
        "name": "SAMHSA National Helpline",
        "contact": "1-800-662-4357, free and confidential, any hour, in English and Spanish",
        "url": "https://www.samhsa.gov/find-help/helplines/national-helpline",
        "phone": "18006624357",
        "text_number": "",
        "spanish": {
            "SAMHSA National Helpline": "Línea Nacional de Ayuda de SAMHSA",
            "1-800-662-4357, free and confidential, any hour, in English and Spanish": (
                "1-800-662-4357, gratis y confidencial, a toda hora: pida atención en español"
            ),
            # SAMHSA's page is in English; the contact line tells Spanish readers what to ask for.
            "https://www.samhsa.gov/find-help/helplines/national-helpline": (
                "https://www.samhsa.gov/find-help/helplines/national-helpline"
            ),
        },
        "spanish_text_keyword": "",
    },
    {
        "name": "Emergency services",
        "contact": "Call 911 if someone is in immediate danger",
        "url": "",
        "phone": "911",
        "text_number": "",
        "spanish": {
            "Emergency services": "Servicios de emergencia",
            "Call 911 if someone is in immediate danger": (
                "Llame al 911 si alguien corre peligro inmediato; puede pedir un intérprete de español"
            ),
        },
        "spanish_text_keyword": "",
    },
]

FOOTER_EN = (
    "<p>CRAFT Family Support is a learning community for the families and partners of people who "
    "use substances. It does not replace care from a professional.</p>"
)
FOOTER_ES = (
    "CRAFT Apoyo Familiar es una comunidad de aprendizaje para las familias y parejas de personas "
    "que consumen sustancias. No sustituye la atención de un profesional."
)


def load(command):
    User = get_user_model()
    for username, group_name, is_superuser in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.org"})
        user.is_superuser = user.is_staff = is_superuser
        user.set_password(command.demo_password)
        user.save()
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))

    english = Locale.get_default()
    for order, line in enumerate(CRISIS_RESOURCES):
        resource, _ = CrisisResource.objects.update_or_create(
            locale=english,
            name=line["name"],
            defaults={
                "contact": line["contact"],
                "url": line["url"],
                "phone": line["phone"],
                "text_number": line["text_number"],
                "text_keyword": "",
                "sort_order": order,
            },
        )
        spanish_resource = translate_into_spanish(resource, line["spanish"])
        spanish_resource.text_keyword = line["spanish_text_keyword"]
        # wagtail-localize publishes the translation when the transaction commits: the keyword goes
        # in a revision published after that one, or the publication would put the row back.
        transaction.on_commit(spanish_resource.save_revision().publish)

    footer = SiteFooter.objects.filter(locale=english).first() or SiteFooter(locale=english)
    footer.text = FOOTER_EN
    footer.save()
    first_paragraph = FOOTER_EN.removeprefix("<p>").removesuffix("</p>")
    translate_into_spanish(footer, {first_paragraph: FOOTER_ES})
    load_role_logins(command)


# One login for each role of cms.roles that the logins above do not cover (`reviewer`, the Spanish
# reviewer, is made by translation_workflow/demo.py), so every journey works without `admin`.
ROLE_LOGINS = [
    ("clinician", "Clinical reviewers"),
    ("moderator", "Moderators"),
]


def load_role_logins(command):
    User = get_user_model()
    for username, group_name in ROLE_LOGINS:
        user, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.org"})
        user.is_superuser = user.is_staff = False
        user.set_password(command.demo_password)
        user.save()
        user.groups.add(Group.objects.get(name=group_name))
