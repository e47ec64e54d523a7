"""The Discussion Blog's demo content is enough to show every feature, in both languages."""

import pytest
from bs4 import BeautifulSoup

from blog.models import BlogIndexPage, QAPostPage, QuestionSubmission, Topic
from members.services import display_name

pytestmark = pytest.mark.django_db


def card_titles(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return [a.text for a in BeautifulSoup(response.content, "html.parser").select(".post-card__title a")]


def check_two_pages_of_posts_in_each_language(client):
    english_posts = QAPostPage.objects.live().public().filter(locale__language_code="en")
    assert english_posts.count() >= 6
    per_page = BlogIndexPage.posts_per_page
    assert english_posts.count() > per_page, "enough posts for a second listing page"

    for prefix in ("", "/es"):
        first, second = card_titles(client, f"{prefix}/blog/"), card_titles(client, f"{prefix}/blog/?page=2")
        assert len(first) == per_page, prefix
        assert second and set(first).isdisjoint(second), prefix


def check_every_post_has_a_live_spanish_version():
    for post in QAPostPage.objects.filter(locale__language_code="en"):
        spanish = QAPostPage.objects.get(translation_key=post.translation_key, locale__language_code="es")
        assert spanish.live, post.title
        assert spanish.title != post.title, post.title
        assert (spanish.date, spanish.asker_id, spanish.asker_name) == (post.date, post.asker_id, post.asker_name)
        assert [topic.locale.language_code for topic in spanish.topics] == ["es"] * len(post.topics)


def check_several_posts_answer_demo_members_by_their_pseudonym():
    answered_members = QAPostPage.objects.filter(locale__language_code="en", asker__isnull=False)
    assert answered_members.values("asker").distinct().count() >= 2
    for post in answered_members.select_related("asker__member_profile"):
        assert post.asker.groups.filter(name="Members").exists(), post.title
        assert post.asker_name == display_name(post.asker)
        assert str(post.answer[0].value).startswith(f"<p>Dear {post.asker_name},"), post.title


def check_the_posts_span_the_topics_in_both_languages(client):
    english_topics = Topic.objects.filter(locale__language_code="en")
    assert english_topics.count() >= 5
    assert Topic.objects.filter(locale__language_code="es").count() == english_topics.count()
    used = {link.topic_id for post in QAPostPage.objects.live() for link in post.topic_links.all()}
    assert len(used & set(english_topics.values_list("pk", flat=True))) >= 5
    spanish_topic = Topic.objects.get(locale__language_code="es", slug="parejas")
    assert card_titles(client, f"/es/blog/temas/{spanish_topic.slug}/")


def test_the_demo_blog_has_two_pages_of_bilingual_posts_across_topics_several_for_demo_members(demo, client):
    # One test, several checks: loading the demo takes a while.
    check_two_pages_of_posts_in_each_language(client)
    check_every_post_has_a_live_spanish_version()
    check_several_posts_answer_demo_members_by_their_pseudonym()
    check_the_posts_span_the_topics_in_both_languages(client)


def test_the_demo_inbox_has_a_question_in_every_status(demo):
    statuses = set(QuestionSubmission.objects.values_list("status", flat=True))
    assert statuses == set(QuestionSubmission.Status.values)
    in_progress = QuestionSubmission.objects.get(status=QuestionSubmission.Status.IN_PROGRESS)
    assert in_progress.answer_post is not None and not in_progress.answer_post.live
    assert in_progress.answer_post.locale.language_code == in_progress.language
    answered = QuestionSubmission.objects.get(status=QuestionSubmission.Status.ANSWERED)
    assert answered.answer_post.live and answered.answered_at
    declined = QuestionSubmission.objects.get(status=QuestionSubmission.Status.DECLINED)
    assert declined.decline_message.startswith(f"Dear {declined.pseudonym},")
    assert {question.language for question in QuestionSubmission.objects.all()} == {"en", "es"}
