"""An index that serves `path LIKE '0001000200%'`: every "pages under this one" query.

Wagtail keeps its page tree as materialised paths (django-treebeard) and asks for the pages under a
page (`descendant_of`, `child_of`: the blog's posts, a podcast's episodes, a module's segments) with
`"path"::text LIKE '<parent path>%'`. Its own unique index on `path` uses the database's collation,
which PostgreSQL cannot use for a prefix match unless the collation is "C" (and Django's cast to
text hides the column from it anyway); on en_US.UTF-8 every such query reads the page table whole
(tests/cms/test_listing_indexes.py). An index on the same `path::text` expression with
`text_pattern_ops` compares byte by byte, so the prefix becomes an index range.

PostgreSQL only: SQLite matches LIKE prefixes on its own index when it can and is left as it is.
"""

from django.db import migrations

INDEX_NAME = "wagtailcore_page_path_prefix"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON wagtailcore_page ((path::text) text_pattern_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0007_site_search_index"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
