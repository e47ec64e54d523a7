"""Who does what in the admin: every staff role, its permissions, and the two review workflows.

This module is the one place roles are defined. `apply_roles()` makes the database match it and is
idempotent: it runs after every `migrate` (cms.apps), again when a home page or a section is created
(their page permissions hang on those pages), and from the demo loader. A managed group holds
exactly what is listed here: a permission added by hand in the admin is taken away at the next
migrate, so a new permission belongs in this file, not in a data migration.

The editorial workflow, decided on purpose:
- Editors write every kind of page and publish Q&A posts, podcast episodes, meetings and other
  pages of the English sections themselves; they manage the snippets those pages use (exercises,
  topics, guests, crisis resources) and answer the members' questions.
- The course (learning modules and segments) and the home page are clinical advice: editors submit
  them to "Clinical review", and a clinical reviewer approves and publishes them.
- Translators write the Spanish tree and submit it to "Spanish review"; only Spanish reviewers
  publish Spanish pages (nobody else holds publish permission there).
- Moderators look after the community: comments, the question inbox and the coach's word lists.
  They hold no page permissions.

Permissions are named by "app_label.codename" strings and page types by "app_label.model", so the
ground imports no app of ours.
"""

from dataclasses import dataclass, field

from django.apps import apps as global_apps
from django.db import transaction

EDITORS = "Editors"
CLINICAL_REVIEWERS = "Clinical reviewers"
MODERATORS = "Moderators"
TRANSLATORS = "Translators"
SPANISH_REVIEWERS = "Spanish reviewers"
MEMBERS = "Members"

MODERATE_COMMENTS = "django_comments.can_moderate"
ACCESS_ADMIN = "wagtailadmin.access_admin"
SUBMIT_TRANSLATION = "wagtail_localize.submit_translation"

CLINICAL_REVIEW = "Clinical review"
CLINICAL_REVIEW_TASK = "Approval by a clinical reviewer"
SPANISH_REVIEW = "Spanish review"
SPANISH_REVIEW_TASK = "Approval by a Spanish reviewer"

TARGET_LANGUAGE = "es"
COURSE_INDEX = "learning.learningindexpage"

# Where page permissions and workflows hang (see `pages_at`).
WHOLE_TREE = "the whole tree"
ENGLISH_HOME = "the English home pages"
SPANISH_HOME = "the Spanish home pages"
ENGLISH_SECTIONS_BUT_THE_COURSE = "the English sections except the course"

MANAGE = ("add", "change", "delete", "view")
ALL_TRANSLATABLE_SNIPPETS = "every translatable snippet"


def manage(*models, actions=MANAGE):
    """Model permissions for `actions` on each "app_label.model"; "publish" is added at apply time
    for models with draft state, so the role keeps working when a snippet gains a workflow."""
    return tuple(f"{model.split('.')[0]}.{action}_{model.split('.')[1]}" for model in models for action in actions)


@dataclass(frozen=True)
class Role:
    name: str
    permissions: tuple = ()
    # place -> page permission codenames (Wagtail's GroupPagePermission)
    pages: dict = field(default_factory=dict)
    # collection permissions on the root collection, so they cover every collection
    collections: tuple = ()
    # actions on every translatable snippet (translators work on all of them)
    translatable_snippets: tuple = ()


WORD_LISTS = (
    "comments.commentpolicy",
    "comments.languagesuggestion",
    "comments.safetyterm",
    "comments.advicephrase",
    "comments.identifyingplace",
)
# The coach's word lists decide which comments wait for a person: those who moderate comments change
# them; the translation roles only translate them (change, through the translation editor, which
# translation_workflow/wagtail_hooks.py keeps them in), never add or publish one.
MODERATION_WORD_LISTS = {"comments.languagesuggestion", "comments.safetyterm", "comments.advicephrase"}
INBOX = ("blog.view_questionsubmission", "blog.change_questionsubmission")
MEDIA_LIBRARY = (
    *manage("wagtailimages.image", actions=("add", "change", "delete", "choose")),
    *manage("wagtaildocs.document", actions=("add", "change", "delete", "choose")),
    *manage("wagtailmedia.media", actions=("add", "change", "delete")),
)
CHOOSE_MEDIA = ("wagtailimages.choose_image", "wagtaildocs.choose_document")
# Translation keeps a page's pictures, or swaps one with English words in it; documents stay staff's.
CHOOSE_IMAGES = ("wagtailimages.choose_image",)

