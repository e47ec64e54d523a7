"""Privacy fails closed: a translation is never less private than its English source.

wagtail-localize copies view restrictions only when a translation is created or synced, so a page
made members-only in English would stay public in Spanish until someone pressed "sync". These
handlers act on every change instead:

- a restriction added, changed or removed on an English page is mirrored onto its translations
  at once (English is the source of truth for privacy): the translations lose the restriction
  the English page had before the change, and gain the one it has now;
- a new translation, a moved English page, or a restriction removed from a translation, is
  checked against the source's effective privacy (its own restriction and its ancestors'), and
  whatever the translation lacks is added to it.

Stricter Spanish restrictions are left alone: a restriction the Spanish page has of its own (one
the English page did not have before the change) is never removed by mirroring. wagtail-localize's
own sync is blunter (it overwrites the translation's first restriction with the source's, and
drops them all when the source has none), so our sync and "Publish in Spanish" paths run inside
`keeping_own_restrictions`, which puts back what a translation had of its own. To know what the
English page had before, each change takes a snapshot of the page's restrictions in the `pre_`
signal and compares it with the state in the `post_` one. Deleting an English page deletes its
restrictions too; that must not make its translations public, so those deletions mirror nothing.
"""

import threading
from collections import Counter
from contextlib import contextmanager

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
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


def own_signatures(page_id):
    """The page's own restrictions (not its ancestors'), as comparable signatures."""
    return Counter(
        _signature(restriction)
        for restriction in PageViewRestriction.objects.filter(page_id=page_id).prefetch_related("groups")
    )


def mirror_to_translations(source, removed=()):
    """Take the `removed` restrictions (signatures) off each translation of `source`, then give it
    whatever the source's privacy requires; the translation's own restrictions stay."""
    kept = own_signatures(source.pk)
    dropped = {signature for signature in removed if signature not in kept}
    with _mirroring():
        for translation in source.get_translations():
            for restriction in translation.view_restrictions.all():
                if _signature(restriction) in dropped:
                    restriction.delete()
            _close_gaps(source, translation)


@contextmanager
def keeping_own_restrictions(source):
    """Whatever the block does to the restrictions of `source`'s translations, each keeps the ones
    it had of its own (those the source page does not have)."""
    required = own_signatures(source.pk)
    kept = {
        translation.pk: [
            signature
            for signature in (_signature(restriction) for restriction in translation.view_restrictions.all())
            if signature not in required
        ]
        for translation in source.get_translations()
    }
    yield
    with _mirroring():
        for page_id, signatures in kept.items():
            current = own_signatures(page_id)
            for restriction_type, password, groups in signatures:
                if (restriction_type, password, groups) in current:
                    continue
                restriction = PageViewRestriction.objects.create(
                    page_id=page_id, restriction_type=restriction_type, password=password
                )
                restriction.groups.set(groups)
    for page in Page.objects.filter(pk__in=kept):
        _drop_duplicates(page)


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


def _snapshots():
    if not hasattr(_state, "before"):
        _state.before = {}
    return _state.before


def _pages_being_deleted():
    if not hasattr(_state, "deleting"):
        _state.deleting = set()
    return _state.deleting


def _before_restriction_change(page_id):
    if page_id is None or _is_mirroring():
        return
    _snapshots()[page_id] = own_signatures(page_id)


def _restriction_changed(page_id):
    before = _snapshots().pop(page_id, Counter())
    if _is_mirroring() or page_id in _pages_being_deleted():
        return
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return
    if _is_source_page(page):
        removed = before - own_signatures(page_id)
        mirror_to_translations(page, removed=list(removed))
    else:
        source = source_of(page)
        if source is not None:
            ensure_not_less_private(source, page)
        _drop_duplicates(page)


def _drop_duplicates(page):
    """Two identical restrictions on a page mean nothing more than one: a new translation gets
    the source's restriction both from us and from Wagtail's copy of the page."""
    seen = set()
    with _mirroring():
        for restriction in page.view_restrictions.order_by("pk"):
            signature = _signature(restriction)
            if signature in seen:
                restriction.delete()
            seen.add(signature)


@receiver(pre_save, sender=PageViewRestriction)
def restriction_about_to_be_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _before_restriction_change(instance.page_id)


@receiver(post_save, sender=PageViewRestriction)
def restriction_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _restriction_changed(instance.page_id)


@receiver(pre_delete, sender=PageViewRestriction)
def restriction_about_to_be_deleted(sender, instance, **kwargs):
    _before_restriction_change(instance.page_id)


@receiver(post_delete, sender=PageViewRestriction)
def restriction_deleted(sender, instance, **kwargs):
    _restriction_changed(instance.page_id)


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def restriction_groups_changed(sender, instance, action, reverse, **kwargs):
    # The admin's privacy form saves the restriction first and its groups afterwards.
    if reverse:
        return
    if action in {"pre_add", "pre_remove", "pre_clear"}:
        _before_restriction_change(instance.page_id)
    elif action in {"post_add", "post_remove", "post_clear"}:
        _restriction_changed(instance.page_id)


@receiver(pre_delete)
def page_about_to_be_deleted(sender, instance, **kwargs):
    # Sent for the page before its restrictions are deleted with it (Django's collector sends every
    # pre_delete first): the translations of a deleted English page keep their privacy.
    if isinstance(instance, Page):
        _pages_being_deleted().add(instance.pk)


@receiver(post_delete, sender=Page)
def page_deleted(sender, instance, **kwargs):
    # Only the base row's deletion: a specific page's own table is deleted before the restrictions.
    _pages_being_deleted().discard(instance.pk)


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
