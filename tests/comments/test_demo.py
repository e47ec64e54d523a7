"""The demo: comment rules in both languages and threads several replies deep.

That a second load changes none of them is checked with the rest of the demo's rows
(tests/cms/test_demo_content.py counts the comments' tables too).
"""

import pytest
from django.contrib.auth import get_user_model
from django_comments_xtd.models import XtdComment

from comments.language import mentions_self_harm, suggestions_for
from comments.models import AdvicePhrase, CommentPolicy, IdentifyingPlace, LanguageSuggestion, SafetyTerm
from comments.sharing import advice_in, identifying_details
from comments.tree import comment_tree

pytestmark = pytest.mark.django_db


def depth(nodes):
    return max((1 + depth(node.children) for node in nodes), default=0)


def test_the_demo_has_comment_rules_and_deep_bilingual_threads_with_staff_replies(demo, client, english, spanish):
    from django.contrib.auth.models import AnonymousUser

    from blog.models import PodcastEpisodePage, QAPostPage

    assert all(model.objects.exists() for model in (LanguageSuggestion, SafetyTerm, AdvicePhrase, IdentifyingPlace))
    assert (
        CommentPolicy.objects.filter(locale=english).exists() and CommentPolicy.objects.filter(locale=spanish).exists()
    )
    assert [item["entry"].term for item in suggestions_for("He is an addict.", english)] == ["addict"]
    assert [item["entry"].term for item in suggestions_for("Es drogadicto.", spanish)] == ["drogadicto"]
    assert mentions_self_harm("I want to end my life") and mentions_self_harm("A veces quiero suicidarme")

    for model in (QAPostPage, PodcastEpisodePage):
        for locale in (english, spanish):
            deepest = max(
                depth(comment_tree(page, AnonymousUser())) for page in model.objects.live().filter(locale=locale)
            )
            assert deepest >= 3, (model, locale)

    post = QAPostPage.objects.get(slug="where-do-i-even-begin", locale=english)
    assert "comment__badge" in client.get(post.url).content.decode(), "the editorial team replies as staff"
    client.force_login(get_user_model().objects.get(username="member"))
    html = client.get(post.url).content.decode()
    assert CommentPolicy.objects.get(locale=english).summary in html, "the policy sits above the form"
    assert "Comment from a member you muted" in html, "`member` muted River Stone, who writes in this thread"
    spanish_post = QAPostPage.objects.get(slug="por-donde-empiezo", locale=spanish)
    spanish_thread = comment_tree(spanish_post, AnonymousUser())
    assert spanish_thread[0].comment.comment.startswith("A mí me ayudó empezar")
    assert CommentPolicy.objects.get(locale=spanish).summary.startswith("Sea amable")

    from comments.admin_views import Status, queue_counts

    counts = queue_counts()
    assert counts[Status.PENDING] == 2 and counts[Status.FLAGGED] == 1, "a moderator's first login finds work"


def test_the_demo_has_advice_phrases_places_and_a_thread_that_shares_experience(demo, english, spanish):
    assert [item["entry"].phrase for item in advice_in("You should kick him out.", english)] == [
        "you should",
        "kick him out",
    ]
    assert [item["entry"].suggestion for item in advice_in("Tienes que echarlo.", spanish)] == [
        "En mi familia, lo que funcionó fue …"
    ]
    assert [item["entry"].term for item in suggestions_for("Mi hijo es un drug abuser.", english)] == ["abuser"]
    assert [item["entry"].term for item in suggestions_for("Dicen que son yonquis.", spanish)] == ["yonqui"]
    assert [finding.kind for finding in identifying_details("Vivimos en Hialeah.")] == ["place"]
    assert XtdComment.objects.filter(comment__startswith="What helped me was talking about what I would do").exists()
    assert XtdComment.objects.filter(comment__startswith="A mí me ayudó hablar de lo que yo iba a hacer").exists()
