"""Topics in the admin: editors create and edit them, each language keeps its own slugs, and the
page editor offers only the topics of the page's language. A topic's archive gathers posts and
podcast episodes."""

import pytest
from bs4 import BeautifulSoup
from django.db import transaction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from blog.models import EpisodeTopic, QAPostPage, Topic
from home.models import HomePage
from tests.members.factories import logged_in

from .factories import BLOG_SPANISH, INDEX_SPANISH, make_blog, make_episode, make_podcast, make_post, make_topic

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/snippets/blog/topic/add/"


def edit_url(topic):
    return f"/admin/snippets/blog/topic/edit/{topic.pk}/"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_an_editor_creates_a_topic_in_the_admin(a_home_page, an_editor, english):
    editor = logged_in(an_editor)
    assert editor.get(ADD_URL).status_code == 200

    response = editor.post(
        ADD_URL + "?locale=en",
        {"name": "Self-care", "slug": "self-care", "description": "Looking after yourself too."},
    )

    assert response.status_code == 302
    topic = Topic.objects.get()
    assert (topic.name, topic.slug, topic.locale) == ("Self-care", "self-care", english)
    assert "Self-care" in editor.get("/admin/snippets/blog/topic/").content.decode()


def test_an_editor_renames_a_topic_in_the_admin(a_home_page, an_editor, english):
    topic = make_topic(english)

    renamed = {"name": "Partners and spouses", "slug": "partners", "description": "Couples."}
    assert logged_in(an_editor).post(edit_url(topic), renamed).status_code == 302
    topic.refresh_from_db()
    assert topic.name == "Partners", "a saved draft leaves the live topic as readers see it"

    response = logged_in(an_editor).post(edit_url(topic), {**renamed, "action-publish": "action-publish"})

    assert response.status_code == 302
    topic.refresh_from_db()
    assert (topic.name, topic.description) == ("Partners and spouses", "Couples.")


def test_a_slug_already_used_in_the_language_is_a_form_error_not_a_crash(a_home_page, admin_client, english):
    make_topic(english)
    other = make_topic(english, "Relapse", "relapse")

    created = admin_client.post(ADD_URL + "?locale=en", {"name": "Couples", "slug": "partners", "description": ""})
    edited = admin_client.post(edit_url(other), {"name": "Relapse", "slug": "partners", "description": ""})

    for response in (created, edited):
        assert response.status_code == 200
        assert response.context["form"].errors["slug"] == [
            "Another topic in this language already uses this slug. Choose a different one."
        ]
    assert Topic.objects.filter(slug="partners").count() == 1
    assert Topic.objects.get(pk=other.pk).slug == "relapse"


def test_the_same_slug_may_be_used_in_another_language(a_home_page, english, spanish):
    make_topic(english, "Treatment", "tratamiento")
    spanish_topic = Topic(locale=spanish, name="Tratamiento", slug="tratamiento")
    spanish_topic.full_clean()


@pytest.fixture
def a_bilingual_blog(a_spanish_home_page, english, translate):
    blog = make_blog(HomePage.objects.get(locale=english))
    spanish_blog = translate(blog, BLOG_SPANISH)
    topic = make_topic(english)
    spanish_topic = translate(topic, {"Partners": "Parejas", "partners": "parejas"})
    return blog, spanish_blog, topic, spanish_topic


def post_data(topic):
    return nested_form_data(
        {
            "title": "Hablar sin discutir",
            "slug": "hablar-sin-discutir",
            "asker_name": "Rosa",
            "question": "¿Cómo hablo con él?",
            "answer": streamfield([("paragraph", rich_text("<p>Hola, Rosa.</p>"))]),
            "excerpt": "Tres ideas.",
            "topic_links": inline_formset([{"topic": topic.pk}]),
            "related_post_links": inline_formset([]),
            "date": "2025-03-01",
            "action-publish": "publish",
        }
    )


