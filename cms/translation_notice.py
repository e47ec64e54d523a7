"""The note Spanish readers see when their page is behind its English source.

A translation that is older than its English page (or a module whose segments are not all
translated yet) says so at the top, calmly, with a link to the English version. Editors turn the
note off per page for changes readers need not hear about (a typo fixed in English), on the
English page or on its translation.
"""

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from .locales import default_locale


class TranslationNoticeMixin(models.Model):
    """For every page type readers see: the per-page switch of the note."""

    show_translation_notice = models.BooleanField(
        _("tell readers when the translation is behind"),
        default=True,
        help_text=_(
            "On a translation, a short note at the top says when the English page changed after it "
            "was translated, or when some of its parts are not translated yet, and links to the English page. "
            "Turn it off when the change does not matter to readers."
        ),
    )

    translation_notice_panels = [FieldPanel("show_translation_notice")]
    settings_panels = [*Page.settings_panels, *translation_notice_panels]

    class Meta:
        abstract = True

    def has_untranslated_parts(self, source):
        """Whether parts of `source` (the English page) are missing here; a module says which."""
        return False


def translation_notice(page):
    """What to tell a reader of `page`: None, or a dict with the English page and what is behind."""
    if not isinstance(page, TranslationNoticeMixin) or not page.show_translation_notice:
        return None
    default = default_locale()
    if page.locale_id == default.pk:
        return None
    source = type(page).objects.live().filter(translation_key=page.translation_key, locale_id=default.pk).first()
    if source is None or not source.show_translation_notice:
        return None
    updated = bool(
        source.last_published_at and page.last_published_at and source.last_published_at > page.last_published_at
    )
    untranslated = page.has_untranslated_parts(source)
    if not updated and not untranslated:
        return None
    return {
        "source": source,
        "updated_on": date_format(timezone.localtime(source.last_published_at), "DATE_FORMAT") if updated else "",
        "untranslated": untranslated,
    }
