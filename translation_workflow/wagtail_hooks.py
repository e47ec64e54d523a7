from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.userbar import BaseItem
from wagtail.admin.widgets.button import Button
from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin
from wagtail_localize.models import Translation
from wagtail_localize.views.edit_translation import edit_translation

from cms.admin_ui import PermissionMenuItem, StatusCountsPanel

from . import review, views
from .groups import MODERATE_COMMENTS, MODERATION_WORD_LISTS
from .permissions import may_change_snippet_in_locale, may_publish_in_locale
from .privacy import keeping_own_restrictions, source_of
from .status import STATUS_CHOICES, status_counts


@hooks.register("register_admin_urls", order=-1)
def register_admin_urls():
    """Our views first: the wagtail-localize paths below are the same as its own, and the first
    match wins, so its unguarded views are never reached."""
    workflow_urls = [
        path("status/", views.TranslationStatusReportView.as_view(), name="status_report"),
        path(
            "status/results/",
            views.TranslationStatusReportView.as_view(results_only=True),
            name="status_report_results",
        ),
        path("pages/<int:page_id>/submit/", views.submit_for_review, name="submit_for_review"),
        path("pages/<int:page_id>/review/", views.review_page, name="review"),
        path(
            "snippets/<slug:app_label>/<slug:model_name>/<str:pk>/submit/",
            views.submit_snippet_for_review,
            name="submit_snippet",
        ),
        path(
            "snippets/<slug:app_label>/<slug:model_name>/<str:pk>/review/",
            views.review_snippet,
            name="review_snippet",
        ),
        path(
            "pages/<int:page_id>/review/preview/<str:side>/",
            views.review_preview,
            name="review_preview",
        ),
    ]
    return [
        path(
            "translation-workflow/", include((workflow_urls, "translation_workflow"), namespace="translation_workflow")
        ),
        path("localize/submit/page/<int:page_id>/", views.GuardedSubmitPageTranslationView.as_view()),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            views.GuardedSubmitSnippetTranslationView.as_view(),
        ),
        path("localize/update/<int:translation_source_id>/", views.GuardedUpdateTranslationsView.as_view()),
        path("localize/translate/<int:translation_id>/pofile/upload/", views.upload_pofile),
        path("localize/translate/<int:translation_id>/machine_translate/", views.machine_translate),
        path("localize/api/snippets/<slug:app_label>/<slug:model_name>/", views.snippets_api_listing),
        path("localize/api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/", views.snippets_api_detail),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return PermissionMenuItem(
        _("Translation status"),
        reverse("translation_workflow:status_report"),
        permission="wagtail_localize.submit_translation",
        name="translation-status",
        icon_name="wagtail-localize-language",
        order=650,
    )


class TranslationStatusPanel(StatusCountsPanel):
    """Dashboard counts of Spanish translations by status, each linking to the filtered report."""

    name = "translation_status"
    panel_id = "translation-status"
    heading = _("Spanish translations")
    link_text = _("Open the translation status report")
    listing_url_name = "translation_workflow:status_report"
    choices = STATUS_CHOICES
    order = 150

    def counts(self):
        return status_counts()


@hooks.register("construct_homepage_panels")
def add_translation_status_panel(request, panels):
    if request.user.has_perm("wagtail_localize.submit_translation"):
        panels.append(TranslationStatusPanel())


class OutdatedTranslationItem(BaseItem):
    """Tells editors, in the userbar only they see, that the English page changed after this one."""

    template_name = "translation_workflow/userbar_outdated.html"

    def __init__(self, page, source):
        self.page = page
        self.source = source

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(page=self.page, source=self.source)
        return context


def english_source_if_newer(page):
    default = Locale.get_default()
    if page.locale_id == default.pk or not page.last_published_at:
        return None
    source = Page.objects.filter(translation_key=page.translation_key, locale=default).first()
    if source and source.last_published_at and source.last_published_at > page.last_published_at:
        return source
    return None


@hooks.register("construct_wagtail_userbar")
def add_outdated_translation_notice(request, items, page):
    if page is None or not getattr(page, "pk", None) or not isinstance(page, Page):
        return
    if not page.permissions_for_user(request.user).can_edit():
        return
    source = english_source_if_newer(page)
    if source is not None:
        items.insert(0, OutdatedTranslationItem(page, source))


def spanish_review_buttons(page, user, view_name=None, next_url=None):
    if page.locale_id == Locale.get_default().pk or page.depth < 2:
        return
    if review.review_actions(user, page):
        yield Button(
            _("Review Spanish translation"),
            reverse("translation_workflow:review", args=[page.pk]),
            icon_name="tasks",
            priority=55,
        )
    elif review.can_submit_for_review(user, page) and review.translation_source_for(page) is not None:
        yield Button(
            _("Submit for Spanish review"),
            reverse("translation_workflow:submit_for_review", args=[page.pk]),
            icon_name="resubmit",
            priority=55,
        )


hooks.register("register_page_header_buttons", spanish_review_buttons)
hooks.register("register_page_listing_more_buttons", spanish_review_buttons)


RESTART_CONFIRMED = "localize-restart-confirmed"