ROLES = (
    Role(
        EDITORS,
        permissions=(
            ACCESS_ADMIN,
            SUBMIT_TRANSLATION,
            MODERATE_COMMENTS,
            *INBOX,
            "members.view_memberprofile",
            "members.change_memberprofile",
            *manage("learning.exercise", "blog.topic", "blog.guest", "cms.crisisresource", "cms.sitefooter"),
            *manage("safety.safetyplantemplate"),
            # The search synonyms (cms.SearchSynonym) are words editors keep, like the word lists.
            *manage("cms.searchsynonym", actions=("add", "change", "delete")),
            *manage(*WORD_LISTS, actions=("add", "change", "delete")),
        ),
        pages={
            WHOLE_TREE: ("add_page", "change_page", "lock_page", "unlock_page"),
            ENGLISH_SECTIONS_BUT_THE_COURSE: ("publish_page",),
        },
        collections=MEDIA_LIBRARY,
    ),
    Role(
        CLINICAL_REVIEWERS,
        permissions=(ACCESS_ADMIN, *manage("learning.exercise", actions=("add", "change", "view"))),
        pages={ENGLISH_HOME: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")},
        collections=CHOOSE_MEDIA,
    ),
    Role(
        MODERATORS,
        permissions=(
            ACCESS_ADMIN,
            MODERATE_COMMENTS,
            *INBOX,
            *manage("blog.topic", "blog.guest"),
            *manage(*WORD_LISTS, actions=("add", "change", "delete")),
        ),
    ),
    Role(
        TRANSLATORS,
        permissions=(ACCESS_ADMIN, SUBMIT_TRANSLATION),
        pages={SPANISH_HOME: ("add_page", "change_page")},
        translatable_snippets=("add", "change"),
        collections=CHOOSE_IMAGES,
    ),
    Role(
        SPANISH_REVIEWERS,
        permissions=(ACCESS_ADMIN, SUBMIT_TRANSLATION),
        pages={SPANISH_HOME: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")},
        translatable_snippets=("add", "change", "publish"),
        collections=CHOOSE_IMAGES,
    ),
    # Members read the course and write comments; they never enter the admin.
    Role(MEMBERS),
)

ROLES_BY_NAME = {role.name: role for role in ROLES}

# name -> (task name, approving group, place the workflow is assigned to)
WORKFLOWS = {
    CLINICAL_REVIEW: (CLINICAL_REVIEW_TASK, CLINICAL_REVIEWERS, ENGLISH_HOME),
    SPANISH_REVIEW: (SPANISH_REVIEW_TASK, SPANISH_REVIEWERS, SPANISH_HOME),
}


def pages_at(place):
    from wagtail.models import Locale, Page

    if place == WHOLE_TREE:
        return Page.objects.filter(depth=1)
    english = Locale.get_default()
    if place == ENGLISH_HOME:
        return Page.objects.filter(depth=2, locale=english)
    if place == SPANISH_HOME:
        return Page.objects.filter(depth=2, locale__language_code=TARGET_LANGUAGE)
    if place == ENGLISH_SECTIONS_BUT_THE_COURSE:
        app_label, model = COURSE_INDEX.split(".")
        return Page.objects.filter(depth=3, locale=english).exclude(
            content_type__app_label=app_label, content_type__model=model
        )
    raise ValueError(place)


def translatable_snippet_models():
    from wagtail.models import TranslatableMixin
    from wagtail.snippets.models import get_snippet_models

    return [model for model in get_snippet_models() if issubclass(model, TranslatableMixin)]


def model_permissions(role):
    """Every "app_label.codename" the role holds: who may change a snippet with draft state also
    publishes it, and locks and unlocks it when it can be locked (English rows; Spanish ones still go
    live only through a Spanish reviewer, translation_workflow.permissions)."""
    from wagtail.models import DraftStateMixin, LockableMixin

    names = list(role.permissions)
    for dotted in role.permissions:
        app_label, codename = dotted.split(".")
        if codename.startswith("change_"):
            model = _model(app_label, codename.removeprefix("change_"))
            if model is not None and issubclass(model, DraftStateMixin):
                names.append(f"{app_label}.publish_{model._meta.model_name}")
            if model is not None and issubclass(model, LockableMixin):
                names += [f"{app_label}.lock_{model._meta.model_name}", f"{app_label}.unlock_{model._meta.model_name}"]
    for model in translatable_snippet_models() if role.translatable_snippets else ():
        word_list = model._meta.label_lower in MODERATION_WORD_LISTS
        for action in role.translatable_snippets:
            if word_list and action != "change":
                continue
            if action != "publish" or issubclass(model, DraftStateMixin):
                names.append(f"{model._meta.app_label}.{action}_{model._meta.model_name}")
    return sorted(set(names))


def _model(app_label, model_name):
    try:
        return global_apps.get_model(app_label, model_name)
    except LookupError:
        return None


def _permissions(dotted_names):
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    query = Q()
    for dotted in dotted_names:
        app_label, codename = dotted.split(".")
        query |= Q(content_type__app_label=app_label, codename=codename)
    found = list(Permission.objects.filter(query).select_related("content_type")) if dotted_names else []
    missing = set(dotted_names) - {f"{p.content_type.app_label}.{p.codename}" for p in found}
    if missing:
        raise LookupError(f"Unknown permissions in cms.roles: {sorted(missing)}")
    return found


@transaction.atomic
def apply_roles():
    """Create every group, workflow and grant listed here, and remove what is not; returns the groups."""
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

    groups = {}
    root_collection = Collection.get_first_root_node()
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.name)
        groups[role.name] = group
        group.permissions.set(_permissions(model_permissions(role)))

        wanted = set()
        for place, codenames in role.pages.items():
            permissions = _permissions([f"wagtailcore.{codename}" for codename in codenames])
            for page_id in pages_at(place).values_list("pk", flat=True):
                wanted |= {(page_id, permission.pk) for permission in permissions}
        held = set(GroupPagePermission.objects.filter(group=group).values_list("page_id", "permission_id"))
        for page_id, permission_id in held - wanted:
            GroupPagePermission.objects.filter(group=group, page_id=page_id, permission_id=permission_id).delete()
        GroupPagePermission.objects.bulk_create(
            [GroupPagePermission(group=group, page_id=p, permission_id=perm) for p, perm in wanted - held]
        )

        wanted = {permission.pk for permission in _permissions(role.collections)}
        GroupCollectionPermission.objects.filter(group=group).exclude(
            collection=root_collection, permission_id__in=wanted
        ).delete()
        for permission_id in wanted:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission_id=permission_id
            )

    _apply_workflows(groups)
    return groups


