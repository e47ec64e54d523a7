"""The podcast in the Wagtail admin: guests, and a translated episode's own recording.

Registered from blog.wagtail_hooks.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.models import Locale
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtailmedia.models import get_media_model
from wagtailmedia.widgets import AdminAudioChooser

from .admin_views import admin_form_page
from .models import Guest, PodcastEpisodePage
from .models.podcasts import use_translated_recording


class GuestViewSet(SnippetViewSet):
    model = Guest
    icon = "user"
    menu_label = _("Podcast guests")
    list_display = ["name", "role"]
    ordering = ["name"]


class TranslatedRecordingForm(forms.Form):
    recording = forms.ModelChoiceField(
        label=_("Recording in this language"),
        queryset=get_media_model().objects.filter(type="audio"),
        widget=AdminAudioChooser(),
        help_text=_("For example a Spanish-language recording of the conversation. Later syncs from English keep it."),
    )


def translated_recording(request, page_id):
    """Give a translated episode its own recording: wagtail-localize's editor has no media chooser.

    Whoever may edit the translated page may choose it; it goes live at once only for those who may
    publish there (Spanish reviewers), otherwise it waits with the translation until a reviewer
    publishes it.
    """
    episode = get_object_or_404(PodcastEpisodePage, pk=page_id)
    source = episode.get_translations().filter(locale=Locale.get_default()).first()
    permissions = episode.permissions_for_user(request.user)
    if source is None or not permissions.can_edit():
        raise PermissionDenied
    form = TranslatedRecordingForm(request.POST or None, initial={"recording": episode.audio_id})
    # Saved or cancelled, the translator goes back to the episode's editor.
    episode_editor = reverse("wagtailadmin_pages:edit", args=[episode.pk])
    if request.method == "POST" and form.is_valid():
        publish = permissions.can_publish()
        use_translated_recording(
            source.specific, form.cleaned_data["recording"], episode.locale, request.user, publish=publish
        )
        if publish:
            messages.success(request, _("The episode now plays its own recording."))
        else:
            messages.success(
                request, _("The recording is saved with the translation: it goes live when a reviewer publishes it.")
            )
        return redirect(episode_editor)
    return admin_form_page(
        request,
        "blog/admin/translated_recording.html",
        title=_("Recording in this language"),
        icon="media",
        cancel_url=episode_editor,
        episode=episode,
        form=form,
    )
