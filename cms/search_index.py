"""Keeping site search's own index (cms.models.SearchEntry) in step with the live pages.

What is indexed is read from each page type's Wagtail `search_fields`, so every app's page types
are covered without cms importing them: the title (weight A); related snippets such as a post's
topics or an episode's guests, and the short fields (intro, summary, excerpt, the question a post
answers: weight B); everything else, StreamFields walked block by block, with the title of each
chosen snippet (the exercises placed in a segment) (weight C). Only pages are indexed: members'
comments, journals and private questions never are.

A page is (re)indexed when it is published, and dropped when unpublished or deleted. Moves and
privacy changes need nothing here: the search reads the page's live flag and tree path at query
time. `manage.py rebuild_site_search` rebuilds everything (after bulk imports).
"""

import html
import re
from functools import partial

from django.db import connection, transaction
from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .models import SearchEntry, SearchSynonym, SearchWord
from .search_text import fold, language_of, terms

# PostgreSQL text-search configuration per language (cms migration 0007: unaccent + Snowball).
CONFIGS = {"en": "craft_en", "es": "craft_es"}
# Short fields that say what the page is about: they rank with topics, above the body.
SUMMARY_FIELDS = {"intro", "summary", "excerpt", "question", "description", "search_description", "hero_heading"}
# A snippet of a result is picked from this much of the page's text (ts_headline reads all it gets).
TEXT_FOR_SNIPPETS = 4000
WORD_LENGTH = range(3, 41)
# Snippet delimiters: private-use characters no page text keeps (they are removed on indexing).
MARK_START, MARK_END = "\ue000", "\ue001"


def config_for(language):
    return CONFIGS.get(language, "simple")


def _plain(value):
    text = html.unescape(strip_tags(str(value)))
    return re.sub(r"\s+", " ", text.replace(MARK_START, "").replace(MARK_END, "")).strip()


def _block_texts(block, value):
    """Searchable text of a block value, with the title of any chosen snippet or page."""
    if value is None:
        return []
    if isinstance(block, blocks.ChooserBlock):
        title = getattr(value, "title", None)
        return [title] if isinstance(title, str) else []
    if isinstance(block, blocks.StreamBlock):
        return [text for child in value for text in _block_texts(child.block, child.value)]
    if isinstance(block, blocks.ListBlock):
        return [text for item in value for text in _block_texts(block.child_block, item)]
    if isinstance(block, blocks.StructBlock):
        return [text for name, child in block.child_blocks.items() for text in _block_texts(child, value.get(name))]
    return block.get_searchable_content(value)


def _field_texts(obj, field):
    """(weight, text) for one of a model's search fields, following related fields."""
    if isinstance(field, index.RelatedFields):
        related = field.get_value(obj)
        if related is None:
            return
        objects = related.all() if hasattr(related, "all") else [related]
        for related_object in objects:
            for sub_field in field.fields:
                for _weight, text in _field_texts(related_object, sub_field):
                    yield "B", text
        return
    if not isinstance(field, index.SearchField):
        return
    weight = "A" if field.field_name == "title" else "B" if field.field_name in SUMMARY_FIELDS else "C"
    try:
        model_field = obj._meta.get_field(field.field_name)
    except Exception:  # a method or property named in search_fields
        model_field = None
    if isinstance(model_field, StreamField):
        value = getattr(obj, field.field_name)
        texts = _block_texts(value.stream_block, value)
    else:
        value = field.get_value(obj)
        texts = value if isinstance(value, list) else [value]
    for text in texts:
        if text:
            yield weight, _plain(text)


def page_texts(page):
    """{"A": title, "B": topics and summaries, "C": body} of a specific page, as plain text."""
    parts = {"A": [], "B": [], "C": []}
    for field in page.get_search_fields():
        for weight, text in _field_texts(page, field):
            parts[weight].append(text)
    if page.search_description:
        parts["B"].append(_plain(page.search_description))
    return {weight: " ".join(dict.fromkeys(texts)) for weight, texts in parts.items()}


