"""Site search: pages in the visitor's language that the visitor may read, nothing else.

Pages are found in our own index (cms.models.SearchEntry, kept by cms.search_index), analysed per
language: on PostgreSQL with the `craft_en`/`craft_es` text-search configurations (unaccent +
Snowball stemming), on SQLite with cms.search_text's folding and stemming. A query is split into
parts, each widened by the editors' synonyms (cms.models.SearchSynonym); pages matching every part
come first, then title, then topic and summary matches, then the body. When nothing matches, each
word missing from the language's vocabulary is replaced by the nearest one (pg_trgm's similarity;
difflib on SQLite) and the page says "Did you mean ...?" above what that finds.

Members also find the course pages; everyone else finds public pages only: sections a visitor may
not enter, and aliases of pages in them, are left out by tree path at query time, so a privacy
change applies at once. Results are paged without counting them: each page fetches one result
more than it shows, and that one tells whether there is a next page.
"""

import difflib
import hashlib
import re

from django.conf import settings
from django.db import connection
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Page, PageViewRestriction

from cms.locales import active_locale
from cms.membership import is_member
from cms.models import CrisisResource, SearchEntry, SearchSynonym, SearchWord
from cms.page_cache import cached_with_pages
from cms.privacy import passes_restriction
from cms.search_index import MARK_END, MARK_START, config_for
from cms.search_text import STOPWORDS, fold, language_of, stem, stems

QUERY_MAX_LENGTH = 100
RESULTS_PER_PAGE = 10
# Candidates ranked in Python on SQLite (its index has no ranking of its own).
SQLITE_CANDIDATES = 500
SNIPPET_WORDS = 30
HEADLINE_OPTIONS = (
    f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords=30, MinWords=12, ShortWord=2, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)
_TOKEN = re.compile(r"[^\W_]+")


class CrisisChecks:
    """Functions telling whether a text speaks of suicide or self-harm, registered by the apps that
    keep such word lists (comments registers its safety hold's terms) so cms imports none of them."""

    def __init__(self):
        self._checks = {}

    def register(self, name, check):
        self._checks[name] = check
        return check

    def __call__(self, text):
        return any(check(text) for check in self._checks.values())


crisis_checks = CrisisChecks()


def hidden_sections(user):
    """Tree paths of the private sections `user` may not enter, and of every alias of a page in one.

    Aliases are few, read in one query; restrictions with their groups in two.
    """
    aliases, restrictions = cached_with_pages("private-sections", "all", _private_sections)
    hidden = []
    for restriction, names in restrictions:
        if passes_restriction(user, restriction, names):
            continue
        section = restriction.page.path
        hidden += [section, *(path for path, original in aliases if original.startswith(section))]
    return hidden


def _private_sections():
    """Every alias (path, original's path), and every restriction with its groups' names: the same
    for every reader, kept under the page cache's generation (restrictions and pages are watched)."""
    aliases = list(Page.objects.filter(alias_of__isnull=False).values_list("path", "alias_of__path"))
    restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    return aliases, [(restriction, {group.name for group in restriction.groups.all()}) for restriction in restrictions]


def query_parts(query, language, synonym_groups):
    """The query as parts, each a list of alternative words or phrases: a synonym group found in
    the query (matched by stems, so plurals and accents do not matter) stands for all its terms."""
    stop = STOPWORDS.get(language, set())
    tokens = [word for word in _TOKEN.findall(query) if fold(word) not in stop]
    token_stems = [stem(fold(word), language) for word in tokens]
    groups = []
    for terms in synonym_groups:
        for term in terms:
            term_stems = stems(term, language)
            if term_stems:
                groups.append((term_stems, terms))
    # The longest phrases first: "volver a consumir" before "volver".
    groups.sort(key=lambda group: -len(group[0]))
    parts = [None] * len(tokens)
    for term_stems, terms in groups:
        size = len(term_stems)
        for start in range(len(tokens) - size + 1):
            if token_stems[start : start + size] == term_stems and all(p is None for p in parts[start : start + size]):
                parts[start] = list(terms)
                for position in range(start + 1, start + size):
                    parts[position] = []
    return [part if part is not None else [tokens[i]] for i, part in enumerate(parts) if part != []]


