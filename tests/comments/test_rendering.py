"""The comment section's fast helpers say exactly what the template filters they replace said."""

import datetime
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Engine
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import linebreaks, urlize
from django.utils.timesince import timesince as django_timesince

from comments.rendering import comment_text_html, render_threads, timesince
from comments.tree import CommentNode, CommentRow, _PictureUrls

TEXTS = [
    "Plain words, nothing to link.\nA second line.\n\nA second paragraph.",
    "Quotes \" and ' and <b>tags</b> & ampersands",
    "See https://example.org/help, (www.samhsa.gov) and example.com/path.",
    "Write to someone@example.org or call.",
    "javascript:alert(1) and http://[::1]/ and HTTPS://EXAMPLE.ORG",
    "Ends with a dot.com. And a: colon",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_comment_text_is_what_urlize_and_linebreaks_made_of_it(text):
    linked = urlize(text, nofollow=True, autoescape=True).replace(' rel="nofollow"', ' rel="nofollow ugc"')
    assert comment_text_html(text) == linebreaks(linked, autoescape=False)


@pytest.mark.parametrize("language", ["en", "es"])
def test_time_since_reads_as_the_timesince_filter_in_both_languages(language):
    now = datetime.datetime(2025, 3, 1, 12, 0, 30, tzinfo=datetime.UTC)
    deltas = [datetime.timedelta(seconds=s) for s in (-5, 0, 30, 59, 60, 61, 3599, 3600, 7260, 86399, 86400)]
    deltas += [
        datetime.timedelta(days=days, hours=hours, minutes=minutes)
        for days in (1, 6, 7, 13, 27, 28, 29, 31, 45, 59, 60, 366, 400, 800)
        for hours, minutes in ((0, 0), (5, 7), (23, 59))
    ]
    with translation.override(language):
        for delta in deltas:
            value = now - delta
            assert timesince(value, now, language) == django_timesince(value, now), (language, delta)
        for day in range(1, 32):  # month ends and leap years
            for month in range(1, 13):
                try:
                    value = datetime.datetime(2023, month, day, 18, 45, tzinfo=datetime.UTC)
                except ValueError:
                    continue
                assert timesince(value, now, language) == django_timesince(value, now), (language, value)
    assert timesince(timezone.now(), timezone.now() + datetime.timedelta(hours=3), language) != ""


@pytest.mark.parametrize("language", ["en", "es"])
def test_picture_addresses_are_those_reverse_gives(language):
    with translation.override(language):
        picture_url = _PictureUrls()
        for username in ["rosa", "maría.josé", "a+b@c-d_e", "o'brien"]:
            assert picture_url(username) == reverse("members:picture", args=[username])


# --- Muted authors (issue 21): render_threads against the nodes comment_tree gives ---------------


def _node(pk, user_id, text, parent_id=0, **extra):
    row = CommentRow(pk, parent_id or pk, user_id, f"author {user_id}", text, timezone.now(), True, False)
    return CommentNode(comment=row, state="visible", **extra)


def _render(threads, viewer, *, can_mute=True, language="en"):
    with translation.override(language):
        context = Context(
            {"user": viewer, "form": None, "reply_target": None, "can_mute": can_mute, "csrf_token": "token"}
        )
        context.template = Engine.get_default().from_string("")
        return BeautifulSoup(render_threads(context, threads), "html.parser")


@pytest.fixture
def viewer():
    return SimpleNamespace(pk=1, is_authenticated=True)


def test_a_muted_authors_comment_is_wrapped_whole_in_a_details_and_its_replies_are_not(viewer):
    reply = _node(11, 3, "A reply from someone else.", parent_id=10)
    muted = _node(10, 2, "Words <b>escaped</b> even here.", muted_by_viewer=True, children=[reply])
    html = _render([muted], viewer)
    item = html.find(id="c10")
    details = item.find("details", recursive=False)
    assert details["class"] == ["comment__muted"]
    assert details.summary.get_text() == "Comment from a member you muted"
    text = details.find("article").find(class_="comment__text")
    assert text.get_text(strip=True) == "Words <b>escaped</b> even here."
    assert details.find("button", class_="comment__unmute")["formaction"] == "/comments/10/unmute/"
    assert details.find("button", class_="comment__mute") is None, "already muted"
    assert item.find("ol", recursive=False).find(id="c11").find("details") is None
    assert html.find(id="c11").find("button", class_="comment__mute")["formaction"] == "/comments/11/mute/"


def test_mute_controls_skip_the_viewers_own_the_teams_and_former_members_comments(viewer):
    nodes = [
        _node(20, viewer.pk, "Mine."),
        _node(21, 5, "The team.", is_staff=True),
        _node(22, None, "A former member."),
        _node(23, 6, "Another member."),
    ]
    html = _render(nodes, viewer)
    assert [button.find_parent("li")["id"] for button in html.select("button.comment__mute")] == ["c23"]
    # The buttons post the one form after the thread, which carries the token.
    form = html.find(id=html.select_one("button.comment__mute")["form"])
    assert form.select_one("input[name=csrfmiddlewaretoken]")["value"] == "token"


def test_nothing_collapses_or_offers_muting_to_a_viewer_who_may_not_mute(viewer):
    html = _render([_node(30, 2, "Words.", muted_by_viewer=True)], viewer, can_mute=False)
    assert html.find("details") is None and html.find(class_="comment__mute") is None and html.find("form") is None


def test_the_mute_markup_speaks_spanish(viewer):
    html = _render([_node(40, 2, "Palabras.", muted_by_viewer=True), _node(41, 3, "Otras.")], viewer, language="es")
    assert html.summary.get_text() == "Comentario de una persona que usted silenció"
    assert html.select_one("button.comment__unmute").get_text() == "Dejar de silenciar"
    assert html.select_one("button.comment__mute")["formaction"] == "/es/comentarios/41/silenciar/"
    assert html.select_one("button.comment__mute").get_text() == "Silenciar"


def _noted_node(note):
    from comments.tree import CommentNode, CommentRow

    row = CommentRow(7, 7, None, "rosa", "Hard words.", timezone.now(), True, False)
    return CommentNode(comment=row, state="visible", content_note=note)


@pytest.mark.parametrize("expand", [False, True])
def test_a_moderators_note_wraps_the_text_escaped_and_opens_for_those_who_chose_so(expand):
    from types import SimpleNamespace

    from comments.rendering import render_threads

    viewer = SimpleNamespace(pk=1, is_authenticated=True, member_profile=SimpleNamespace(expand_content_notes=expand))
    html = render_threads({"user": viewer, "form": None}, [_noted_node('mentions <b>"suicide"</b>')])
    wanted = '<details class="content-note" open>' if expand else '<details class="content-note">'
    assert wanted in html
    assert "mentions &lt;b&gt;&quot;suicide&quot;&lt;/b&gt;</summary>" in html
    assert html.index("</summary>") < html.index("Hard words.") < html.index("</details>")


def test_a_comment_without_a_note_renders_as_before():
    from django.contrib.auth.models import AnonymousUser

    from comments.rendering import render_threads

    html = render_threads({"user": AnonymousUser(), "form": None}, [_noted_node("")])
    assert "<details" not in html and '<div class="comment__text" dir="auto"><p>Hard words.</p></div>' in html
