"""Privacy fails closed: a translation is never less private than its English source.

wagtail-localize copies view restrictions only when a translation is created or synced, so a page
made members-only in English would stay public in Spanish until someone pressed "sync". These
handlers act on every change instead:

- a restriction added, changed or removed on an English page is mirrored onto its translations
  at once (English is the source of truth for privacy);
- a new translation, a moved English page, or a restriction removed from a translation, is
  checked against the source's effective privacy (its own restriction and its ancestors'), and
  whatever the translation lacks is added to it. Stricter Spanish restrictions are left alone.
"""

import threading
from contextlib import contextmanager

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.signals import post_page_move

_state = threading.local()


@contextmanager
def _mirroring():
    """Our own writes to restrictions must not re-trigger the handlers below."""
    _state.active = True
    try:
        yield
    finally:
        _state.active = False


def _is_mirroring():
    return getattr(_state, "active", False)


def _signature(restriction):
    return (
        restriction.restriction_type,
        restriction.password,
        frozenset(restriction.groups.values_list("pk", flat=True)),
    )


def _copy_restriction(restriction, page):
    copy = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction.restriction_type, password=restriction.password
    )
    copy.groups.set(restriction.groups.all())
    return copy


def _is_source_page(page):
    return page.locale_id == Locale.get_default().pk


def source_of(page):
    """The English page a translation was made from, or None."""
    return Page.objects.filter(translation_key=page.translation_key, locale=Locale.get_default()).first()


def mirror_to_translations(source):
    """Give each translation of `source` exactly the source's own restrictions, then close gaps."""
    restrictions = list(source.view_restrictions.all())
    with _mirroring():
        for translation in source.get_translations():
            translation.view_restrictions.all().delete()
            for restriction in restrictions:
                _copy_restriction(restriction, translation)
            _close_gaps(source, translation)


def ensure_not_less_private(source, translation):
    """Add to `translation` every restriction that applies to `source` but not to it."""
    with _mirroring():
        _close_gaps(source, translation)


def _close_gaps(source, translation):
    effective = {_signature(restriction) for restriction in translation.get_view_restrictions()}
    for restriction in source.get_view_restrictions():
        signature = _signature(restriction)
        if signature not in effective:
            _copy_restriction(restriction, translation)
            effective.add(signature)


def _restriction_changed(page_id):
    if _is_mirroring():
        return
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return
    if _is_source_page(page):
        mirror_to_translations(page)
    else:
        source = source_of(page)
        if source is not None:
            ensure_not_less_private(source, page)


@receiver(post_save, sender=PageViewRestriction)
def restriction_saved(sender, instance, **kwargs):
    _restriction_changed(instance.page_id)


@receiver(post_delete, sender=PageViewRestriction)
def restriction_deleted(sender, instance, **kwargs):
    _restriction_changed(instance.page_id)


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def restriction_groups_changed(sender, instance, action, reverse, **kwargs):
    # The admin's privacy form saves the restriction first and its groups afterwards.
    if not reverse and action in {"post_add", "post_remove", "post_clear"}:
        _restriction_changed(instance.page_id)


@receiver(post_save)
def translation_created(sender, instance, created, raw=False, **kwargs):
    if not created or raw or not isinstance(instance, Page) or instance.depth is None or instance.depth < 2:
        return
    if _is_source_page(instance):
        return
    source = source_of(instance)
    if source is not None:
        ensure_not_less_private(source, instance)


@receiver(post_page_move)
def source_page_moved(sender, instance, **kwargs):
    # Moving an English page under a members-only section makes it private: so must its translations be.
    if not _is_source_page(instance):
        return
    for translation in instance.get_translations():
        ensure_not_less_private(instance, translation)
