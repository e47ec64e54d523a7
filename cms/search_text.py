"""Words as search compares them, in Python: folded, tokenised, stemmed, for English and Spanish.

PostgreSQL analyses pages with its own text-search configurations (`craft_en`, `craft_es`:
unaccent, then the Snowball stemmer of the language; cms migration 0007). This module is the
smaller twin used where PostgreSQL is not: on SQLite (`make run`) pages are indexed and queries
are matched with these stems, and on both databases synonyms are recognised in a query with them.
The rules are deliberately few (plurals, gender endings, -ing/-ed): what families type, not a
linguist's stemmer; README "Search" says where the two differ.
"""

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+")

# Words a query may hold that say nothing of what is sought (PostgreSQL has its own lists).
_ENGLISH_STOPWORDS = (
    "a an and are as at be but by can do does did for from had has have how i if in into is it its me my "
    "no not of on or our she he so that the their them then there these they this to was we what when "
    "where which who why will with you your am been being about"
)
_SPANISH_STOPWORDS = (
    "a al algo como con cual cuando de del desde donde el ella ellas ellos en entre era es esa ese eso "
    "esta estan este esto hay la las le les lo los mas me mi mis muy no nos o para pero por que se si "
    "sin sobre su sus te tu un una unos unas y ya yo usted ustedes soy ser"
)
STOPWORDS = {"en": frozenset(_ENGLISH_STOPWORDS.split()), "es": frozenset(_SPANISH_STOPWORDS.split())}


def fold(text):
    """Lower case without accents: "Recaídas" -> "recaidas" (ñ too becomes n, as unaccent does)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text):
    """The folded words of `text`, in order."""
    return _WORD.findall(fold(text))


def language_of(code):
    return (code or "en").split("-")[0].lower()


def stem(word, language):
    """A folded word's stem: plurals and (in Spanish) gender endings removed.

    English: treatments/treatment, families/family, relapsed/relapsing/relapse.
    Spanish: tratamientos/tratamiento, hijos/hijas/hijo, recaídas/recaida, padres/padre,
    premiar/premios.
    """
    if language == "es":
        if len(word) > 4 and word.endswith("ces"):
            word = word[:-3] + "z"
        elif len(word) > 4 and word.endswith("es") and word[-3] not in "aeiou":
            word = word[:-2]
        elif len(word) > 3 and word.endswith("s"):
            word = word[:-1]
        if len(word) > 5 and word.endswith(("ar", "er", "ir")):
            word = word[:-2]  # an infinitive: premiar/premios, consumir/consume
        elif len(word) > 3 and word[-1] in "aoe":
            word = word[:-1]
        return word
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 5 and word.endswith("ed"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def stems(text, language):
    """The stems of `text`'s words other than the language's stopwords, in order."""
    stop = STOPWORDS.get(language, set())
    return [stem(word, language) for word in words(text) if word not in stop]


def terms(text, language):
    """Stems as stored for SQLite: space-separated with a space at each end, so that a whole-word
    (or whole-phrase) match is a plain `contains(" stem ")`."""
    found = stems(text, language)
    return f" {' '.join(found)} " if found else ""
