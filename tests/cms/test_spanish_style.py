"""The site's own Spanish against the banned words of docs/spanish-style.md.

Every msgstr of our catalogs (allauth's and Django's strings we reword included), every Spanish
string of the demo content, and the Spanish account pages as a visitor receives them. The coach's
word lists must contain the words it warns about: they are the allowlist. Speech quoted between
«» or “” may use tú (a parent speaking to a son), so quotations are left out of the tú check.
"""

import json
import re
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]

# (pattern, what to write instead): the list in docs/spanish-style.md, in the same order.
BANNED = [
    # Person-first vocabulary
    (r"\b(?:drog)?adict[oa]s?\b", "persona que consume / con un trastorno por consumo de sustancias"),
    (r"\btoxicóman[oa]s?\b", "persona que consume drogas"),
    (r"\byonquis?\b", "persona que consume drogas"),
    (r"\blimpi[oa]s?\b", "sin consumir, en recuperación"),
    (r"\bsuci[oa]s?\b", "consumiendo, resultado positivo"),
    (r"\bsobri[oa]s?\b", "sin beber, sin consumir"),
    (r"\brecaíd[ao]s?\b|\brecaer\b", "volver a consumir"),
    (r"\babuso de (?:sustancias|drogas|alcohol)\b", "consumo de sustancias"),
    (r"\btrastorno por (?:opioides|alcohol|sustancias)\b", "trastorno por consumo de ..."),
    (r"\balcohólic[oa]s?\b", "persona con un trastorno por consumo de alcohol"),
    # US Spanish
    (r"\bintroduzc\w*|\bintrodúzcalo\b", "ingrese"),
    (r"\bpruebe a\b", "intente"),
    (r"\bañad\w*", "agregue"),
    (r"\bestrope\w*", "arruinar"),
    (r"\bse marcha\b", "se va"),
    (r"\bvídeos?\b", "video"),
    (r"\bordenador(?:es)?\b", "computadora"),
    (r"\bmóvil(?:es)?\b", "celular"),
    (r"\brellen\w+", "llenar, completar"),
    (r"\bcog\w*\b|\bcoj[ao]\b", "tomar, agarrar"),
    (r"\bvosotr[oa]s\b", "ustedes"),
    (r"\bcaducad[oa]\b|\bcaduca\b", "vencido, vence"),
    # Gender-neutral wording
    (r"\b\w+/as?\b", "a neutral word (el equipo de moderación, quien revise)"),
    (r"\ba sí mism[oa]\b", "cuidar de usted"),
    (r"\bsea respetuos[oa]\b", "trate a todas las personas con respeto"),
    (r"\besté list[oa]\b", "cuando lo considere oportuno"),
    (r"(?<!la )\bbienvenid[oa]s?\b", "le damos la bienvenida"),
    # One name per thing
    (r"\bblog de conversación\b", "Blog de preguntas y respuestas"),
    (r"\bpolítica de comentarios\b|\breglas de comentarios\b", "normas para comentar"),
    (r"\b(?:como|ejercicio|segmento|módulo) terminad[oa]s?\b|^terminad[oa]\b", "completado"),
    (r"\búnase\b|\bunirse como\b", "hágase miembro"),
    (r"\bdenunci\w+", "reportar"),
    # English left on Spanish pages
    (r"\billustration\b|\bphoto:", "Imagen:"),
    (r"\beditorial team\b|\btranslation team\b", "a Spanish public name"),
    (r"\bcon dr\.", "con la Dra. / el Dr."),
    # Crisis lines: 911 by name; 988 by text is AYUDA, not "press 2"
    (r"número de emergencias de su zona", "911"),
    (r"escriba al 988 y marque 2", "envíe AYUDA por texto al 988"),
]
# tú forms, checked outside quotations only.
# tú forms, checked outside quotations only. Forms that are also usted's or a third person's
# ("inicia", "vuelve", "intenta") cannot tell: the catalogs' translators' notes cover those.
TU_FORMS = (
    r"\b(?:tú|tu|tus|te|ti|contigo|puedes|tienes|quieres|eres|estás|necesitas|sabes|haz|has|ten|"
    r"asegúrate|regístrate|envíame|introdúcelo|vete|hayas|quieras|desees|decides|inicies)\b"
)
QUOTED = re.compile(r"«[^»]*»|“[^”]*”")

# The coach's word lists name the words it suggests replacing, and the advice nudge's phrases the
# advice it recognises ("si yo fuera tú"): they must contain them.
ALLOWED_DEMO_MODELS = {"comments.LanguageSuggestion", "comments.AdvicePhrase"}
# Keys of those objects in the Spanish PO files ("languagesuggestion:addict title"...).
ALLOWED_DEMO_KEYS = tuple(f"{label.split('.')[1].lower()}:" for label in ALLOWED_DEMO_MODELS)
DEMO_DATA = ROOT / "demo" / "data"
SPANISH_WORDS = {"de", "la", "que", "el", "en", "y", "los", "las", "su", "una", "para", "con", "por", "del", "se"}