def test_the_topic_chooser_of_a_spanish_post_offers_only_spanish_topics(a_bilingual_blog, admin_client):
    _blog, spanish_blog, topic, spanish_topic = a_bilingual_blog
    add_url = f"/admin/pages/add/blog/qapostpage/{spanish_blog.pk}/"

    form = admin_client.get(add_url).context["form"]
    template_form = form.formsets["topic_links"].empty_form
    assert list(template_form.fields["topic"].queryset) == [spanish_topic]

    refused = admin_client.post(add_url, post_data(topic))
    assert refused.status_code == 200
    assert not QAPostPage.objects.filter(slug="hablar-sin-discutir").exists()
    accepted = admin_client.post(add_url, post_data(spanish_topic))
    assert accepted.status_code == 302
    assert QAPostPage.objects.get(slug="hablar-sin-discutir").topics == [spanish_topic]


def test_editing_an_english_post_offers_only_english_topics(a_bilingual_blog, admin_client):
    blog, _spanish_blog, topic, _spanish_topic = a_bilingual_blog
    post = make_post(blog, 1, topics=[topic])

    form = admin_client.get(f"/admin/pages/{post.pk}/edit/").context["form"]

    (existing,) = form.formsets["topic_links"].forms
    assert list(existing.fields["topic"].queryset) == [topic]


def test_the_topic_chooser_of_a_spanish_episode_offers_only_spanish_topics(a_bilingual_blog, admin_client, english):
    _blog, _spanish_blog, topic, spanish_topic = a_bilingual_blog
    podcast = make_podcast(HomePage.objects.get(locale=english))
    with transaction.atomic():
        spanish_podcast = podcast.copy_for_translation(spanish_topic.locale, copy_parents=False)
    spanish_podcast.title, spanish_podcast.slug = INDEX_SPANISH["Family Conversations"], "podcast"
    spanish_podcast.save_revision().publish()

    english_form = admin_client.get(f"/admin/pages/add/blog/podcastepisodepage/{podcast.pk}/").context["form"]
    spanish_form = admin_client.get(f"/admin/pages/add/blog/podcastepisodepage/{spanish_podcast.pk}/").context["form"]

    assert list(english_form.formsets["topic_links"].empty_form.fields["topic"].queryset) == [topic]
    assert list(spanish_form.formsets["topic_links"].empty_form.fields["topic"].queryset) == [spanish_topic]


def test_a_topic_archive_also_lists_the_podcast_episodes_sharing_the_topic(a_home_page, client, english):
    blog = make_blog(a_home_page)
    partners = make_topic(english)
    relapse = make_topic(english, "Relapse", "relapse")
    make_post(blog, 1, topics=[partners])
    podcast = make_podcast(a_home_page)
    about_partners = make_episode(podcast, 1, title="Listening to a partner")
    about_partners.topic_links = [EpisodeTopic(topic=partners)]
    about_partners.save_revision().publish()
    about_relapse = make_episode(podcast, 2, title="After a relapse")
    about_relapse.topic_links = [EpisodeTopic(topic=relapse)]
    about_relapse.save_revision().publish()
    draft = make_episode(podcast, 3, title="Draft about partners")
    draft.topic_links = [EpisodeTopic(topic=partners)]
    draft.save_revision().publish()
    draft.unpublish()

    soup = BeautifulSoup(client.get("/blog/topic/partners/").content, "html.parser")

    section = soup.select_one(".topic-episodes")
    assert section.h2.text == "Podcast episodes about Partners"
    assert [a.text for a in section.select("a")] == ["Listening to a partner"]
    assert section.a["href"] == "/podcast/listening-1/"
    assert "0:02" in section.text
    assert [a.text for a in soup.select(".post-card__title a")] == ["How do I start talking about treatment 1"]
    assert BeautifulSoup(client.get("/blog/").content, "html.parser").select_one(".topic-episodes") is None


def test_the_topic_listing_shows_one_language_at_a_time(a_home_page, admin_client, english, translate):
    translate(make_topic(english), {"Partners": "Parejas", "partners": "parejas"})

    spanish = admin_client.get("/admin/snippets/blog/topic/", {"locale": "es"}).content.decode()
    english_listing = admin_client.get("/admin/snippets/blog/topic/", {"locale": "en"}).content.decode()

    assert "Parejas" in spanish and "Partners" not in spanish
    assert "Partners" in english_listing and "Parejas" not in english_listing