def index_page(page):
    """Index `page` (any Page) as it is live now, or drop it when it is not live."""
    page = page.specific
    if not page.live or page.depth <= 1:
        SearchEntry.objects.filter(page_id=page.pk).delete()
        return
    language = language_of(page.locale.language_code)
    texts = page_texts(page)
    text = " ".join(part for part in (texts["B"], texts["C"]) if part)[:TEXT_FOR_SNIPPETS]
    SearchEntry.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "locale_id": page.locale_id,
            "title": page.title,
            "text": text,
            "title_terms": terms(texts["A"], language),
            "topic_terms": terms(texts["B"], language),
            "body_terms": terms(texts["C"], language),
        },
    )
    if connection.vendor == "postgresql":
        config = config_for(language)
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE cms_searchentry SET document ="
                " setweight(to_tsvector(%s::regconfig, %s), 'A')"
                " || setweight(to_tsvector(%s::regconfig, %s), 'B')"
                " || setweight(to_tsvector(%s::regconfig, %s), 'C')"
                " WHERE page_id = %s",
                [config, texts["A"], config, texts["B"], config, texts["C"], page.pk],
            )
    remember_words(language, " ".join(texts.values()))


def remember_words(language, text):
    """Add the words of `text` to the language's vocabulary for "Did you mean ...?"."""
    seen = {}
    for match in re.finditer(r"[^\W\d_]+", text):
        original = match.group().lower()
        folded = fold(original)
        if len(folded) in WORD_LENGTH:
            seen.setdefault(folded, original)
    SearchWord.objects.bulk_create(
        [SearchWord(language=language, word=word, display=display) for word, display in seen.items()],
        ignore_conflicts=True,
        batch_size=1000,
    )


def remember_synonyms(synonym):
    """A synonym's words are vocabulary too: "relaps" is corrected to "relapse" even where pages
    only say "return to use", which the synonym then finds."""
    remember_words(synonym.language, " ".join(synonym.term_list()))


def _on_synonym_saved(sender, instance, **kwargs):
    remember_synonyms(instance)


def rebuild(stdout=None):
    """Index every page again (after bulk imports, or to pick up renamed topics)."""
    for synonym in SearchSynonym.objects.all():
        remember_synonyms(synonym)
    live = set(Page.objects.live().filter(depth__gt=1).values_list("pk", flat=True))
    SearchEntry.objects.exclude(page_id__in=live).delete()
    for count, page in enumerate(Page.objects.filter(pk__in=live).specific().iterator(chunk_size=200), 1):
        index_page(page)
        if stdout and count % 500 == 0:
            stdout.write(f"  {count} pages indexed")
    return len(live)


def build_if_empty(**kwargs):
    """After `migrate`: a site that had pages before this index existed gets them indexed once."""
    if not SearchEntry.objects.exists() and Page.objects.live().filter(depth__gt=1).exists():
        rebuild()


def _on_published(sender, instance, **kwargs):
    # Sent after the revision's page and its children (a post's topics) are saved; aliases of the
    # page get their own signal. wagtail-localize publishes translations on commit: they come here.
    index_page(instance)


def _on_unpublished(sender, instance, **kwargs):
    SearchEntry.objects.filter(page_id=instance.pk).delete()


def _reindex(page_id):
    page = Page.objects.filter(pk=page_id).first()
    if page is not None:
        index_page(page)


def _on_page_saved(sender, instance, created, **kwargs):
    # A new alias is created live without a publication. Other saves are left alone: a draft save
    # keeps the draft's text on the instance while the database keeps the live text.
    if created and isinstance(instance, Page) and instance.alias_of_id and instance.live:
        index_page(instance)
        # Its children (topics) are copied after this save: index it again once they are there.
        transaction.on_commit(partial(_reindex, instance.pk))


def connect_signals():
    """Deleted pages leave the index with their rows (the entry cascades with its page)."""
    from django.db.models.signals import post_save
    from wagtail.signals import page_published, page_unpublished

    page_published.connect(_on_published, dispatch_uid="site_search_published")
    page_unpublished.connect(_on_unpublished, dispatch_uid="site_search_unpublished")
    post_save.connect(_on_page_saved, dispatch_uid="site_search_alias_created")
    post_save.connect(_on_synonym_saved, sender=SearchSynonym, dispatch_uid="site_search_synonym_saved")