def synonym_groups(language):
    """The editors' synonyms of `language` (a snippet: kept under the page cache's generation)."""

    def build():
        return [synonym.term_list() for synonym in SearchSynonym.objects.filter(language=language)]

    return cached_with_pages("synonyms", language, build)


def _mark(text):
    """Escaped `text` with the delimited words in <mark>: page text is never trusted as HTML."""
    return mark_safe(escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S308


class Searcher:
    """One search among the pages of `locale` outside the `hidden` sections."""

    def __init__(self, locale, hidden):
        self.locale = locale
        self.language = language_of(locale.language_code)
        self.hidden = hidden
        self.postgres = connection.vendor == "postgresql"
        self._synonyms = None

    @property
    def synonyms(self):
        if self._synonyms is None:
            self._synonyms = synonym_groups(self.language)
        return self._synonyms

    def find(self, query, start, count):
        """[(page_id, snippet HTML)] of results start..start+count, best first."""
        parts = query_parts(query, self.language, self.synonyms)
        if not parts:
            return []
        if self.postgres:
            return self._find_postgres(parts, start, count)
        return self._find_sqlite(parts, start, count)

    def _find_postgres(self, parts, start, count):
        config = config_for(self.language)
        params = []

        def tsquery(alternatives):
            params.extend(value for alternative in alternatives for value in (config, alternative))
            return "(" + " || ".join(["phraseto_tsquery(%s::regconfig, %s)"] * len(alternatives)) + ")"

        every = " && ".join(tsquery(part) for part in parts)
        any_ = tsquery([alternative for part in parts for alternative in part])
        privacy = "".join(" AND p.path NOT LIKE %s" for _ in self.hidden)
        # Every part matched, then title, then topics and summaries; ts_rank (with the weights of
        # D, C, B, A, length-normalised) orders the rest. The snippet is made for shown rows only.
        sql = f"""
            SELECT found.page_id, ts_headline(%s::regconfig, found.text, found.q, %s)
            FROM (
                SELECT e.page_id, e.text, q.any_ AS q, p.path,
                    (e.document @@ q.every)::int
                    + (ts_filter(e.document, '{{a}}') @@ q.any_)::int
                    + (ts_filter(e.document, '{{a}}') @@ q.every)::int
                    + 0.5 * (ts_filter(e.document, '{{b}}') @@ q.any_)::int
                    + ts_rank('{{0.05, 0.2, 0.5, 1.0}}', e.document, q.any_, 1) AS rank
                FROM cms_searchentry e
                JOIN wagtailcore_page p ON p.id = e.page_id
                CROSS JOIN (SELECT {every} AS every, {any_} AS any_) q
                WHERE e.locale_id = %s AND p.live AND e.document @@ q.any_{privacy}
                ORDER BY rank DESC, p.path
                LIMIT %s OFFSET %s
            ) found
            ORDER BY found.rank DESC, found.path
        """  # noqa: S608 (only placeholders are interpolated; every value is a parameter)
        params = [config, HEADLINE_OPTIONS, *params, self.locale.pk, *(f"{path}%" for path in self.hidden)]
        params += [count, start]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [(page_id, _mark(headline)) for page_id, headline in cursor.fetchall()]

    def _find_sqlite(self, parts, start, count):
        from django.db.models import Q

        part_terms = []
        for part in parts:
            alternatives = [" " + " ".join(stems(alternative, self.language)) + " " for alternative in part]
            alternatives = [alternative for alternative in alternatives if alternative.strip()]
            if alternatives:
                part_terms.append(alternatives)
        if not part_terms:
            return []
        columns = ("title_terms", "topic_terms", "body_terms")
        any_match = Q()
        for alternative in {alternative for part in part_terms for alternative in part}:
            for column in columns:
                any_match |= Q(**{f"{column}__contains": alternative})
        entries = SearchEntry.objects.filter(any_match, locale=self.locale, page__live=True)
        for path in self.hidden:
            entries = entries.exclude(page__path__startswith=path)
        rows = entries.values_list("page_id", "page__path", *columns, "text")[:SQLITE_CANDIDATES]

        def score(row):
            title, topics, body = row[2:5]

            def found_in(column):
                return [any(alternative in column for alternative in part) for part in part_terms]

            in_title, in_topics, in_body = found_in(title), found_in(topics), found_in(body)
            every = all(a or b or c for a, b, c in zip(in_title, in_topics, in_body, strict=True))
            weighted = sum(1.0 * a + 0.5 * b + 0.2 * c for a, b, c in zip(in_title, in_topics, in_body, strict=True))
            return every + any(in_title) + all(in_title) + 0.5 * any(in_topics) + weighted / 10

        ranked = sorted(rows, key=lambda row: (-score(row), row[1]))[start : start + count]
        wanted = {stem_ for part in part_terms for alternative in part for stem_ in alternative.split()}
        return [(row[0], self._snippet(row[5], wanted)) for row in ranked]

    def _snippet(self, text, wanted):
        """A few words of `text` around the first word whose stem was searched for, marked."""
        words = text.split()
        hits = [
            i
            for i, word in enumerate(words)
            if any(stem(w, self.language) in wanted for w in _TOKEN.findall(fold(word)))
        ]
        first = max((hits[0] if hits else 0) - SNIPPET_WORDS // 3, 0)
        shown = words[first : first + SNIPPET_WORDS]
        marked = [f"{MARK_START}{word}{MARK_END}" if first + i in hits else word for i, word in enumerate(shown)]
        prefix = "… " if first else ""
        suffix = " …" if first + SNIPPET_WORDS < len(words) else ""
        return _mark(prefix + " ".join(marked) + suffix)

    def suggestion(self, query):
        """The query with each word missing from the language's vocabulary replaced by the nearest
        word in it, or None when there is nothing to correct."""
        stop = STOPWORDS.get(self.language, set())
        unknown = sorted({fold(word) for word in _TOKEN.findall(query) if len(word) >= 3 and fold(word) not in stop})
        if not unknown:
            return None
        nearest = self._nearest_postgres(unknown) if self.postgres else self._nearest_sqlite(unknown)
        if not nearest:
            return None
        return " ".join(nearest.get(fold(word), word) for word in _TOKEN.findall(query))

    def _nearest_postgres(self, unknown):
        # `%` (pg_trgm similarity above 0.3) uses the trigram index; a word the query cuts short
        # ("tratam") prefers words it begins.
        sql = """
            SELECT typed.word, (
                SELECT s.display FROM cms_searchword s
                WHERE s.language = %s AND s.word %% typed.word
                ORDER BY (length(typed.word) >= 4 AND s.word LIKE typed.word || '%%') DESC,
                    similarity(s.word, typed.word) DESC, length(s.word), s.word
                LIMIT 1
            )
            FROM unnest(%s::text[]) AS typed(word)
            WHERE NOT EXISTS (SELECT 1 FROM cms_searchword s WHERE s.language = %s AND s.word = typed.word)
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.language, unknown, self.language])
            return {word: display for word, display in cursor.fetchall() if display}

    def _nearest_sqlite(self, unknown):
        vocabulary = dict(SearchWord.objects.filter(language=self.language).values_list("word", "display"))
        nearest = {}
        for word in unknown:
            if word in vocabulary:
                continue
            candidates = [known for known in vocabulary if len(word) >= 4 and known.startswith(word)]
            candidates = candidates or difflib.get_close_matches(word, vocabulary, n=5, cutoff=0.7)
            if candidates:
                best = max(candidates, key=lambda known: (difflib.SequenceMatcher(None, word, known).ratio(), known))
                nearest[word] = vocabulary[best]
        return nearest


class ResultsPage:
    """One page of results, with what the template needs of a `django.core.paginator.Page`."""

    def __init__(self, results, number, per_page):
        self.object_list = list(results[:per_page])
        self.number = number
        self.has_next = len(results) > per_page
        self.has_previous = number > 1
        self.has_other_pages = self.has_next or self.has_previous
        self.start_index = (number - 1) * per_page + 1 if self.object_list else 0
        self.end_index = (number - 1) * per_page + len(self.object_list)
        # Known without counting only when nothing follows this page.
        self.count = None if self.has_next else self.end_index

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)


def page_number(value):
    """The requested page, 1 for anything that is not a sensible page number."""
    if not value or len(value) > 6 or not value.isdigit():
        return 1
    return max(int(value), 1)


def _pages(found):
    """The found pages, in order, each with its `search_snippet` (plain pages: the template needs
    only their title, description and URL, which no page type changes)."""
    pages = Page.objects.filter(pk__in=[page_id for page_id, _snippet in found]).in_bulk()
    results = []
    for page_id, snippet in found:
        page = pages.get(page_id)
        if page is not None:
            page.search_snippet = snippet
            results.append(page)
    return results


def search_page(searcher, query, number, per_page=None):
    """Page `number` of the results for `query`: one search, no count.

    Returns (results page, suggestion): the suggestion is the corrected query whose results are
    shown when `query` itself found nothing.
    """
    per_page = per_page or RESULTS_PER_PAGE
    found, suggestion = _found(searcher, query, number, per_page)
    if not found and number > 1:
        # A page past the end (an old link, fewer results now): the first page instead.
        return search_page(searcher, query, 1, per_page)
    return ResultsPage(_pages(found), number, per_page), suggestion


def _found(searcher, query, number, per_page):
    """([(page id, snippet)], suggestion) of page `number` for `query`.

    The same for every reader who may see the same sections, so kept under the page cache's
    generation, which any publication moves on: a phrase many readers look for ("relapse") is
    ranked once. Keyed by language, the hidden sections, the query and the page.
    """

    def build():
        start = (number - 1) * per_page
        found = searcher.find(query, start, per_page + 1)
        suggestion = None
        if not found and number == 1:
            suggestion = searcher.suggestion(query)
            found = searcher.find(suggestion, start, per_page + 1) if suggestion else []
            suggestion = suggestion if found else None
        return found, suggestion

    who = hashlib.sha256("|".join(searcher.hidden).encode()).hexdigest()[:16]
    what = hashlib.sha256(query.encode()).hexdigest()[:32]
    return cached_with_pages("search", f"{searcher.locale.pk}-{who}-{what}-{number}-{per_page}", build)


def crisis_resources(locale):
    """The help lines of the reader's language (the default language's when it has none)."""
    resources = list(CrisisResource.objects.filter(locale=locale))
    return resources or list(CrisisResource.objects.filter(locale__language_code=settings.LANGUAGE_CODE))


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()
    error = ""
    results = None
    suggestion = None
    in_crisis = False
    crisis = []
    if len(query) > QUERY_MAX_LENGTH:
        error = _("Please use a shorter search, of at most %(count)d characters.") % {"count": QUERY_MAX_LENGTH}
    elif "\x00" in query:
        error = _("Your search contains a character we cannot search for.")
    elif query:
        locale = active_locale()
        in_crisis = crisis_checks(query)
        if in_crisis:
            crisis = crisis_resources(locale)
        searcher = Searcher(locale, hidden_sections(request.user))
        results, suggestion = search_page(searcher, query, page_number(request.GET.get("page")))
    response = render(
        request,
        "cms/search.html",
        {
            "query": query,
            "results": results,
            "error": error,
            "suggestion": suggestion,
            "crisis": in_crisis,
            "crisis_resources": crisis,
            "members_included": is_member(request.user),
        },
        status=400 if error else 200,
    )
    # Results depend on who is asking; never let a shared cache keep them.
    response["Cache-Control"] = "private, no-store"
    return response