def is_spanish(text):
    words = set(re.findall(r"[a-záéíóúñü]+", text.lower()))
    return bool(re.search(r"[áéíóúñ¿¡«]", text)) or len(words & SPANISH_WORDS) >= 3


def catalog_strings():
    for path in sorted(ROOT.glob("**/locale/es/LC_MESSAGES/django.po")):
        if ".venv" in path.parts:
            continue
        for entry in polib.pofile(str(path)):
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                if text:
                    yield f"{path.relative_to(ROOT)}: {entry.msgid[:50]!r}", text


def json_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


def demo_strings():
    """Every Spanish string of the demo: the PO files' translations and the data files' Spanish text."""
    for path in sorted((DEMO_DATA / "es").glob("*.po")):
        for entry in polib.pofile(str(path)):
            if not entry.msgctxt.startswith(ALLOWED_DEMO_KEYS) and is_spanish(entry.msgstr):
                yield f"{path.relative_to(ROOT)}: {entry.msgctxt}", entry.msgstr
    for path in sorted(DEMO_DATA.glob("*.json")):
        data = json.loads(path.read_text())
        for name, value in data.items():
            items = value if name == "objects" else [value]
            for item in items:
                if name == "objects" and item["model"] in ALLOWED_DEMO_MODELS:
                    continue
                where = f"{path.relative_to(ROOT)}: {item['key'] if name == 'objects' else name}"
                yield from ((where, text) for text in json_strings(item) if is_spanish(text))


def problems(text):
    found = [
        f"{match.group(0)!r} (write: {instead})"
        for pattern, instead in BANNED
        for match in re.finditer(pattern, text, re.IGNORECASE)
    ]
    unquoted = QUOTED.sub("", text)
    found += [f"{match.group(0)!r} (tú: use usted)" for match in re.finditer(TU_FORMS, unquoted, re.IGNORECASE)]
    return found


def report(strings):
    return [f"{where}: {problem} in {text[:90]!r}" for where, text in strings for problem in problems(text)]


def test_the_banned_words_are_found_where_they_were():
    """The check itself: each kind of problem the issue found is caught (and quoted speech is not)."""
    assert problems("Sea respetuoso: diga una persona que consume sustancias, no un adicto.")
    assert problems("Introduzca su dirección de correo electrónico.")
    assert problems("Si no ves el correo en tu bandeja de entrada, comprueba tu carpeta.")
    assert problems("Esperando a un/a moderador/a.")
    assert problems("Llame o escriba al 988 y marque 2 para español.")
    assert problems("Foto: Illustration: CRAFT Family Support demo")
    assert not problems("Ahora pregunto «¿quieres que te ayude o que te escuche?».")
    assert not problems("Llame al 988 y marque 2 para español, o envíe AYUDA por texto al 988.")


def test_our_catalogs_follow_the_spanish_style_note():
    assert report(catalog_strings()) == []


def test_the_demo_content_follows_the_spanish_style_note():
    strings = list(demo_strings())
    assert len(strings) > 150, "the demo's Spanish is read"
    assert report(strings) == []


def test_the_coachs_word_lists_are_the_only_allowed_exception():
    translated = {
        entry.msgstr
        for entry in polib.pofile(str(DEMO_DATA / "es" / "comments.po"))
        if entry.msgctxt.startswith("languagesuggestion:") and entry.msgctxt.endswith(" term")
    }
    spanish_only = {
        item["fields"]["term"]
        for item in json.loads((DEMO_DATA / "comments.json").read_text())["objects"]
        if item["model"] == "comments.LanguageSuggestion" and item.get("locale") == "es"
    }
    spanish_terms = translated | spanish_only
    assert {"adicto", "drogadicto", "limpio", "sucio", "recaída"} <= spanish_terms


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name",
    [
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_reset_password_done",
        "account_email_verification_sent",
    ],
)
def test_the_spanish_account_pages_speak_usted(client, url_name):
    from django.urls import reverse

    with translation.override("es"):
        url = reverse(url_name)
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    main = soup.find("main") or soup
    text = " ".join(main.get_text(" ").split())
    assert report([(url, text)]) == []


@pytest.mark.django_db
def test_the_password_reset_page_says_ingrese_in_spanish(client):
    from django.urls import reverse

    with translation.override("es"):
        html = client.get(reverse("account_reset_password")).content.decode()
    assert "¿Olvidó su contraseña? Ingrese su dirección de correo electrónico" in html
