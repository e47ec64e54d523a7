"""The comment section's fast helpers say exactly what the template filters they replace said."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import linebreaks, urlize
from django.utils.timesince import timesince as django_timesince

from comments.rendering import comment_text_html, timesince
from comments.tree import _PictureUrls

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


def _node(note):
    from comments.tree import CommentNode, CommentRow

    row = CommentRow(7, 7, None, "rosa", "Hard words.", timezone.now(), True, False)
    return CommentNode(comment=row, state="visible", content_note=note)


@pytest.mark.parametrize("expand", [False, True])
def test_a_moderators_note_wraps_the_text_escaped_and_opens_for_those_who_chose_so(expand):
    from types import SimpleNamespace

    from comments.rendering import render_threads

    viewer = SimpleNamespace(pk=1, is_authenticated=True, member_profile=SimpleNamespace(expand_content_notes=expand))
    html = render_threads({"user": viewer, "form": None}, [_node('mentions <b>"suicide"</b>')])
    wanted = '<details class="content-note" open>' if expand else '<details class="content-note">'
    assert wanted in html
    assert "mentions &lt;b&gt;&quot;suicide&quot;&lt;/b&gt;</summary>" in html
    assert html.index("</summary>") < html.index("Hard words.") < html.index("</details>")


def test_a_comment_without_a_note_renders_as_before():
    from django.contrib.auth.models import AnonymousUser

    from comments.rendering import render_threads

    html = render_threads({"user": AnonymousUser(), "form": None}, [_node("")])
    assert "<details" not in html and '<div class="comment__text" dir="auto"><p>Hard words.</p></div>' in html
