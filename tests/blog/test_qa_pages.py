import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site as DjangoSite
from django_comments_xtd.models import XtdComment
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from blog.models import BlogIndexPage, QAPostPage, QARelatedPost
from home.models import HomePage
from tests.links import BASE_URL

from .factories import BLOG_SPANISH, make_blog, make_image, make_post, make_topic, post_spanish

pytestmark = pytest.mark.django_db


class TestPageTree(WagtailPageTestCase):
    def test_the_blog_sits_under_a_home_page_and_holds_only_qa_posts(self):
        self.assertAllowedParentPageTypes(BlogIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(BlogIndexPage, {QAPostPage})

    def test_qa_posts_sit_only_in_a_blog_and_have_no_children(self):
        self.assertAllowedParentPageTypes(QAPostPage, {BlogIndexPage})
        self.assertAllowedSubpageTypes(QAPostPage, set())


def test_a_home_page_holds_one_blog_at_most(a_home_page):
    make_blog(a_home_page)
    assert not BlogIndexPage.can_create_at(a_home_page)


def test_an_editor_creates_a_post_with_an_answer_topic_and_member_asker(a_home_page, admin_client, english, make_user):
    blog = make_blog(a_home_page)
    topic = make_topic(english)
    asker = make_user("rosa-member", "Members")
    data = nested_form_data(
        {
            "title": "Staying calm at dinner",
            "slug": "staying-calm",
            "asker": asker.pk,
            "asker_name": "Rosa",
            "question": "How do I stay calm?",
            "answer": streamfield([("paragraph", rich_text("<p>Dear Rosa, thank you for writing in.</p>"))]),
            "excerpt": "Three ways to stay calm.",
            "topic_links": inline_formset([{"topic": topic.pk}]),
            "related_post_links": inline_formset([]),
            "date": "2025-03-01",
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/blog/qapostpage/{blog.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    post = QAPostPage.objects.get(slug="staying-calm")
    assert post.live and post.asker == asker and post.topics == [topic]


def test_the_asker_list_in_the_editor_offers_members_only_by_name(a_home_page, admin_client, make_user):
    blog = make_blog(a_home_page)
    make_user("rosa-member", "Members")
    make_user("staff-only", "Editors")
    response = admin_client.get(f"/admin/pages/add/blog/qapostpage/{blog.pk}/")
    choices = [label for _value, label in response.context["form"].fields["asker"].choices]
    assert "rosa-member" in choices
    assert "staff-only" not in choices
    assert "rosa-member@example.org" not in response.content.decode()


def test_a_post_shows_the_question_as_a_quote_the_credit_and_sharing_tags(a_home_page, client, english, make_user):
    blog = make_blog(a_home_page)
    asker = make_user("rosa-member", "Members")
    post = make_post(
        blog, 1, topics=[make_topic(english)], image=make_image(), asker=asker, featured_image_alt="A table"
    )
    html = client.get(post.url).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert "Where do I begin?" in soup.select_one(".qa-question blockquote").text
    assert "Rosa asked:" in soup.select_one(".qa-question figcaption").text
    assert "Image: Ana Test" in html
    assert soup.find("meta", attrs={"name": "description"})["content"] == post.excerpt
    assert soup.find("meta", property="og:title")["content"] == post.title
    assert soup.find("meta", property="og:url")["content"] == post.full_url
    assert soup.find("meta", property="og:image")["content"].startswith("http")
    assert soup.find("link", rel="canonical")["href"] == post.full_url
    assert "rosa-member@example.org" not in html


def test_the_listing_is_newest_first_and_paginated(a_home_page, client, english):
    blog = make_blog(a_home_page)
    for number in range(1, blog.posts_per_page + 2):
        make_post(blog, number)
    first = client.get(blog.url)
    titles = [a.text for a in BeautifulSoup(first.content, "html.parser").select(".post-card__title a")]
    assert len(titles) == blog.posts_per_page
    assert titles[0].endswith(f" {blog.posts_per_page + 1}")
    second = client.get(blog.url, {"page": 2})
    titles = [a.text for a in BeautifulSoup(second.content, "html.parser").select(".post-card__title a")]
    assert titles == ["How do I start talking about treatment 1"]
    assert f'rel="canonical" href="{BASE_URL}/blog/?page=2"' in second.content.decode()


def test_the_listing_filters_by_topic_and_by_month(a_home_page, client, english):
    blog = make_blog(a_home_page)
    partners = make_topic(english)
    relapse = make_topic(english, "Relapse", "relapse")
    make_post(blog, 1, topics=[partners], date=datetime.date(2025, 3, 2))
    make_post(blog, 2, topics=[relapse], date=datetime.date(2025, 4, 5))
    make_post(blog, 3, topics=[partners, relapse], date=datetime.date(2025, 4, 9))

    def titles(url):
        response = client.get(url)
        assert response.status_code == 200
        return {a.text[-1] for a in BeautifulSoup(response.content, "html.parser").select(".post-card__title a")}

    assert titles("/blog/topic/partners/") == {"1", "3"}
    assert titles("/blog/topic/relapse/") == {"2", "3"}
    assert titles("/blog/2025/04/") == {"2", "3"}
    assert titles("/blog/2025/03/") == {"1"}
    assert client.get("/blog/topic/no-such-topic/").status_code == 404
    assert client.get("/blog/2025/13/").status_code == 404


def test_each_card_shows_author_date_topics_and_visible_comment_count(a_home_page, client, english, make_user):
    blog = make_blog(a_home_page)
    author = make_user("counsellor", "Editors", first_name="Ana", last_name="Ruiz")
    post = make_post(blog, 1, topics=[make_topic(english)], author=author)
    site = DjangoSite.objects.get_current()
    content_type = ContentType.objects.get_for_model(QAPostPage)
    for is_public in (True, True, False):
        XtdComment.objects.create(
            content_type=content_type, object_pk=str(post.pk), site=site, comment="Thank you", is_public=is_public
        )
    card = BeautifulSoup(client.get(blog.url).content, "html.parser").select_one(".post-card")
    text = " ".join(card.text.split())
    assert "by Ana Ruiz" in text
    assert "2 comments" in text
    assert "Partners" in text
    assert "Jan. 2, 2025" in text


def build_listing(blog, topic, image, count, start):
    for number in range(start, start + count):
        post = make_post(blog, number, topics=[topic], image=image)
        XtdComment.objects.create(
            content_type=ContentType.objects.get_for_model(QAPostPage),
            object_pk=str(post.pk),
            site=DjangoSite.objects.get_current(),
            comment="Me too",
        )


# Issue 9's budget, with the caches production runs with, for the worst route (a topic archive
# also looks up that topic's podcast episodes); 2 and 12 posts must cost exactly the same.
LISTING_QUERIES = 20


@pytest.mark.parametrize("path", ["/blog/", "/blog/topic/partners/", "/blog/2025/01/"])
def test_listing_queries_do_not_grow_with_the_number_of_posts(
    a_home_page, client, english, path, django_assert_max_num_queries, production_caching
):
    blog = make_blog(a_home_page)
    topic = make_topic(english)
    build_listing(blog, topic, make_image(), count=2, start=1)
    client.get(path)  # renditions are created on the first render: count the steady state
    with django_assert_max_num_queries(LISTING_QUERIES) as small:
        client.get(path)
    build_listing(blog, topic, make_image("Second image"), count=10, start=3)
    client.get(path)
    with django_assert_max_num_queries(LISTING_QUERIES) as large:
        response = client.get(path)
    assert len(large) == len(small)
    assert len(BeautifulSoup(response.content, "html.parser").select(".post-card")) == blog.posts_per_page


def test_private_posts_stay_out_of_the_listing(a_home_page, client):
    blog = make_blog(a_home_page)
    make_post(blog, 1)
    hidden = make_post(blog, 2)
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    html = client.get(blog.url).content.decode()
    assert "treatment 1" in html
    assert "treatment 2" not in html


def test_related_posts_are_hand_picked_first_then_share_a_topic(a_home_page, english):
    blog = make_blog(a_home_page)
    partners = make_topic(english)
    other = make_topic(english, "Self-care", "self-care")
    older_sharing = make_post(blog, 1, topics=[partners])
    picked = make_post(blog, 2, topics=[other])
    newer_sharing = make_post(blog, 3, topics=[partners])
    make_post(blog, 4, topics=[other])
    post = make_post(blog, 5, topics=[partners])
    post.related_post_links = [QARelatedPost(post=picked)]
    post.save_revision().publish()
    post = QAPostPage.objects.get(pk=post.pk)
    assert post.related_posts() == [picked, newer_sharing, older_sharing]


def test_a_translated_post_keeps_asker_date_and_author_and_uses_spanish_topics(
    a_spanish_home_page, translate, english, client, make_user
):
    blog = make_blog(HomePage.objects.get(locale=english))
    translate(blog, BLOG_SPANISH)
    topic = make_topic(english)
    spanish_topic = translate(topic, {"Partners": "Parejas", "partners": "parejas"})
    author = make_user("counsellor", "Editors")
    asker = make_user("rosa-member", "Members")
    post = make_post(blog, 1, topics=[topic], author=author, asker=asker)
    spanish_post = translate(post, post_spanish(1))
    assert (spanish_post.date, spanish_post.author, spanish_post.asker) == (post.date, author, asker)
    assert spanish_post.asker_name == "Rosa"
    assert spanish_post.topics == [spanish_topic]
    response = client.get("/es/blog/empezar-a-hablar-1/")
    assert response.status_code == 200
    assert "¿Por dónde empiezo?" in response.content.decode()
    listing = client.get("/es/blog/temas/parejas/").content.decode()
    assert "Cómo empiezo a hablar de tratamiento 1" in listing
    assert "/es/blog/empezar-a-hablar-1/" in client.get("/sitemap.xml").content.decode()


def test_an_answer_links_to_related_learning_through_the_learning_references(a_home_page, client):
    from learning.models import ModulePage
    from tests.learning.factories import build_course

    build_course(a_home_page, modules=1, segments=1)
    module = ModulePage.objects.get(number=1)
    blog = make_blog(a_home_page)
    reference = {"page": module, "exercise": None, "link_text": ""}
    post = make_post(
        blog,
        1,
        answer=[("related_learning", {"heading": "Practise this skill", "references": [reference]})],
    )
    soup = BeautifulSoup(client.get(post.url).content, "html.parser")
    aside = soup.select_one(".related-learning")
    assert aside.h3.text == "Practise this skill"
    assert aside.select_one(".learning-reference a")["href"] == module.url
