"""Every query of the listing pages can be answered from an index on the tables that grow.

On the demo's few rows PostgreSQL rightly prefers reading a table whole, so the plans are taken with
sequential scans priced out (`enable_seqscan = off`): a table still read whole then has no index
that fits the query, and at the benchmark's size (1,000 posts a language, 100,000 comments,
240,000 completions; `make bench`) that read grows with the site. `make bench` shows the plans of
each page's slowest queries on the full dataset.
"""

import json

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from blog.models import BlogIndexPage, QAPostPage
from tests.cms.test_query_budgets import page_urls

pytestmark = pytest.mark.django_db

# The tables that grow with members, posts, comments and progress.
GROWING = {
    "wagtailcore_page",
    "blog_qapostpage",
    "blog_qaposttopic",
    "blog_podcastepisodepage",
    "blog_episodetopic",
    "django_comments",
    "django_comments_xtd_xtdcomment",
    "learning_segmentcompletion",
    "auth_user",
    "members_memberprofile",
}
LISTINGS = {"home", "learning index", "module", "blog index", "topic archive", "podcast index", "member directory"}


def plan_of(sql):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
        return cursor.fetchone()[0][0]["Plan"]


def whole_table_reads(plan):
    """Growing tables the plan still reads sequentially: no index can serve that part of the query."""
    found = {plan["Relation Name"]} & GROWING if plan["Node Type"] == "Seq Scan" else set()
    for child in plan.get("Plans", []):
        found |= whole_table_reads(child)
    return found


def index_conditions(plan):
    """(index name, condition) of every index lookup in the plan."""
    found = [(plan["Index Name"], plan["Index Cond"])] if "Index Cond" in plan else []
    for child in plan.get("Plans", []):
        found += index_conditions(child)
    return found


@pytest.mark.parametrize("language", ["en", "es"])
def test_listing_queries_read_growing_tables_through_indexes(demo, production_caching, client, language):
    member = get_user_model().objects.get(username="member")
    missing = {}
    for label, url, as_member in page_urls(language):
        if label not in LISTINGS:
            continue
        if as_member:
            client.force_login(member)
        else:
            client.logout()
        client.get(url)  # the page chrome is cached, as for every visitor after the first
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        for query in queries.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            plan = plan_of(sql)
            tables = whole_table_reads(plan)
            if tables:
                missing.setdefault(label, []).append((sorted(tables), sql, json.dumps(plan, indent=1)))
    assert missing == {}, missing


def test_pages_under_a_page_are_found_through_the_path_prefix_index(demo):
    """`descendant_of`/`child_of` (every listing) match `path::text LIKE 'prefix%'`: an index range.

    On a database whose collation is "C" (the throwaway test cluster) Wagtail's own unique index on
    `path` gives the range; on any other collation (en_US.UTF-8, C.UTF-8 on PostgreSQL 15) only
    ours (cms migration 0007) can.
    """
    blog = BlogIndexPage.objects.get(locale__language_code="en")
    query = QAPostPage.objects.live().descendant_of(blog).values("pk").query
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        sql = cursor.mogrify(sql, params).decode()
    plan = plan_of(sql)
    assert any(
        name in ("wagtailcore_page_path_prefix", "wagtailcore_page_path_key") and ">=" in condition
        for name, condition in index_conditions(plan)
    ), json.dumps(plan, indent=1)


def test_the_check_sees_a_table_read_whole(demo):
    """A filter no index serves is reported (so the test above cannot pass by seeing nothing)."""
    plan = plan_of("SELECT id FROM wagtailcore_page WHERE draft_title LIKE '%%family%%'")
    assert whole_table_reads(plan) == {"wagtailcore_page"}
