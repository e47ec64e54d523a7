"""Admin views: the guarded wagtail-localize actions, the review path and the status report.

The guarded views are mounted on wagtail-localize's own URLs (wagtail_hooks.py registers them
first), so every link and button the translation editor renders goes through these checks.
"""

import contextlib
import os
import tempfile

import django_filters
import polib
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page, TranslatableMixin, WorkflowMixin
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringSegment, Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.views import snippets_api
from wagtail_localize.views.edit_translation import user_can_edit_instance
from wagtail_localize.views.submit_translations import SubmitPageTranslationView, SubmitSnippetTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView

from cms.admin_access import may_list_snippets

from . import review
from .machine import machine_translate as safe_machine_translate
from .permissions import (
    can_start_page_translation,
    can_start_snippet_translation,
    can_sync_translations,
    may_change_snippet_in_locale,
    may_read_source_page,
)
from .privacy import keeping_own_restrictions
from .status import STATUS_CHOICES, section_choices, translation_statuses

MAX_PO_FILE_SIZE = 2 * 1024 * 1024  # a page's strings are kilobytes; anything bigger is not ours


# --- Per-page permission on starting and syncing translations -------------------------------------


def repair_numchild(page):
    """Recount children under `page` (and its parent): translating a subtree in one transaction
    leaves the parents' `numchild` stale, which makes the translated children 404 (wagtail-localize#773).
    """
    for node in [page.get_parent(), *Page.objects.filter(path__startswith=page.path)]:
        actual = Page.objects.filter(path__startswith=node.path, depth=node.depth + 1).count()
        if actual != node.numchild:
            Page.objects.filter(pk=node.pk).update(numchild=actual)


class GuardedSubmitPageTranslationView(SubmitPageTranslationView):
    """Start a page translation only where the user may create it (see permissions.py).

    A page the user may not read (an English draft, for a translator) is refused before its title
    is shown, and "Include subtree" translates only the descendants the user may read.
    """

    def dispatch(self, request, *args, **kwargs):
        page = get_object_or_404(Page, id=kwargs["page_id"]).specific
        if page.is_root():
            raise Http404  # the tree's root is no page: nobody translates it
        untranslated = Locale.objects.exclude(
            pk__in=page.get_translations(inclusive=True).filter(alias_of__isnull=True).values("locale_id")
        )
        if request.method == "POST":
            chosen = list(untranslated.filter(pk__in=request.POST.getlist("locales")))
            allowed = bool(chosen) and all(can_start_page_translation(request.user, page, locale) for locale in chosen)
        else:
            allowed = any(can_start_page_translation(request.user, page, locale) for locale in untranslated)
        if not allowed:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @transaction.atomic
    def form_valid(self, form):
        include_subtree = form.cleaned_data["include_subtree"]
        # wagtail-localize would translate every descendant, drafts included: we walk the subtree.
        form.cleaned_data["include_subtree"] = False
        response = super().form_valid(form)
        if include_subtree:
            left_out = translate_readable_subtree(
                self.object, form.cleaned_data["locales"], self.components, self.request.user
            )
            for locale in form.cleaned_data["locales"]:
                translated = self.object.get_translation_or_none(locale)
                if translated is not None:
                    repair_numchild(translated)
            if left_out:
                messages.warning(
                    self.request,
                    ngettext(
                        "%(count)d page under it is a draft you cannot see, so it was not translated.",
                        "%(count)d pages under it are drafts you cannot see, so they were not translated.",
                        left_out,
                    )
                    % {"count": left_out},
                )
        return response


def translate_readable_subtree(page, locales, components, user):
    """wagtail-localize's `translate_page_subtree`, leaving out each page `user` may not read
    (and everything under it, which would have no parent to go in); returns how many were left out."""
    translator = TranslationCreator(user, locales)

    def walk(parent):
        left_out = 0
        for child in parent.get_children().specific():
            if may_read_source_page(user, child):
                translator.create_translations(child)
                left_out += walk(child)
            else:
                left_out += 1 + child.get_descendant_count()
        return left_out

    left_out = walk(page)
    if components is not None:
        components.save(translator, sources_and_translations=translator.mappings)
    return left_out


