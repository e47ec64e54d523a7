"""URLs of the blog app, mounted inside i18n_patterns by cms/urls.py."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import media_views, views

app_name = "blog"

urlpatterns = [
    # The question form sits beside the blog's pages; the blog page's own sub-URLs (topics, months,
    # feeds) are routes of BlogIndexPage. The words are translated: /es/blog/preguntar/.
    path(_("blog/ask/"), views.ask_question, name="ask_question"),
    path(_("blog/ask/sent/"), views.question_sent, name="question_sent"),
    # Podcast audio with range requests (players seek with them); see blog.media_views.
    path("podcast-audio/<int:pk>/<str:filename>", media_views.serve_audio, name="podcast_audio"),
]
