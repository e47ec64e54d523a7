"""The active and default `Locale`, looked up once per process instead of once per call.

Wagtail's `Locale.get_active()` queries the database each time, and a page asked for it about
five times (footer, crisis resources, rich-text links, references, search). Locale rows change
almost never, so each language's row is kept here after its first lookup and forgotten whenever
any Locale is saved or deleted (`connect_signals`, from `CmsConfig.ready`). Only rows that were
found are kept: a language without a Locale is looked up again next time.
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import DraftStateMixin, Locale

_by_language = {}


def _for_language(language_code):
    code = get_supported_content_language_variant(language_code)
    locale = _by_language.get(code)
    if locale is None:
        locale = Locale.objects.get(language_code=code)
        _by_language[code] = locale
    return locale


def default_locale():
    """`Locale.get_default()`, memoised."""
    return _for_language(settings.LANGUAGE_CODE)


def active_locale():
    """`Locale.get_active()`, memoised: the locale of the active language, else the default one."""
    try:
        return _for_language(translation.get_language())
    except (Locale.DoesNotExist, LookupError):
        return default_locale()


def localized(instance):
    """`instance.localized` without Wagtail's own locale query: its live translation in the active
    language, or `instance` itself when there is none (or it is a draft)."""
    try:
        locale = active_locale()
    except (Locale.DoesNotExist, LookupError):
        return instance
    if locale.pk == instance.locale_id:
        return instance
    other = instance.get_translation_or_none(locale)
    if other is None or (isinstance(other, DraftStateMixin) and not other.live):
        return instance
    return other


def forget(**kwargs):
    """Drop every memoised row; a signal receiver, and callable directly (tests)."""
    _by_language.clear()


def connect_signals():
    post_save.connect(forget, sender=Locale, dispatch_uid="cms.locales.post_save")
    post_delete.connect(forget, sender=Locale, dispatch_uid="cms.locales.post_delete")
    # Wagtail's own routing, `Page.localized` and its blocks ask `Locale.get_active()` several
    # times a page (four queries on the home page): they get the memoised rows too.
    Locale.get_active = classmethod(lambda cls: active_locale())
    Locale.get_default = classmethod(lambda cls: default_locale())
