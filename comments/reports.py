"""The language coach for editors: stigmatising terms in published pages, with suggestions."""

from django.utils.html import strip_tags
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from .language import find_terms
from .models import LanguageSuggestion


def page_text(page):
    """Everything a reader sees of a page as plain text: title, text fields, rich text, StreamField strings."""
    parts = [page.title, page.search_description]
    for field in page._meta.get_fields():
        if not getattr(field, "concrete", False) or field.model is Page:
            continue
        value = getattr(page, field.attname, None)
        if isinstance(field, StreamField):
            parts.extend(_strings(value.raw_data if value is not None else []))
        elif isinstance(value, str) and (
            isinstance(field, RichTextField) or field.get_internal_type() in {"CharField", "TextField"}
        ):
            parts.append(value)
    return "\n".join(strip_tags(part) for part in parts if part)


def _strings(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in {"type", "id"}:
                yield from _strings(value)
    elif isinstance(data, list | tuple) or hasattr(data, "__iter__"):
        for item in data:
            yield from _strings(item)


def pages_with_stigmatising_language():
    """[{page, findings: [{found, suggestion}]}] for live pages, each checked against its own language's list."""
    terms_by_locale = {}
    for suggestion in LanguageSuggestion.objects.filter(live=True):
        terms_by_locale.setdefault(suggestion.locale_id, []).append(suggestion)
    results = []
    for page in Page.objects.live().filter(depth__gt=1).specific().select_related("locale").order_by("locale", "path"):
        terms = terms_by_locale.get(page.locale_id)
        if not terms:
            continue
        findings = {}
        for match in find_terms(page_text(page), terms, key=lambda suggestion: suggestion.term):
            entry = findings.setdefault(match.term.pk, {"suggestion": match.term, "found": set()})
            entry["found"].add(match.found)
        if findings:
            results.append({"page": page, "findings": list(findings.values())})
    return results
