"""The Translators and Spanish reviewers groups, their per-page permissions and the review workflow.

Permissions are given on the Spanish tree only (a GroupPagePermission on each Spanish home page):
translators add and change Spanish pages but cannot publish; reviewers also publish. Nobody in
these groups holds any permission on the English tree. A Wagtail workflow with one group-approval
task, assigned to the Spanish home pages and to every translatable snippet model, is how a
translation reaches a reviewer.

Wagtail's own Moderators group holds publish permission on the tree's root, which covers every
locale: a moderator could "Publish in Spanish" or sync-and-publish without any review. So the
reviewers are the only group left with publish permission in the Spanish tree: a publish
permission on the root is moved to the English home pages, one inside the Spanish tree is removed.

The comment moderation word lists (person-first suggestions, safety terms) decide which comments
wait for a person: translators translate them, through the translation editor only (see
wagtail_hooks.py), and never get comment moderation itself.

`setup_translation_groups()` is idempotent: the demo loader and `manage.py
setup_translation_workflow` call it, and it must run again after a new Spanish home page is made.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    DraftStateMixin,
    GroupApprovalTask,
    GroupPagePermission,
    Locale,
    Page,
    TranslatableMixin,
    Workflow,
    WorkflowContentType,
    WorkflowMixin,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.snippets.models import get_snippet_models

TRANSLATORS = "Translators"
SPANISH_REVIEWERS = "Spanish reviewers"
EDITORS = "Editors"
MODERATORS = "Moderators"
TARGET_LANGUAGE = "es"

SPANISH_REVIEW_WORKFLOW = "Spanish review"
SPANISH_REVIEW_TASK = "Approval by a Spanish reviewer"

ADMIN_PERMISSIONS = ["wagtailadmin.access_admin", "wagtail_localize.submit_translation"]
PAGE_PERMISSIONS = {
    TRANSLATORS: ["add_page", "change_page"],
    SPANISH_REVIEWERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
SNIPPET_ACTIONS = {
    TRANSLATORS: ["add", "change"],
    SPANISH_REVIEWERS: ["add", "change", "publish"],
}


# Changed by those who moderate comments; anyone else only translates them (wagtail_hooks.py).
MODERATION_WORD_LISTS = {"comments.languagesuggestion", "comments.safetyterm", "comments.advicephrase"}
MODERATE_COMMENTS = "django_comments.can_moderate"


def translatable_snippet_models():
    return [model for model in get_snippet_models() if issubclass(model, TranslatableMixin)]


def spanish_home_pages():
    return Page.objects.filter(depth=2, locale__language_code=TARGET_LANGUAGE)


def english_home_pages():
    return Page.objects.filter(depth=2, locale=Locale.get_default())


def _permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _snippet_permissions(actions):
    for model in translatable_snippet_models():
        content_type = ContentType.objects.get_for_model(model)
        for action in actions:
            if action == "publish" and not issubclass(model, DraftStateMixin):
                continue
            yield Permission.objects.get(content_type=content_type, codename=f"{action}_{model._meta.model_name}")


@transaction.atomic
def setup_translation_groups():
    """Create or update both groups and the Spanish review workflow; returns the groups by name."""
    groups = {}
    homes = list(spanish_home_pages())
    for name in (TRANSLATORS, SPANISH_REVIEWERS):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*(_permission(dotted) for dotted in ADMIN_PERMISSIONS))
        group.permissions.add(*_snippet_permissions(SNIPPET_ACTIONS[name]))
        for home in homes:
            for codename in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=home, permission=_permission(f"wagtailcore.{codename}")
                )
        groups[name] = group

    # Editors start translations of the pages they edit (their page permissions still apply).
    editors = Group.objects.filter(name=EDITORS).first()
    if editors:
        editors.permissions.add(_permission("wagtail_localize.submit_translation"))

    keep_publishing_in_spanish_for_reviewers(groups[SPANISH_REVIEWERS], homes)

    task = GroupApprovalTask.objects.filter(name=SPANISH_REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=SPANISH_REVIEW_TASK)
    task.groups.set([groups[SPANISH_REVIEWERS]])
    workflow, _ = Workflow.objects.get_or_create(name=SPANISH_REVIEW_WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for home in homes:
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    # Translated snippets go through the same review (English ones have none: ReviewedTranslatableMixin).
    for model in translatable_snippet_models():
        if issubclass(model, WorkflowMixin):
            WorkflowContentType.objects.update_or_create(
                content_type=ContentType.objects.get_for_model(model), defaults={"workflow": workflow}
            )
    return groups


def keep_publishing_in_spanish_for_reviewers(reviewers, spanish_homes):
    """Leave no group but the reviewers with publish permission on Spanish pages.

    A grant on the root (Wagtail's Moderators have one) becomes the same grant on each English home
    page, so moderators keep publishing English pages; a grant inside the Spanish tree is removed.
    """
    publish = _permission("wagtailcore.publish_page")
    spanish_paths = tuple(home.path for home in spanish_homes)
    english_homes = list(english_home_pages())
    grants = GroupPagePermission.objects.filter(permission=publish).exclude(group=reviewers).select_related("page")
    for grant in grants:
        if grant.page.depth == 1:
            for home in english_homes:
                GroupPagePermission.objects.get_or_create(group_id=grant.group_id, page=home, permission=publish)
            grant.delete()
        elif spanish_paths and grant.page.path.startswith(spanish_paths):
            grant.delete()


def spanish_locale():
    return Locale.objects.get(language_code=TARGET_LANGUAGE)