class GuardedSubmitSnippetTranslationView(SubmitSnippetTranslationView):
    def dispatch(self, request, *args, **kwargs):
        if not can_start_snippet_translation(request.user, self.get_object()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class GuardedUpdateTranslationsView(UpdateTranslationsView):
    """Sync ("update from English") only translations the user may change, and publish only if
    they may publish; machine drafts skip member-written fields."""

    def dispatch(self, request, *args, **kwargs):
        source = get_object_or_404(TranslationSource, id=kwargs["translation_source_id"])
        try:
            instance = source.get_source_instance()
        except ObjectDoesNotExist as error:
            raise Http404 from error
        translated = []
        for translation in source.translations.filter(enabled=True).select_related("target_locale"):
            with contextlib.suppress(ObjectDoesNotExist):
                translated.append(translation.get_target_instance())
        self._translated = translated
        self._may_publish = can_sync_translations(request.user, instance, translated, publish=True)
        publish = request.method == "POST" and bool(request.POST.get("publish_translations"))
        if not can_sync_translations(request.user, instance, translated, publish=publish):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self):
        """wagtail-localize offers "Publish immediately" to everyone; only those who may publish
        every translation see it (a translator would be refused after ticking it)."""
        form = super().get_form()
        if not self._may_publish:
            del form.fields["publish_translations"]
        return form

    def get_default_success_url(self):
        """Back to the work: the translation just updated, in the editor, not the page explorer."""
        user = self.request.user
        for translated in self._translated:
            if isinstance(translated, Page):
                may_edit = translated.permissions_for_user(user).can_edit()
            else:
                may_edit = may_change_snippet_in_locale(user, translated.locale_id)
            if may_edit:
                return edit_url_of(translated)
        return super().get_default_success_url()

    def form_valid(self, form):
        form.cleaned_data.setdefault("publish_translations", False)
        source = self.object.get_source_instance()
        keeping = keeping_own_restrictions(source) if isinstance(source, Page) else contextlib.nullcontext()
        with keeping:
            return self._update(form)

    def _update(self, form):
        if form.cleaned_data.get("use_machine_translation"):
            translator = get_machine_translator()
            self.object.update_from_db()
            for translation in self.object.translations.filter(enabled=True).select_related("target_locale"):
                safe_machine_translate(translation, self.request.user, translator)
            form.cleaned_data["use_machine_translation"] = False
        return super().form_valid(form)


def _guarded_snippets_api(view):
    """wagtail-localize's snippet API (the translation editor's snippet picker) lists every row of
    any snippet model: answer only for models the user may list, as the snippet choosers do."""

    def guarded(request, app_label, model_name, **kwargs):
        if not may_list_snippets(request.user, get_snippet_model_from_url_params(app_label, model_name)):
            raise PermissionDenied
        return view(request, app_label=app_label, model_name=model_name, **kwargs)

    return guarded


snippets_api_listing = _guarded_snippets_api(snippets_api.SnippetViewSet.as_view({"get": "list"}))
snippets_api_detail = _guarded_snippets_api(snippets_api.SnippetViewSet.as_view({"get": "retrieve"}))


def _next_url(request, translation):
    return get_valid_next_url_from_request(request) or translation.get_target_instance_edit_url()


@require_POST
def machine_translate(request, translation_id):
    """wagtail-localize's "Translate with machine", minus member-written fields (machine.py)."""
    translator = get_machine_translator()
    if translator is None:
        raise Http404
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    if safe_machine_translate(translation, request.user, translator):
        messages.success(request, _("Machine translation drafted the untranslated strings. Check each one."))
    else:
        messages.warning(request, _("There is nothing left for machine translation."))
    return redirect(_next_url(request, translation))


# --- PO files -----------------------------------------------------------------------------------


def _read_po(uploaded):
    """A polib.POFile from an upload, or raise ValueError with a message for the translator."""
    if uploaded is None:
        raise ValueError(_("Choose a PO file to upload."))
    if uploaded.size > MAX_PO_FILE_SIZE:
        raise ValueError(_("This file is too large to be a PO file of one page (2 MB at most)."))
    # polib takes a path or the text itself; a path is safer (a text could name a server file).
    with tempfile.NamedTemporaryFile(suffix=".po", delete=False) as temporary:
        temporary.write(uploaded.read())
    try:
        return polib.pofile(temporary.name)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise ValueError(
            _("This is not a valid PO file. Download the PO file again and edit only the msgstr lines.")
        ) from error
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary.name)


@require_POST
def upload_pofile(request, translation_id):
    """Import a translator's PO file: a bad or foreign file changes nothing, a partial one only
    adds what it contains (translations already made are never deleted)."""
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    next_url = _next_url(request, translation)
    try:
        po = _read_po(request.FILES.get("file"))
    except ValueError as error:
        messages.error(request, str(error))
        return redirect(next_url)

    file_translation_id = po.metadata.get("X-WagtailLocalize-TranslationID")
    if file_translation_id != str(translation.uuid):
        other = (
            Translation.objects.filter(uuid=file_translation_id).select_related("source").first()
            if file_translation_id
            else None
        )
        if other is None:
            messages.error(
                request, _("This PO file was not downloaded from this translation, so nothing was imported.")
            )
        else:
            messages.error(
                request,
                _("This PO file belongs to another translation (%(title)s), so nothing was imported.")
                % {"title": other.source.object_repr},
            )
        return redirect(next_url)

    with transaction.atomic():
        problems = translation.import_po(po, user=request.user, tool_name="PO File")
    total, translated = translation.get_progress()
    if problems:
        messages.warning(
            request,
            _("Imported the PO file, but %(count)s of its entries do not match this page and were skipped.")
            % {"count": len(problems)},
        )
    if translated < total:
        messages.warning(
            request,
            _("Imported the PO file. %(missing)s of %(total)s strings still need a translation.")
            % {"missing": total - translated, "total": total},
        )
    else:
        messages.success(request, _("Imported the PO file. Every string is translated."))
    return redirect(next_url)


