"""Sharing safely: the "share, don't advise" nudge and the identifying-details hint of the preview.

Both only look at the text in the request being answered. What they find is shown to the member
and forgotten: it is never logged, counted or saved (only the nudge's daily counts are kept).
"""

import re
from dataclasses import dataclass

from django.core.signing import BadSignature, Signer
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .language import entries_found, find_terms

# ---- "Share, don't advise" -------------------------------------------------------------------

NUDGE_SIGNER = Signer(salt="comments.sharing.nudged")


def advice_in(text, locale):
    """Each advice phrase of `locale` found in `text` once, with the way to share instead."""
    from .models import AdvicePhrase

    return entries_found(text, AdvicePhrase.objects.filter(locale=locale, live=True))


def text_digest(text):
    """A keyed digest of the text the nudge was shown for, signed and carried by the form (never
    stored), so that posting can tell whether the member changed their words."""
    return NUDGE_SIGNER.sign(salted_hmac("comments.sharing.nudge", text).hexdigest())


def nudge_followed(text, nudged):
    """True when a nudge was shown (a value only we could have signed) for a text other than `text`."""
    if not nudged:
        return False
    try:
        digest = NUDGE_SIGNER.unsign(nudged)
    except BadSignature:
        return False
    return not constant_time_compare(digest, salted_hmac("comments.sharing.nudge", text).hexdigest())


def count_nudge(language_code, *, shown=0, followed=0):
    from .models import AdviceNudgeCount

    day = timezone.localdate()
    with transaction.atomic():
        AdviceNudgeCount.objects.get_or_create(day=day, language_code=language_code)
        AdviceNudgeCount.objects.filter(day=day, language_code=language_code).update(
            shown=F("shown") + shown, followed=F("followed") + followed
        )


# ---- Identifying details ---------------------------------------------------------------------


class Kind:
    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"
    NAME = "name"
    PLACE = "place"
    SOCIAL = "social"
    LABELS = {
        PHONE: _("a phone number"),
        EMAIL: _("an email address"),
        ADDRESS: _("a street address"),
        NAME: _("what looks like a full name"),
        PLACE: _("a school, workplace or town"),
        SOCIAL: _("a link to a social media profile"),
    }


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    kind: str

    @property
    def label(self):
        return Kind.LABELS[self.kind]


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Seven to fifteen digits, possibly with +, spaces, dots, dashes or brackets between them.
PHONE = re.compile(r"(?<![\w/])\+?\(?\d[\d\s().-]{5,}\d(?![\w/])")
SOCIAL = re.compile(
    r"(?<![\w.])(?:https?://)?(?:www\.|m\.)?"
    r"(?:facebook\.com|fb\.com|fb\.me|instagram\.com|instagr\.am|tiktok\.com|twitter\.com|x\.com|"
    r"linkedin\.com|snapchat\.com|threads\.net|youtube\.com|t\.me|wa\.me)/[^\s<>\"']+",
    re.IGNORECASE,
)
STREET_WORDS_EN = (
    r"street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|circle|cir|"
    r"highway|hwy|terrace|parkway|pkwy"
)
STREET_WORDS_ES = r"calle|c/|avenida|avda|av|carrera|camino|paseo|plaza|colonia|calzada|callejón|pasaje|carretera"
# "1234 Elm Street", "12 N. Main st."
ADDRESS_EN = re.compile(
    rf"(?<!\w)\d{{1,6}}\s+(?:[NSEW]\.?\s+)?(?:[A-Z][\w'-]*\s+){{1,3}}(?i:{STREET_WORDS_EN})(?!\w)\.?"
)
# "Calle del Olmo 12", "avenida Juárez #45": the street's name starts with a capital, so "salir a la
# calle y 3 veces" is no address.
SMALL_WORDS_ES = r"(?:de|del|la|las|los|el|y)\s+"
ADDRESS_ES = re.compile(
    rf"(?<!\w)(?i:{STREET_WORDS_ES})\.?\s+(?:{SMALL_WORDS_ES})*[A-ZÁÉÍÓÚÑ0-9][\w'-]*"
    rf"(?:\s+(?:{SMALL_WORDS_ES})*[A-ZÁÉÍÓÚÑ][\w'-]*){{0,3}},?\s+(?i:#|no\.|núm\.?|número\s)?\s*\d{{1,6}}(?!\w)"
)
CAPITALISED = re.compile(r"[A-ZÁÉÍÓÚÑÜ][a-záéíóúñü'-]+")
SENTENCE_END = re.compile(r"(?:^|[.!?¿¡:;\n\"“«(]\s*)$")
# Capitalised words that name no one: days, months, languages, God, the programmes families meet.
KNOWN_TERMS = frozenset(
    [
        *("i'm", "i've", "i'd", "god", "dios", "señor", "lord", "jesus", "cristo"),
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
        *("january", "february", "march", "april", "may", "june", "july", "august"),
        *("september", "october", "november", "december"),
        *("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto"),
        *("septiembre", "octubre", "noviembre", "diciembre"),
        *("christmas", "easter", "thanksgiving", "navidad", "pascua", "english", "spanish", "inglés", "español"),
        *("craft", "al-anon", "nar-anon", "alcoholics", "narcotics", "anonymous", "anónimos", "alcohólicos"),
        *("narcóticos", "smart", "recovery", "naloxone", "narcan", "naloxona", "suboxone", "methadone", "metadona"),
    ]
)


