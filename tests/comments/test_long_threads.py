"""A long discussion loads in parts (issue 19): 30 conversations at first, 20 replies of each, and
links for the rest that work without JavaScript; a link to a comment deep in it still lands there."""

import pytest
from bs4 import BeautifulSoup

from comments.tree import REPLIES_SHOWN, THREADS_PER_BATCH
from tests.comments.factories import add_comment

pytestmark = pytest.mark.django_db


def shown(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    top = soup.select("#comments > ol.comment-list > li")
    return soup, [item["id"] for item in top], len(soup.select("li.comment"))


@pytest.fixture
def conversations(a_post, a_member, another_member):
    """35 conversations, oldest first, each a comment with one reply."""
    roots = []
    for number in range(35):
        root = add_comment(a_post, a_member, f"Opening {number}")
        add_comment(a_post, another_member, f"Answer {number}", parent=root)
        roots.append(root)
    return roots


def test_the_first_thirty_conversations_show_then_a_plain_link_for_the_next(client, a_post, conversations):
    soup, top, total = shown(client, a_post.url)
    assert top == [f"c{root.pk}" for root in conversations[:THREADS_PER_BATCH]]
    assert total == 2 * THREADS_PER_BATCH
    assert "35 comments" not in soup.text and "70 comments" in soup.text, "the heading counts the whole discussion"
    more = soup.select_one("a[data-more-comments]")
    assert more["href"] == f"?threads={2 * THREADS_PER_BATCH}#c{conversations[THREADS_PER_BATCH].pk}"
    assert soup.select_one('script[src$="comments/threads.js"]')

    soup, top, total = shown(client, a_post.url + more["href"].split("#")[0])
    assert top == [f"c{root.pk}" for root in conversations]
    assert soup.select_one("a[data-more-comments]") is None


def test_a_long_conversation_shows_twenty_replies_and_a_link_to_the_rest(client, a_post, a_member, another_member):
    root = add_comment(a_post, a_member, "How do you stay calm?")
    replies = [add_comment(a_post, another_member, f"Reply {number}", parent=root) for number in range(25)]
    soup, _top, total = shown(client, a_post.url)
    assert total == 1 + REPLIES_SHOWN
    link = soup.select_one(f"#c{root.pk} a[data-conversation]")
    assert link.text == "Show the other 5 replies"
    assert link["href"] == f"?thread={root.pk}#c{root.pk}"

    soup, top, total = shown(client, a_post.url + f"?thread={root.pk}")
    assert top == [f"c{root.pk}"] and total == 26
    assert soup.select_one(".comments__all a")["href"] == "?#comments"
    assert f"c{replies[-1].pk}" in {item["id"] for item in soup.select("li.comment")}


def test_a_link_to_a_comment_deep_in_the_discussion_lands_on_it(client, a_post, conversations, another_member):
    late = add_comment(a_post, another_member, "A late reply", parent=conversations[33])
    _soup, top, _total = shown(client, a_post.url)
    assert f"c{conversations[33].pk}" not in top
    # The address emails and redirects write for a comment (services, views._page_url).
    soup, top, _total = shown(client, a_post.url + f"?comment={late.pk}")
    assert f"c{conversations[33].pk}" in top
    assert soup.select_one(f"#c{late.pk}")


def test_the_spanish_page_says_it_in_spanish(client, a_spanish_post, a_member, another_member):
    root = add_comment(a_spanish_post, a_member, "¿Cómo mantienen la calma?")
    for number in range(22):
        add_comment(a_spanish_post, another_member, f"Respuesta {number}", parent=root)
    for number in range(31):
        add_comment(a_spanish_post, a_member, f"Apertura {number}")
    soup = BeautifulSoup(client.get(a_spanish_post.url).content, "html.parser")
    assert soup.select_one("a[data-conversation]").text == "Mostrar las otras 2 respuestas"
    assert soup.select_one("a[data-more-comments]").text == "Mostrar más comentarios"