def _apply_workflows(groups):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import (
        GroupApprovalTask,
        Workflow,
        WorkflowContentType,
        WorkflowMixin,
        WorkflowPage,
        WorkflowTask,
    )

    for name, (task_name, approvers, place) in WORKFLOWS.items():
        task = GroupApprovalTask.objects.filter(name=task_name).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=task_name)
        task.groups.set([groups[approvers]])
        workflow, _ = Workflow.objects.get_or_create(name=name)
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
        for page in pages_at(place):
            WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
        if name == SPANISH_REVIEW:
            # Translated snippets (crisis lines, policies, word lists...) go through the same review;
            # English rows have none (cms.models.ReviewedTranslatableMixin).
            for model in translatable_snippet_models():
                if issubclass(model, WorkflowMixin):
                    WorkflowContentType.objects.update_or_create(
                        content_type=ContentType.objects.get_for_model(model), defaults={"workflow": workflow}
                    )


def apply_roles_after_migrate(sender, using="default", **kwargs):
    """Runs once per `migrate`, after every app's tables exist; creates the permissions first
    (Django and Wagtail make them app by app in later post_migrate handlers, so some, like the
    snippets' "publish", would not exist yet)."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes
    from wagtail.snippets.models import create_extra_permissions

    for app_config in global_apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0, using=using)
        create_permissions(app_config, verbosity=0, using=using)
    create_extra_permissions(sender, using=using)
    apply_roles()


def apply_roles_to_new_sections(sender, instance, created, raw=False, **kwargs):
    """Page permissions and workflows hang on home pages and sections: a new one gets them at once."""
    from wagtail.models import Page

    if created and not raw and isinstance(instance, Page) and instance.depth in (2, 3):
        apply_roles()
