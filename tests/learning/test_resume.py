""" "Continue where you left off" on the home page and in the members' area, for members only."""

import pytest
from bs4 import BeautifulSoup

from learning.progress import mark_segment_complete

from .factories import segment

pytestmark = pytest.mark.django_db


def resume_links(response):
    section = BeautifulSoup(response.content, "html.parser").select_one(".continue-reading")
    return [(link["href"], link.get_text()) for link in section.select("a")] if section else []


def test_a_member_who_began_the_course_is_offered_the_next_segment_on_the_home_page_and_members_area(
    a_course, client, a_member
):
    mark_segment_complete(a_member, segment(1, 1))
    client.force_login(a_member)
    expected = [(segment(1, 2).url, "Your next segment in the course")]
    assert resume_links(client.get("/")) == expected
    assert resume_links(client.get("/members/")) == expected
    assert "Segment text 1.2" in client.get("/").content.decode()


def test_in_spanish_the_next_segment_is_the_spanish_one(a_bilingual_course, client, a_member):
    mark_segment_complete(a_member, segment(1, 1))
    mark_segment_complete(a_member, segment(1, 2))
    client.force_login(a_member)
    [(url, label)] = resume_links(client.get("/es/"))
    assert url == segment(2, 1, "es").url and url.startswith("/es/")
    assert label == "Su próximo segmento del curso"
    assert resume_links(client.get("/es/miembros/"))[0][0] == url


def test_visitors_and_members_who_have_not_begun_see_nothing(a_course, client, a_member):
    assert resume_links(client.get("/")) == []
    client.force_login(a_member)
    assert resume_links(client.get("/")) == []