def _phone(match):
    digits = sum(character.isdigit() for character in match.group())
    return 7 <= digits <= 15


def _names(text):
    """Runs of two or more capitalised words; a sentence's first word is only a name when two more follow."""
    words = list(CAPITALISED.finditer(text))
    runs, run = [], []
    for word in words:
        if run and text[run[-1].end() : word.start()] in (" ", "\u00a0"):
            run.append(word)
        else:
            runs.append(run)
            run = [word]
    runs.append(run)
    for run in runs:
        if run and SENTENCE_END.search(text[: run[0].start()]):
            run = run[1:]
        run = [word for word in run if word.group().lower() not in KNOWN_TERMS]
        if len(run) >= 2 and all(
            text[first.end() : second.start()] in (" ", "\u00a0") for first, second in zip(run, run[1:], strict=False)
        ):
            yield run[0].start(), run[-1].end()


def identifying_details(text):
    """What in `text` could identify the member or their loved one, in reading order, without overlaps."""
    from .models import IdentifyingPlace

    text = text or ""
    found = []
    found += [Finding(m.start(), m.end(), Kind.SOCIAL) for m in SOCIAL.finditer(text)]
    found += [Finding(m.start(), m.end(), Kind.EMAIL) for m in EMAIL.finditer(text)]
    found += [Finding(m.start(), m.end(), Kind.ADDRESS) for m in ADDRESS_EN.finditer(text)]
    found += [Finding(m.start(), m.end(), Kind.ADDRESS) for m in ADDRESS_ES.finditer(text)]
    found += [Finding(m.start(), m.end(), Kind.PHONE) for m in PHONE.finditer(text) if _phone(m)]
    found += [
        Finding(match.start, match.end, Kind.PLACE)
        for match in find_terms(text, IdentifyingPlace.objects.all(), key=lambda place: place.name)
    ]
    found += [Finding(start, end, Kind.NAME) for start, end in _names(text)]
    # Earlier kinds win an overlap: a profile link is not also a name, an address not also a phone.
    kept = []
    for finding in found:
        if not any(finding.start < other.end and other.start < finding.end for other in kept):
            kept.append(finding)
    return sorted(kept, key=lambda finding: finding.start)


def marked(text, findings):
    """`text` as HTML with each finding in a <mark>, line breaks kept; everything else escaped."""
    parts, position = [], 0
    for finding in findings:
        parts.append(escape(text[position : finding.start]))
        parts.append(
            f'<mark class="identifying-hint__mark" data-kind="{finding.kind}">'
            f"{escape(text[finding.start : finding.end])}</mark>"
        )
        position = finding.end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts).replace("\n", "<br>"))  # noqa: S308 (every piece of text is escaped above)


def hint_items(text, findings):
    """[(found text, why)] for the preview's list, each distinct text once."""
    items = {}
    for finding in findings:
        items.setdefault(text[finding.start : finding.end], finding.label)
    return list(items.items())
