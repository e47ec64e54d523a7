"""Translating content into Spanish through wagtail-localize, for code (demo content, tests).

Editors translate in the admin; this is the same machinery driven from Python: a translation
source is made from the English object, each of its strings gets a Spanish translation, and
wagtail-localize writes (and, for pages, publishes) the Spanish object.
"""

import html
import warnings

from bs4 import MarkupResemblesLocatorWarning
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue


def quiet_links_read_as_text():
    """Stop BeautifulSoup warning that a link field's value "looks like a URL", where it is one on purpose.

    wagtail-localize passes every plain-text string it extracts through BeautifulSoup to normalise it
    (`StringValue.from_plaintext`). Link fields such as a crisis resource's are translatable on purpose
    (the Spanish service has its own address), so their strings are whole URLs and BeautifulSoup warns
    that the "markup" resembles a locator: twelve warnings while loading the demo, none of them a fault.
    Only warnings raised from that one module are ignored; our own and other code's still show.
    """
    warnings.filterwarnings("ignore", category=MarkupResemblesLocatorWarning, module=r"wagtail_localize\.strings")


class MissingSpanishError(KeyError):
    """A string of the English object has no Spanish in the mapping given."""


def spanish_locale():
    return Locale.objects.get(language_code="es")


def translate_into_spanish(instance, spanish, user=None, publish=True):
    """Translate `instance` (a page or snippet) with `spanish`, a mapping of English → Spanish text.

    Every translatable string of the instance must be in the mapping, so demo content and test
    fixtures can never publish a half-English page. Returns the Spanish object.
    """
    locale = spanish_locale()
    source, _ = TranslationSource.update_or_create_from_instance(instance)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        english = segment.string.data
        if english in spanish:
            text = spanish[english]
        elif html.unescape(english) in spanish:
            # Plain-text fields are stored as escaped HTML: escape their Spanish the same way.
            text = StringValue.from_plaintext(spanish[html.unescape(english)]).data
        else:
            raise MissingSpanishError(f"No Spanish given for {english!r} ({segment.context.path})")
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
            },
        )
    translation.save_target(user=user, publish=publish)
    return instance.get_translation(locale)
