"""Podcast audio follows its episode: who may hear a recording, and the stable address feeds use.

The bytes are sent by the site's one file-sending implementation (`cms.protected_media.send_file`:
ranges in development, X-Accel-Redirect to nginx in production). The same rule guards the
recording at its media-library address too (`before_serve_media`, registered in wagtail_hooks).
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe
from wagtailmedia import get_media_model

from blog.models import PodcastEpisodePage
from cms.protected_media import send_file


def heard_by(request, media_item):
    """Whether the visitor may hear this item, and whether anyone at all may.

    Audio follows its episode's privacy: a draft episode's recording stays unheard until it is
    published, and a members-only episode's recording is for members. Editors hear everything,
    so previews play. An item no episode uses is not podcast audio: (None, None).
    """
    episodes = PodcastEpisodePage.objects.filter(audio=media_item)
    if not episodes.exists():
        return None, None
    for episode in episodes.live():
        restrictions = episode.get_view_restrictions()
        if not restrictions:
            return True, True
        if all(restriction.accept_request(request) for restriction in restrictions):
            return True, False
    return request.user.has_perm("wagtailadmin.access_admin"), False


def refuse_unheard_audio(media_item, request):
    """`before_serve_media` hook: a recording is no easier to reach by its library address."""
    allowed, _public = heard_by(request, media_item)
    if allowed is False:
        raise Http404


@require_safe
def serve_audio(request, pk, filename):
    media_item = get_object_or_404(get_media_model(), pk=pk, type="audio")
    if filename != media_item.filename:
        raise Http404
    allowed, public = heard_by(request, media_item)
    if allowed is None:
        # Not in any episode yet: only editors, who are about to use it.
        allowed = request.user.has_perm("wagtailadmin.access_admin")
    if not allowed:
        raise Http404
    return send_file(
        request,
        media_item.file.storage,
        media_item.file.name,
        content_type=media_item.mime_type or None,
        public=public,
        attachment_name=media_item.filename if request.GET.get("download") else None,
    )
