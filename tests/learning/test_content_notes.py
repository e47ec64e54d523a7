"""Passages of a segment behind a content note: a <details> readers open, translated with the page."""

import re

import pytest
from wagtail_localize.models import StringSegment, TranslationSource

from members.services import profile_for

from .factories import segment, spanish_for_segment

# With the shared cache: what each reader sees of their own must never reach another (cms.shared_pieces).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("a_shared_cache")]

NOTE = "describes an overdose"
PASSAGE = "Her lips were blue and her breathing was slow."
SPANISH = {NOTE: "describe una sobredosis", PASSAGE: "Tenía los labios morados y respiraba despacio."}
ENGLISH_URL = "/learning/module-1/segment-1/"
SPANISH_URL = "/es/aprendizaje/modulo-1/segmento-1/"


@pytest.fixture
def a_noted_segment(a_bilingual_course, translate):
    """Segment 1.1 with a passage behind a content note, in English and Spanish."""
    page = segment(1, 1)
    page.body = [
        ("paragraph", "<p>Private lesson 1.1</p>"),
        ("content_note", {"note": NOTE, "content": [("paragraph", f"<p>{PASSAGE}</p>")]}),
    ]
    page.save_revision().publish()
    translate(page, {**spanish_for_segment(1, 1), **SPANISH})
    return page


def details(html):
    """The content note's opening <details> tag, its summary and the passage inside."""
    pattern = r'(<details class="content-note"[^>]*>)\s*<summary[^>]*>(.*?)</summary>(.*?)</details>'
    match = re.search(pattern, html, re.S)
    assert match, "no content note on the page"
    return match.group(1), re.sub(r"<[^>]+>", "", match.group(2)).strip(), match.group(3)


@pytest.mark.parametrize(
    ("url", "summary", "passage"),
    [
        (ENGLISH_URL, "Content note: describes an overdose", PASSAGE),
        (SPANISH_URL, "Aviso de contenido: describe una sobredosis", SPANISH[PASSAGE]),
    ],
)
def test_a_passage_behind_a_note_is_collapsed_by_default(a_noted_segment, client, a_member, url, summary, passage):
    client.force_login(a_member)
    opening, shown_summary, inside = details(client.get(url).content.decode())
    assert opening == '<details class="content-note">'
    assert " ".join(shown_summary.split()) == summary
    assert passage in inside


@pytest.mark.parametrize("url", [ENGLISH_URL, SPANISH_URL])
def test_a_member_who_chose_always_expand_sees_it_open(a_noted_segment, client, a_member, url):
    profile = profile_for(a_member)
    profile.expand_content_notes = True
    profile.save()
    client.force_login(a_member)
    opening, _summary, _inside = details(client.get(url).content.decode())
    assert opening == '<details class="content-note" open>'


def test_the_note_is_a_segment_translators_translate(a_noted_segment):
    source = TranslationSource.objects.get_for_instance(a_noted_segment)
    strings = set(StringSegment.objects.filter(source=source).values_list("string__data", flat=True))
    assert NOTE in strings and PASSAGE in strings
    spanish_body = segment(1, 1, "es").body
    note_block = next(block for block in spanish_body if block.block_type == "content_note")
    assert note_block.value["note"] == "describe una sobredosis"


def test_a_note_holds_the_blocks_a_segment_body_allows_and_no_further_note():
    from learning.blocks import SegmentBodyBlock

    body = SegmentBodyBlock()
    inside = body.child_blocks["content_note"].child_blocks["content"]
    assert set(inside.child_blocks) == set(body.child_blocks) - {"content_note"}