# --- Review ---------------------------------------------------------------------------------------


class ReviewDecisionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("approve", gettext_lazy("Approve")), ("reject", gettext_lazy("Request changes"))]
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment for the translator"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "reject" and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Say what needs to change, so the translator knows what to fix."))
        return cleaned


def _translated_page(page_id):
    page = get_object_or_404(Page, id=page_id).specific
    if page.locale_id == Locale.get_default().pk:
        raise Http404
    return page


def _translated_snippet(app_label, model_name, pk):
    model = get_snippet_model_from_url_params(app_label, model_name)
    if not issubclass(model, WorkflowMixin) or not issubclass(model, TranslatableMixin):
        raise Http404
    snippet = get_object_or_404(model, pk=unquote(pk))
    if snippet.locale_id == Locale.get_default().pk:
        raise Http404
    return snippet


def edit_url_of(instance):
    """Where a translation is worked on: wagtail-localize's editor answers the edit URL of both."""
    if isinstance(instance, Page):
        return reverse("wagtailadmin_pages:edit", args=[instance.pk])
    return reverse(instance.snippet_viewset.get_url_name("edit"), args=[quote(instance.pk)])


def submit_url_of(instance):
    if isinstance(instance, Page):
        return reverse("translation_workflow:submit_for_review", args=[instance.pk])
    opts = instance._meta
    return reverse("translation_workflow:submit_snippet", args=[opts.app_label, opts.model_name, quote(instance.pk)])


def review_url_of(instance):
    if isinstance(instance, Page):
        return reverse("translation_workflow:review", args=[instance.pk])
    opts = instance._meta
    return reverse("translation_workflow:review_snippet", args=[opts.app_label, opts.model_name, quote(instance.pk)])


def submit_for_review(request, page_id):
    return _submit_for_review(request, _translated_page(page_id))


def submit_snippet_for_review(request, app_label, model_name, pk):
    return _submit_for_review(request, _translated_snippet(app_label, model_name, pk))


def _submit_for_review(request, instance):
    """ "Submit for Spanish review": confirm, then hand the current translation to the reviewers."""
    if not review.can_submit_for_review(request.user, instance):
        raise PermissionDenied
    source = review.translation_source_for(instance)
    translation = source and Translation.objects.filter(source=source, target_locale=instance.locale).first()
    if request.method == "POST":
        try:
            review.submit_for_review(instance, request.user)
        except review.ReviewError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Sent to the Spanish reviewers. You will get an email when they decide."))
        return redirect(edit_url_of(instance))
    total, translated = translation.get_progress() if translation else (0, 0)
    return step_page(
        request,
        "translation_workflow/submit_for_review.html",
        _("Submit for Spanish review"),
        "resubmit",
        _display_title(instance),
        {
            "edit_url": edit_url_of(instance),
            "total": total,
            "translated": translated,
            "missing": total - translated,
            "review_state": review.active_review(instance),
        },
    )


def step_page(request, template, step, icon, subject, context):
    """A step of the translation workflow on Wagtail's generic admin page: the step heads the page
    (and names the browser tab), the page or snippet it is about under it."""
    header = {"page_title": step, "header_title": step, "page_subtitle": subject, "header_icon": icon}
    return TemplateResponse(request, template, {**context, **header})


def _display_title(instance):
    return instance.get_admin_display_title() if isinstance(instance, Page) else str(instance)


def _may_see_review(user, instance):
    if review.review_actions(user, instance):
        return True
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return review.can_submit_for_review(user, instance)


def review_page(request, page_id):
    return _review(request, _translated_page(page_id))


def review_snippet(request, app_label, model_name, pk):
    return _review(request, _translated_snippet(app_label, model_name, pk))


