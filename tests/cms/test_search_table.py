"""The search table (tests/cms/search_table.py) against the demo content, on PostgreSQL and on SQLite."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from tests.cms.search_table import ROWS, misses


def test_the_table_has_thirty_queries_per_language():
    for language in ("en", "es"):
        assert len([row for row in ROWS if row[0] == language]) >= 30


@pytest.mark.django_db
def test_every_query_finds_its_page_in_the_first_three_results_on_postgresql(demo):
    member = get_user_model().objects.get(username="member")
    assert misses(member) == []


def test_the_same_table_on_sqlite_misses_only_the_rows_marked_for_it(tmp_path):
    """`make run`'s database: a new SQLite file, migrated and loaded by a separate process."""
    completed = subprocess.run(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-m", "tests.cms.search_table", str(tmp_path / "db.sqlite3")],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=900,
        env={key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}},
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    missed = json.loads(completed.stdout.strip().splitlines()[-1])
    unexplained = [row for row in missed if row[4] is None]
    assert unexplained == []
    marked = [row for row in ROWS if len(row) > 3]
    # A marked row SQLite now meets should lose its mark.
    assert len(missed) == len(marked), (missed, marked)
