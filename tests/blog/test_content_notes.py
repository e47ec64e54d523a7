"""A Q&A answer's passage behind a content note: collapsed for readers, open for members who chose so."""

import pytest
from wagtail.rich_text import RichText

from members.services import profile_for
from tests.blog.factories import BLOG_SPANISH, make_blog, make_post, post_spanish

pytestmark = pytest.mark.django_db

NOTE = "mentions suicide"
PASSAGE = "He told me he did not want to live any more."
SPANISH = {NOTE: "menciona el suicidio", PASSAGE: "Me dijo que ya no quería vivir."}


@pytest.fixture
def a_noted_post(a_home_page, a_spanish_home_page, translate):
    blog = make_blog(a_home_page)
    post = make_post(
        blog,
        1,
        answer=[
            ("paragraph", RichText("<p>Dear Rosa, thank you for writing in (1).</p>")),
            ("content_note", {"note": NOTE, "content": [("paragraph", RichText(f"<p>{PASSAGE}</p>"))]}),
        ],
    )
    translate(blog, BLOG_SPANISH)
    translate(post, {**post_spanish(1), **SPANISH})
    return post


@pytest.mark.parametrize(
    ("url", "summary", "passage"),
    [
        ("/blog/start-talking-1/", "Content note:</span> mentions suicide", PASSAGE),
        ("/es/blog/empezar-a-hablar-1/", "Aviso de contenido:</span> menciona el suicidio", SPANISH[PASSAGE]),
    ],
)
def test_readers_see_the_note_and_the_passage_collapsed(a_noted_post, client, url, summary, passage):
    html = client.get(url).content.decode()
    assert '<details class="content-note">' in html
    assert summary in html
    assert html.index(passage) > html.index('<details class="content-note">')


def test_a_member_who_chose_always_expand_gets_it_open(a_noted_post, client, make_user):
    member = make_user("rosa", "Members")
    profile = profile_for(member)
    profile.expand_content_notes = True
    profile.save()
    client.force_login(member)
    html = client.get("/es/blog/empezar-a-hablar-1/").content.decode()
    assert '<details class="content-note" open>' in html


def test_an_answer_note_holds_the_blocks_an_answer_allows_and_no_further_note():
    from blog.blocks import AnswerBlock

    answer = AnswerBlock()
    inside = answer.child_blocks["content_note"].child_blocks["content"]
    assert set(inside.child_blocks) == set(answer.child_blocks) - {"content_note"}


def test_a_transcript_section_sits_behind_its_note_on_the_episode_and_the_transcript_page(a_home_page, client):
    from tests.blog.factories import make_episode, make_podcast

    episode = make_episode(
        make_podcast(a_home_page),
        1,
        transcript=[
            ("text", RichText("<p>Host: welcome.</p>")),
            ("content_note", {"note": "describes an overdose", "content": [("text", RichText(f"<p>{PASSAGE}</p>"))]}),
        ],
    )
    for url in (episode.url, episode.get_transcript_url()):
        html = client.get(url).content.decode()
        assert "Host: welcome." in html, url
        note = html.index('<details class="content-note">')
        assert "Content note:</span> describes an overdose" in html[note:], url
        assert html.index(PASSAGE) > note, url


def test_a_transcript_note_holds_text_and_no_further_note():
    from blog.podcast_blocks import TranscriptBlock

    inside = TranscriptBlock().child_blocks["content_note"].child_blocks["content"]
    assert set(inside.child_blocks) == {"text"}
