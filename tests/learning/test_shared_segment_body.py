"""A segment's passages are rendered once for every member of one kind (cms.shared_pieces), and
what is a member's own, their journal answers and their choice to open content notes, reaches
nobody else."""

import pytest
from django.test import Client

from learning import course
from learning.models import SegmentPage
from members.services import profile_for

from .factories import segment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("a_shared_cache")]

URL = "/learning/module-1/segment-1/"
PASSAGE = "Her lips were blue and her breathing was slow."


@pytest.fixture
def a_segment(a_course, an_exercise):
    page = segment(1, 1)
    page.body = [
        ("paragraph", "<p>Private lesson 1.1</p>"),
        ("content_note", {"note": "describes an overdose", "content": [("paragraph", f"<p>{PASSAGE}</p>")]}),
        ("exercise", {"exercise": an_exercise}),
    ]
    page.save_revision().publish()
    return page


def view(member):
    client = Client()
    client.force_login(member)
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_one_members_open_content_notes_reach_no_other_member(a_segment, a_member, another_member):
    profile = profile_for(a_member)
    profile.expand_content_notes = True
    profile.save()

    assert '<details class="content-note" open>' in view(a_member)
    assert '<details class="content-note">' in view(another_member)
    assert '<details class="content-note" open>' in view(a_member)


def test_each_member_sees_only_their_own_journal_answers_in_the_segment(
    a_segment, an_exercise, a_member, another_member
):
    client = Client()
    client.force_login(a_member)
    answer = f"answer-{an_exercise.question_ids()[0]}"
    client.post("/learning/exercise-16/", {answer: "A sentence only Ana may read", "action": "draft"})

    assert "A sentence only Ana may read" in view(a_member)
    assert "A sentence only Ana may read" not in view(another_member)
    assert "Private lesson 1.1" in view(another_member)


def test_the_passages_are_rendered_once_and_a_publication_shows_at_once(a_segment, a_member, monkeypatch):
    rendered = []
    render = SegmentPage.body.field.stream_block.child_blocks["paragraph"].render_basic

    def counted(value, context=None):
        rendered.append(value)
        return render(value, context=context)

    monkeypatch.setattr(SegmentPage.body.field.stream_block.child_blocks["paragraph"], "render_basic", counted)
    view(a_member)
    view(a_member)
    assert [str(value) for value in rendered].count("<p>Private lesson 1.1</p>") == 1

    page = SegmentPage.objects.get(pk=a_segment.pk)
    page.body = [("paragraph", "<p>Private lesson 1.1, rewritten</p>")]
    page.save_revision().publish()
    assert "Private lesson 1.1, rewritten" in view(a_member)


def test_the_course_around_a_segment_follows_a_new_segment_at_once(a_segment, a_member):
    assert "Next" in view(a_member)
    module = a_segment.get_parent()
    assert [segment.number for segment in course.module_outline(module.specific).segments] == [1, 2]
    module.add_child(instance=SegmentPage(title="A third step", slug="segment-3", number=3)).save_revision().publish()
    assert [segment.number for segment in course.module_outline(module.specific).segments] == [1, 2, 3]
