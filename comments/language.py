"""Finding words from an editable list in members' text: the language coach and the safety net.

Matching is by whole words, ignoring capitals and accents ("Adicción" finds "adiccion" and the
other way round), so "addict" is found in "an addict," but never inside "addiction".
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from cms.page_cache import cached_with_pages


def _fold(text):
    """Lower-case, accent-free text, and for each of its characters the index it came from."""
    folded = []
    origins = []
    for position, character in enumerate(text):
        decomposed = unicodedata.normalize("NFD", character)
        for piece in decomposed:
            if unicodedata.combining(piece):
                continue
            for lower in piece.casefold():
                folded.append(lower)
                origins.append(position)
    return "".join(folded), origins


@lru_cache(maxsize=512)
def _pattern(term):
    words = _fold(term.strip())[0].split()
    if not words:
        return None
    body = r"\s+".join(re.escape(word) for word in words)
    # Letters on either side mean the term is part of a longer word; an -s/-es plural still counts.
    return re.compile(rf"(?<!\w){body}(?:e?s)?(?!\w)")


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    found: str
    term: object


def find_terms(text, terms, key=lambda term: term):
    """Every occurrence of `terms` in `text`, in reading order; `key` gives each term's words."""
    folded, origins = _fold(text or "")
    matches = []
    for term in terms:
        pattern = _pattern(key(term))
        if pattern is None:
            continue
        for found in pattern.finditer(folded):
            start, end = origins[found.start()], origins[found.end() - 1] + 1
            matches.append(Match(start, end, text[start:end], term))
    matches.sort(key=lambda match: (match.start, -match.end))
    return matches


def entries_found(text, entries):
    """Each entry of a moderation word list found in `text`, once, as it was written: [{found, entry}]."""
    seen = {}
    for match in find_terms(text, entries, key=lambda entry: getattr(entry, entry.words_field)):
        seen.setdefault(match.term.pk, {"found": match.found, "entry": match.term})
    return list(seen.values())


def suggestions_for(text, locale):
    """The language coach: each distinct stigmatising term in `text` once, with its suggestion."""
    from .models import LanguageSuggestion

    return entries_found(text, LanguageSuggestion.objects.filter(locale=locale, live=True))


def mentions_self_harm(text):
    """The safety net: True when `text` contains any safety term of any language."""
    from .models import SafetyTerm

    # Drafts too: a term waiting for review only holds more comments for a person to read, and
    # the safety net should not wait for a reviewer to widen. A snippet: any change to the list
    # moves the page cache's generation on, and with it this copy.
    terms = cached_with_pages("safety-terms", "all", lambda: list(SafetyTerm.objects.all()))
    return bool(find_terms(text, terms, key=lambda safety: safety.term))
