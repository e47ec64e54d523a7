"""Demo groups, logins and site-wide snippets (crisis resources, footer) in both languages."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import Locale

from .models import CrisisResource, SiteFooter
from .translation import translate_into_spanish

GROUPS = {
    "Editors": [],  # created by Wagtail with its page and image permissions
    "Translators": [],  # permissions: translation_workflow.groups (per page, Spanish tree only)
    "Members": [],
}

DEMO_USERS = [
    # username, group, superuser
    ("admin", None, True),
    ("editor", "Editors", False),
    ("translator", "Translators", False),
    ("member", "Members", False),
]

CRISIS_RESOURCES = [
    (
        "988 Suicide & Crisis Lifeline",
        "Call or text 988, any hour",
        "https://988lifeline.org/",
        {
            "988 Suicide & Crisis Lifeline": "Línea 988 de Prevención del Suicidio y Crisis",
            "Call or text 988, any hour": "Llame o escriba al 988 y marque 2 para español, a cualquier hora",
            "https://988lifeline.org/": "https://988lifeline.org/es/",
        },
    ),
    (
        "SAMHSA National Helpline",
        "1-800-662-4357, free and confidential",
        "https://www.samhsa.gov/find-help/helplines/national-helpline",
        {
            "SAMHSA National Helpline": "Línea Nacional de Ayuda de SAMHSA",
            "1-800-662-4357, free and confidential": "1-800-662-4357, gratis y confidencial, también en español",
            "https://www.samhsa.gov/find-help/helplines/national-helpline": (
                "https://www.samhsa.gov/find-help/helplines/national-helpline"
            ),
        },
    ),
    (
        "Emergency services",
        "Call 911 if someone is in immediate danger",
        "",
        {
            "Emergency services": "Servicios de emergencia",
            "Call 911 if someone is in immediate danger": "Llame al 911 si alguien corre peligro inmediato",
        },
    ),
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
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for codename in codenames:
            app_label, code = codename.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=code))

    User = get_user_model()
    for username, group_name, is_superuser in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.org"})
        user.is_superuser = user.is_staff = is_superuser
        user.set_password(command.demo_password)
        user.save()
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))

    english = Locale.get_default()
    for order, (name, contact, url, spanish) in enumerate(CRISIS_RESOURCES):
        resource, _ = CrisisResource.objects.update_or_create(
            locale=english, name=name, defaults={"contact": contact, "url": url, "sort_order": order}
        )
        translate_into_spanish(resource, spanish)

    footer = SiteFooter.objects.filter(locale=english).first() or SiteFooter(locale=english)
    footer.text = FOOTER_EN
    footer.save()
    first_paragraph = FOOTER_EN.removeprefix("<p>").removesuffix("</p>")
    translate_into_spanish(footer, {first_paragraph: FOOTER_ES})
