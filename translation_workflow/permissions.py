"""Per-page and per-locale checks that wagtail-localize leaves to the global permission alone.

wagtail-localize's submit and sync views only ask for `wagtail_localize.submit_translation`; these
functions answer the real question: may this user create or change *this* translation?
"""

from wagtail.models import DraftStateMixin, GroupPagePermission, Locale, Page
from wagtail.snippets.permissions import get_permission_name


def may_read_source_page(user, page):
    """May `user` read `page` as the source of a translation?

    Its published version is what a translation is made from, so a live page is readable; a page
    that was never published (or was unpublished) is a draft only those who may edit it see.
    Translators hold no permission on the English tree, so they see the English drafts of no one.
    """
    if page.is_root():
        return False
    return page.live or page.permissions_for_user(user).can_edit()


def can_start_page_translation(user, page, locale):
    """May `user` create the `locale` translation of `page`?

    Either they may edit the source page (an editor starting translations of their own pages), or
    the page is published, its parent already exists in `locale` and they may add pages under it (a
    translator working in the Spanish tree, who holds no permission on the English one).
    """
    if not user.has_perm("wagtail_localize.submit_translation") or page.is_root():
        return False
    if page.permissions_for_user(user).can_edit():
        return True
    if not may_read_source_page(user, page):
        return False
    parent = page.get_parent()
    if parent.is_root():
        return False
    translated_parent = parent.get_translation_or_none(locale)
    return translated_parent is not None and translated_parent.permissions_for_user(user).can_add_subpage()


def can_start_snippet_translation(user, snippet):
    return user.has_perm("wagtail_localize.submit_translation") and user.has_perm(
        get_permission_name("add", type(snippet))
    )


def can_sync_translations(user, source_instance, translated_instances, publish=False):
    """May `user` update these translations from their source (and publish them if asked)?

    Syncing rewrites every translation of the source, so the user must be allowed to change each
    one; publishing them at once also needs publish permission on each.
    """
    if not user.has_perm("wagtail_localize.submit_translation"):
        return False
    if isinstance(source_instance, Page):
        if not may_read_source_page(user, source_instance):
            return False  # syncing would copy an English draft into the Spanish page
        for translated in translated_instances:
            permissions = translated.permissions_for_user(user)
            if not permissions.can_edit() or (publish and not permissions.can_publish()):
                return False
        return True
    model = type(source_instance)
    if not user.has_perm(get_permission_name("change", model)):
        return False
    if not publish:
        return True
    if issubclass(model, DraftStateMixin) and not user.has_perm(get_permission_name("publish", model)):
        return False
    return all(may_publish_in_locale(user, translated.locale_id) for translated in translated_instances)


def may_publish_in_locale(user, locale_id):
    """May `user` make content public in this language (pages, and snippets, which have no tree)?

    English follows Wagtail's own permissions. In a translated language, publishing is review:
    only those who may publish that language's home page do it, which cms.roles leaves to the
    reviewers (and superusers).
    """
    if user.is_superuser or locale_id == Locale.get_default().pk:
        return user.is_active
    homes = Page.objects.filter(depth=2, locale_id=locale_id)
    return any(home.permissions_for_user(user).can_publish() for home in homes)


def locales_with_page_permissions(user):
    """The locales in whose page tree `user` holds any page permission; None means every locale.

    A permission on the tree's root (depth 1) covers all locales, as Wagtail's Editors group has.
    """
    if user.is_superuser:
        return None
    permissions = GroupPagePermission.objects.filter(group__user=user)
    if not permissions.exists() or permissions.filter(page__depth=1).exists():
        return None
    return set(permissions.values_list("page__locale_id", flat=True))


def may_change_snippet_in_locale(user, locale_id):
    """Locale-scoped staff (translators, reviewers) change snippets only in the locales of their pages.

    Wagtail's snippet permissions are per model, whatever the language: without this a translator
    who may edit Spanish crisis resources could also rewrite the English ones.
    """
    allowed = locales_with_page_permissions(user)
    return allowed is None or locale_id in allowed
