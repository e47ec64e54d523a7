"""One of each shared block (cms.blocks): the apps' StreamFields use the same classes, every callout
tone looks different, and segments' old `kind` callouts are converted, not lost."""

import importlib
import re
from pathlib import Path

from django.template.loader import get_template
from wagtail.blocks.migrations.utils import apply_changes_to_raw_data

from blog.blocks import AnswerPassageBlock
from blog.podcast_blocks import ShowNotesBlock
from cms.blocks import CalloutBlock, CaptionedImageBlock, ContentNoteBlock, LearningReferenceBlock, QuoteBlock
from home.blocks import StandardBodyBlock
from learning.blocks import SegmentPassageBlock
from learning.models import SegmentPage

STYLESHEET = Path(__file__).resolve().parents[2] / "cms" / "static" / "css" / "site.css"


def test_every_app_uses_the_one_shared_block_of_each_kind():
    expected = {
        "callout": CalloutBlock,
        "quote": QuoteBlock,
        "image": CaptionedImageBlock,
        "learning_reference": LearningReferenceBlock,
    }
    for stream in (StandardBodyBlock(), SegmentPassageBlock(), AnswerPassageBlock(), ShowNotesBlock()):
        for name, block in stream.child_blocks.items():
            if name in expected:
                assert isinstance(block, expected[name]), (type(stream).__name__, name)
    assert isinstance(AnswerPassageBlock().child_blocks["callout"], CalloutBlock)
    assert isinstance(SegmentPassageBlock().child_blocks["callout"], CalloutBlock)


def test_every_callout_tone_has_its_own_stylesheet_rule():
    css = STYLESHEET.read_text()
    tones = [value for value, _label in CalloutBlock().child_blocks["tone"].field.choices if value]
    assert tones == ["tip", "note", "safety"]
    for tone in tones:
        assert re.search(rf"\.callout--{tone}\s*\{{", css), tone


def test_the_migration_turns_stored_caution_callouts_into_safety_reminders_at_every_depth():
    migration = importlib.import_module("learning.migrations.0006_callouts_share_one_block_with_a_tone")
    operation = next(op for op in migration.Migration.operations if hasattr(op, "operations_and_block_paths"))
    raw = [
        {"type": "callout", "id": "a", "value": {"kind": "caution", "text": "<p>Leave if unsafe.</p>"}},
        {"type": "callout", "id": "b", "value": {"kind": "tip", "text": "<p>Pick a calm moment.</p>"}},
        {
            "type": "content_note",
            "id": "c",
            "value": {
                "note": "describes an argument",
                "content": [{"type": "callout", "id": "d", "value": {"kind": "caution", "text": "<p>x</p>"}}],
            },
        },
    ]
    for block_operation, path in operation.operations_and_block_paths:
        raw = apply_changes_to_raw_data(raw, path, block_operation, SegmentPage.body)
    assert raw[0]["value"] == {"tone": "safety", "heading": "", "text": "<p>Leave if unsafe.</p>"}
    assert raw[1]["value"] == {"tone": "tip", "heading": "", "text": "<p>Pick a calm moment.</p>"}
    assert raw[2]["value"]["content"][0]["value"] == {"tone": "safety", "heading": "", "text": "<p>x</p>"}
    # What it stored reads back as the shared block's value.
    value = SegmentPage._meta.get_field("body").stream_block.to_python(raw)
    assert value[0].value["tone"] == "safety"


def test_every_shared_block_finds_its_template_by_its_name():
    expected = {
        CaptionedImageBlock: "cms/blocks/captioned_image.html",
        QuoteBlock: "cms/blocks/quote.html",
        CalloutBlock: "cms/blocks/callout.html",
        ContentNoteBlock: "cms/blocks/content_note.html",
        # Named in its Meta: it lives with learning's templates.
        LearningReferenceBlock: "learning/blocks/learning_reference.html",
    }
    for block_class, template in expected.items():
        assert block_class().get_template() == template
        get_template(template)


def test_a_quote_renders_through_its_template():
    html = QuoteBlock().render({"quote": "One calm talk a week.", "attribution": "A parent"})
    assert "One calm talk a week." in html and "A parent" in html
    assert "<blockquote" in html


def test_the_content_note_previews_as_a_closed_note_in_every_app():
    for passages in (AnswerPassageBlock(), SegmentPassageBlock()):
        block = ContentNoteBlock([("content", passages)])
        html = block.render(block.get_preview_value())
        assert "<details" in html and "describes a relapse" in html and " open" not in html