def _confirm_restart(request, instance, edit_url, history_url):
    """wagtail-localize's "Start Synced translation" re-enables the translation at once, and its next
    publish replaces whatever was written by hand since the sync stopped: ask first. Answered before
    wagtail-localize's own hook (order 0), which would restart it."""
    if request.method != "POST" or "localize-restart-translation" not in request.POST:
        return None
    if (
        request.POST.get(RESTART_CONFIRMED)
        or not Translation.objects.filter(
            source__object_id=instance.translation_key, target_locale_id=instance.locale_id, enabled=False
        ).exists()
    ):
        return None
    return views.step_page(
        request,
        "translation_workflow/confirm_restart_translation.html",
        _("Start the synced translation again?"),
        "rotate",
        str(instance),
        {
            "edit_url": edit_url,
            "history_url": history_url,
            "confirmed_field": RESTART_CONFIRMED,
        },
    )


@hooks.register("before_edit_page", order=-2)
def confirm_restarting_a_page_translation(request, page):
    return _confirm_restart(
        request,
        page,
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:history", args=[page.pk]),
    )


@hooks.register("before_edit_page", order=-1)
def publish_in_spanish_keeping_own_privacy(request, page):
    """The translation editor's "Publish in Spanish", as wagtail-localize's own hook would run it,
    but without losing a restriction the Spanish page has of its own (see privacy.py)."""
    if request.method != "POST" or request.POST.get("action") != "publish" or page.alias_of_id:
        return None
    translation = Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).first()
    source = source_of(page) if translation else None
    if source is None:
        return None
    with keeping_own_restrictions(source):
        return edit_translation(request, translation, page)


def _requested_locale(request):
    code = request.GET.get("locale")
    return Locale.objects.filter(language_code=code).first() if code else Locale.get_default()


def _would_publish(request, model):
    """Whether this POST to a snippet's create or edit view would make it public.

    A snippet without draft state is live as soon as it is saved, from the plain form or from
    wagtail-localize's "Publish"; restarting a synced translation only re-enables it.
    """
    if request.method != "POST":
        return False
    if issubclass(model, DraftStateMixin):
        return request.POST.get("action") == "publish" or "action-publish" in request.POST
    return "localize-restart-translation" not in request.POST


def _is_translation_target(instance):
    return Translation.objects.filter(
        source__object_id=instance.translation_key, target_locale_id=instance.locale_id, enabled=True
    ).exists()


def _is_word_list(model):
    return model._meta.label_lower in MODERATION_WORD_LISTS


def _refuse_publishing(request):
    messages.error(
        request,
        _(
            "Only a Spanish reviewer can publish this. Your translated strings are kept: "
            "ask a reviewer to check and publish them."
        ),
    )
    return redirect(request.get_full_path())


@hooks.register("before_edit_snippet", order=-1)
def keep_translated_snippets_for_review(request, instance):
    """Runs before wagtail-localize's own hook, which answers with the translation editor."""
    if not isinstance(instance, TranslatableMixin):
        return None
    model = type(instance)
    if _is_word_list(model) and not request.user.has_perm(MODERATE_COMMENTS) and not _is_translation_target(instance):
        raise PermissionDenied  # a word list is changed by moderators; others only translate it
    if _would_publish(request, model) and not may_publish_in_locale(request.user, instance.locale_id):
        return _refuse_publishing(request)
    return None


@hooks.register("before_create_snippet", order=-1)
def keep_new_translated_snippets_for_review(request, model):
    if not issubclass(model, TranslatableMixin):
        return None
    if _is_word_list(model) and not request.user.has_perm(MODERATE_COMMENTS):
        raise PermissionDenied
    locale = _requested_locale(request)
    if locale is not None and _would_publish(request, model) and not may_publish_in_locale(request.user, locale.pk):
        return _refuse_publishing(request)
    return None


@hooks.register("before_edit_snippet", order=-1)
def refuse_editing_snippets_outside_own_locale(request, instance):
    if isinstance(instance, TranslatableMixin) and not may_change_snippet_in_locale(request.user, instance.locale_id):
        raise PermissionDenied


@hooks.register("before_delete_snippet", order=-1)
def refuse_deleting_snippets_outside_own_locale(request, instances):
    for instance in instances:
        if isinstance(instance, TranslatableMixin) and not may_change_snippet_in_locale(
            request.user, instance.locale_id
        ):
            raise PermissionDenied


@hooks.register("before_create_snippet", order=-1)
def refuse_creating_snippets_outside_own_locale(request, model):
    if not issubclass(model, TranslatableMixin):
        return
    locale = _requested_locale(request)
    if locale is None or not may_change_snippet_in_locale(request.user, locale.pk):
        raise PermissionDenied


@hooks.register("before_edit_snippet", order=-1)
def confirm_restarting_a_snippet_translation(request, instance):
    # After the permission hooks above (same order, registered later).
    if not isinstance(instance, TranslatableMixin):
        return None
    viewset = type(instance).snippet_viewset
    return _confirm_restart(
        request,
        instance,
        reverse(viewset.get_url_name("edit"), args=[quote(instance.pk)]),
        reverse(viewset.get_url_name("history"), args=[quote(instance.pk)]),
    )