def _review(request, instance):
    """The reviewer's side-by-side view: English and the submitted Spanish, strings (and pages)."""
    if not _may_see_review(request.user, instance):
        raise PermissionDenied
    state = review.active_review(instance)
    actions = review.review_actions(request.user, instance)
    form = ReviewDecisionForm(request.POST or None)
    if request.method == "POST":
        if not actions:
            raise PermissionDenied
        if form.is_valid():
            action = form.cleaned_data["action"]
            try:
                review.decide(instance, request.user, action, form.cleaned_data["comment"].strip())
            except review.ReviewError as error:
                messages.error(request, str(error))
            else:
                if action == "approve":
                    messages.success(request, _("Approved and published in Spanish."))
                else:
                    messages.success(request, _("Sent back to the translator with your comment."))
                return redirect("translation_workflow:status_report")
    source = review.translation_source_for(instance)
    strings = []
    if source is not None:
        strings = (
            StringSegment.objects.filter(source=source)
            .select_related("string", "context")
            .annotate_translation(instance.locale, include_errors=True)
            .order_by("order")
        )
    return step_page(
        request,
        "translation_workflow/review.html",
        _("Review Spanish translation"),
        "tasks",
        _display_title(instance),
        {
            "instance": instance,
            "is_page": isinstance(instance, Page),
            "source": source,
            "state": state,
            "task_state": state.current_task_state if state else None,
            "actions": actions,
            "form": form,
            "strings": strings,
        },
    )


@xframe_options_sameorigin
def review_preview(request, page_id, side):
    """One half of the side-by-side view, framed by review.html."""
    page = _translated_page(page_id)
    if not _may_see_review(request.user, page):
        raise PermissionDenied
    if side == "english":
        source = review.translation_source_for(page)
        if source is None:
            raise Http404
        shown = source.get_source_instance().specific
        if not may_read_source_page(request.user, shown):
            raise PermissionDenied  # an English draft is for those who may edit it
    else:
        state = review.active_review(page)
        revision = (
            state.current_task_state.revision if state and state.current_task_state else page.get_latest_revision()
        )
        shown = revision.as_object() if revision else page
    response = shown.make_preview_request(request, shown.default_preview_mode)
    # The preview ran through the middleware as a request for the public page, whose security policy
    # forbids framing; this is an admin URL framed by the admin, so the admin's policy applies.
    if "Content-Security-Policy" in response:
        del response["Content-Security-Policy"]
    return response


# --- Translation status report ------------------------------------------------------------------


class TranslationStatusFilterSet(WagtailFilterSet):
    """The filter form only: rows are plain objects, filtered in TranslationStatusReportView."""

    section = django_filters.ChoiceFilter(label=gettext_lazy("Section"), choices=section_choices, method="keep")
    status = django_filters.ChoiceFilter(label=gettext_lazy("Spanish status"), choices=STATUS_CHOICES, method="keep")

    def keep(self, rows, name, value):
        return rows

    class Meta:
        model = Page
        fields = []


class TranslationStatusReportView(ReportView):
    page_title = gettext_lazy("Translation status")
    header_icon = "wagtail-localize-language"
    index_url_name = "translation_workflow:status_report"
    index_results_url_name = "translation_workflow:status_report_results"
    filterset_class = TranslationStatusFilterSet
    paginate_by = 100
    list_export = [
        "title",
        "content_type",
        "section_title",
        "english_published_at",
        "status_label",
        "outdated_since",
        "translated_share",
        "strings_translated",
        "strings_total",
    ]
    export_headings = {
        "title": gettext_lazy("English title"),
        "content_type": gettext_lazy("Type"),
        "section_title": gettext_lazy("Section"),
        "english_published_at": gettext_lazy("English published"),
        "status_label": gettext_lazy("Spanish status"),
        "outdated_since": gettext_lazy("Outdated since"),
        "translated_share": gettext_lazy("Strings translated (%)"),
        "strings_translated": gettext_lazy("Strings translated"),
        "strings_total": gettext_lazy("Strings in English"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtail_localize.submit_translation"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def columns(self):
        return [
            TitleColumn("title", label=_("English"), get_url=lambda row: row.english_url),
            Column("content_type", label=_("Type")),
            Column("section_title", label=_("Section")),
            Column("status_display", label=_("Spanish status")),
            Column("translated_share_display", label=_("Translated")),
            DateColumn("english_published_at", label=_("English published")),
            # "Edit translation" is one action: Wagtail's listing titles may break mid-word, this one never wraps.
            TitleColumn(
                "action_label", label=_("Action"), get_url=lambda row: row.action_url, classname="w-whitespace-nowrap"
            ),
        ]

    def get_queryset(self):
        return translation_statuses()

    def filter_queryset(self, rows):
        if self.filters and self.filters.is_valid():
            section = self.filters.form.cleaned_data.get("section")
            status = self.filters.form.cleaned_data.get("status")
            if section:
                rows = [row for row in rows if row.section == section]
            if status:
                rows = [row for row in rows if row.status == status]
        return rows
