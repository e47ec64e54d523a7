"""A thread's rows are kept for every reader under the page cache's generation (comments.tree):
a new comment shows at once, and what is a reader's own, their reports and mutes, reaches nobody else."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_comments.models import CommentFlag

from members.models import Mute
from tests.comments.factories import add_comment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("a_shared_cache")]

REPORTED = "You reported this comment"
COLLAPSED = "Comment from a member you muted"


def view(member, page):
    client = Client()
    client.force_login(member)
    return client.get(page.url).content.decode()


def test_a_report_and_a_mute_are_the_readers_own(a_post, a_member, another_member, a_third_member):
    comment = add_comment(a_post, another_member, "I started with one calm sentence.")
    assert REPORTED not in view(a_member, a_post) and COLLAPSED not in view(a_member, a_post)

    CommentFlag.objects.create(comment=comment, user=a_member, flag=CommentFlag.SUGGEST_REMOVAL)
    Mute.objects.create(muter=a_member, muted=another_member)
    mine = view(a_member, a_post)
    assert REPORTED in mine and COLLAPSED in mine
    theirs = view(a_third_member, a_post)
    assert REPORTED not in theirs and COLLAPSED not in theirs
    assert "I started with one calm sentence." in theirs


def test_a_new_comment_shows_at_once_to_members_and_visitors(a_post, a_member, another_member, client):
    add_comment(a_post, another_member, "The first word.")
    assert "The first word." in view(a_member, a_post)
    add_comment(a_post, another_member, "The second word.")
    assert "The second word." in view(a_member, a_post)
    assert "The second word." in client.get(a_post.url).content.decode()


def test_the_rows_are_read_once_while_the_thread_stays_the_same(a_post, a_member, another_member):
    add_comment(a_post, another_member, "The first word.")
    client = Client()
    client.force_login(a_member)
    client.get(a_post.url)
    with CaptureQueriesContext(connection) as queries:
        client.get(a_post.url)
    assert not [query for query in queries if "django_comments_xtd_xtdcomment" in query["sql"]]
