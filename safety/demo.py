"""Demo content: the staff's safety plan steps in both languages, and a plan for the `member` login."""

from django.contrib.auth import get_user_model
from wagtail.models import Locale

from cms.models import CrisisResource
from cms.translation import translate_into_spanish

from .models import SafetyPlan, SafetyPlanTemplate

INTRO = (
    "What to do if you think someone has overdosed or is in crisis. Stay calm: you can do this.",
    "Qué hacer si cree que alguien tiene una sobredosis o está en crisis. Mantenga la calma: usted puede hacerlo.",
)
# English, Spanish, and the crisis line (by its number to call) the step links to.
STEPS = [
    (
        "Check whether the person is breathing and answers to their name or to a firm rub on the breastbone.",
        "Revise si la persona respira y si responde cuando dice su nombre o le frota el esternón con firmeza.",
        "",
    ),
    (
        "Call 911. Say that someone is not breathing or will not wake up, and give the address.",
        "Llame al 911. Diga que alguien no respira o no despierta, y dé la dirección. Puede pedir un "
        "intérprete de español.",
        "911",
    ),
    (
        "Give naloxone: one spray in one nostril. If there is no response after 2 to 3 minutes, give a "
        "second dose in the other nostril.",
        "Administre la naloxona: una dosis de aerosol en una fosa nasal. Si no hay respuesta después de "
        "2 a 3 minutos, administre una segunda dosis en la otra fosa nasal.",
        "",
    ),
    (
        "Put the person in the recovery position: on their side, top knee bent, head tilted back so they do not choke.",
        "Coloque a la persona en posición de recuperación: de lado, con la rodilla de arriba doblada y la "
        "cabeza inclinada hacia atrás para que no se ahogue.",
        "",
    ),
    (
        "Stay with the person until help arrives. Naloxone wears off, and the overdose can come back.",
        "Quédese con la persona hasta que llegue la ayuda. El efecto de la naloxona pasa y la sobredosis puede volver.",
        "",
    ),
    (
        "In a mental health or suicide crisis, call or text 988.",
        "En una crisis de salud mental o de suicidio, llame al 988 y marque 2 para español, o envíe AYUDA "
        "por texto al 988.",
        "988",
    ),
]

MEMBER_PLAN = {
    "naloxone_location": "Kitchen drawer next to the fridge; a second kit in the car's glove box.",
    "contacts": [{"name": "Ana (my sister)", "phone": "(555) 010-0199"}],
    "services": [{"name": "County crisis team", "phone": "555-010-0142"}],
    "notes": "Spare key with the neighbour at number 12.",
}


def load(command):
    english = Locale.get_default()
    lines = {line.phone: line for line in CrisisResource.objects.filter(locale=english, phone__in=["911", "988"])}
    template = SafetyPlanTemplate.objects.filter(locale=english).first() or SafetyPlanTemplate(locale=english)
    template.intro = INTRO[0]
    template.steps = [("step", {"text": text, "crisis_line": lines.get(number)}) for text, _spanish, number in STEPS]
    template.save()
    translate_into_spanish(template, {INTRO[0]: INTRO[1], **{text: spanish for text, spanish, _number in STEPS}})

    member = get_user_model().objects.filter(username="member").first()
    if member is not None:
        SafetyPlan.objects.get_or_create(member=member, defaults=MEMBER_PLAN)
