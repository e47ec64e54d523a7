"""The exercise journal: private answers per member, drafts kept, shared across languages."""

import pytest

from learning.member_data import delete_learning_data, learning_data_for
from learning.models import JournalEntry, SegmentCompletion
from members.registry import account_deletion, data_export

from .factories import QUESTION, segment

# With the shared cache: what each reader sees of their own must never reach another (cms.shared_pieces).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("a_shared_cache")]

EXERCISE_URL = "/learning/exercise-16/"


def answer_field(exercise):
    return f"answer-{exercise.question_ids()[0]}"


@pytest.fixture
def a_segment_with_the_exercise(a_course, an_exercise):
    page = segment(1, 1)
    page.body = [("paragraph", "<p>Private lesson 1.1</p>"), ("exercise", {"exercise": an_exercise})]
    page.save_revision().publish()
    return page


def test_a_member_saves_a_draft_and_sees_when_it_was_saved(a_course, an_exercise, client, a_member):
    client.force_login(a_member)
    response = client.post(EXERCISE_URL, {answer_field(an_exercise): "He cooked dinner sober.", "action": "draft"})
    assert response.status_code == 302
    entry = JournalEntry.objects.get(member=a_member)
    assert entry.answers == {an_exercise.question_ids()[0]: "He cooked dinner sober."}
    assert not entry.is_finished
    html = client.get(EXERCISE_URL).content.decode()
    assert "He cooked dinner sober." in html
    assert "Last saved" in html


def test_a_member_finishes_then_edits_the_answers_later(a_course, an_exercise, client, a_member):
    client.force_login(a_member)
    client.post(EXERCISE_URL, {answer_field(an_exercise): "First thoughts", "action": "finish"})
    assert JournalEntry.objects.get(member=a_member).is_finished
    client.post(EXERCISE_URL, {answer_field(an_exercise): "Second thoughts", "action": "draft"})
    entry = JournalEntry.objects.get(member=a_member)
    assert list(entry.answers.values()) == ["Second thoughts"]
    assert JournalEntry.objects.count() == 1


def test_the_journal_lists_the_members_answers(a_course, an_exercise, client, a_member):
    client.force_login(a_member)
    client.post(EXERCISE_URL, {answer_field(an_exercise): "We walked the dog.", "action": "finish"})
    html = client.get("/learning/journal/").content.decode()
    assert "Exercise #16: Key Observations" in html
    assert QUESTION in html and "We walked the dog." in html


def test_nobody_else_sees_a_members_answers(a_course, an_exercise, client, a_member, another_member, admin_client):
    client.force_login(a_member)
    client.post(EXERCISE_URL, {answer_field(an_exercise): "A private sentence", "action": "draft"})
    client.force_login(another_member)
    assert "A private sentence" not in client.get(EXERCISE_URL).content.decode()
    assert "A private sentence" not in client.get("/learning/journal/").content.decode()
    # Editors and administrators have no admin screen for journals.
    assert admin_client.get("/django-admin/learning/journalentry/").status_code == 404
    assert "journalentry" not in admin_client.get("/admin/").content.decode().lower()


def test_another_members_id_in_the_request_changes_nothing_of_theirs(
    a_course, an_exercise, client, a_member, another_member
):
    JournalEntry.objects.create(
        member=another_member, exercise_key=an_exercise.translation_key, answers={"x": "Theirs"}
    )
    client.force_login(a_member)
    client.post(
        EXERCISE_URL,
        {answer_field(an_exercise): "Mine", "action": "draft", "member": another_member.pk, "user": another_member.pk},
    )
    assert JournalEntry.objects.get(member=another_member).answers == {"x": "Theirs"}
    assert list(JournalEntry.objects.get(member=a_member).answers.values()) == ["Mine"]


def test_an_answer_that_is_too_long_gets_a_clear_error_and_saves_nothing(a_course, an_exercise, client, a_member):
    client.force_login(a_member)
    response = client.post(EXERCISE_URL, {answer_field(an_exercise): "x" * 5001, "action": "draft"})
    assert response.status_code == 400
    assert "Keep each answer under 5000 characters (this one has 5001)." in response.content.decode()
    assert not JournalEntry.objects.exists()


def test_a_missing_action_gets_a_clear_error(a_course, an_exercise, client, a_member):
    client.force_login(a_member)
    response = client.post(EXERCISE_URL, {answer_field(an_exercise): "Something"})
    assert response.status_code == 400
    assert "Choose whether to save a draft" in response.content.decode()


def test_saving_from_a_segment_returns_there_but_never_to_another_site(
    a_segment_with_the_exercise, an_exercise, client, a_member
):
    client.force_login(a_member)
    html = client.get(a_segment_with_the_exercise.url).content.decode()
    assert f'action="{EXERCISE_URL}"' in html and 'id="exercise-16"' in html
    data = {answer_field(an_exercise): "Yes", "action": "draft", "next": a_segment_with_the_exercise.url}
    assert client.post(EXERCISE_URL, data)["Location"] == "/learning/module-1/segment-1/#exercise-16"
    data["next"] = "https://elsewhere.example/"
    assert client.post(EXERCISE_URL, data)["Location"] == f"{EXERCISE_URL}#exercise-16"


def test_answers_written_in_spanish_appear_in_english(a_bilingual_course, an_exercise, translate, client, a_member):
    spanish = translate(
        an_exercise,
        {
            "Key Observations": "Observaciones clave",
            "Watch for the good moments.": "Fíjese en los buenos momentos.",
            QUESTION: "¿Qué notó esta semana?",
            "One or two sentences": "Una o dos frases",
        },
    )
    client.force_login(a_member)
    client.post("/es/aprendizaje/ejercicio-16/", {answer_field(spanish): "Cenamos juntos.", "action": "draft"})
    assert "Cenamos juntos." in client.get(EXERCISE_URL).content.decode()
    assert "¿Qué notó esta semana?" in client.get("/es/aprendizaje/diario/").content.decode()


def test_an_unpublished_exercise_is_not_found(a_course, an_exercise, client, a_member):
    an_exercise.live = False
    an_exercise.save()
    client.force_login(a_member)
    assert client.get(EXERCISE_URL).status_code == 404


def test_the_data_export_holds_progress_and_answers(a_course, an_exercise, a_member):
    SegmentCompletion.objects.create(member=a_member, segment_key=segment(1, 1).translation_key)
    JournalEntry.objects.create(
        member=a_member, exercise_key=an_exercise.translation_key, answers={an_exercise.question_ids()[0]: "Mine"}
    )
    exported = dict(data_export.items())["learning"](a_member)
    assert exported == learning_data_for(a_member)
    assert exported["completed_segments"][0]["segment"] == "Segment text 1.1"
    assert exported["exercise_journal"][0]["exercise"] == "Exercise #16: Key Observations"
    assert exported["exercise_journal"][0]["answers"] == [{"question": QUESTION, "answer": "Mine"}]


def test_deleting_the_account_deletes_progress_and_answers(a_course, an_exercise, a_member, another_member):
    for member in (a_member, another_member):
        SegmentCompletion.objects.create(member=member, segment_key=segment(1, 1).translation_key)
        JournalEntry.objects.create(member=member, exercise_key=an_exercise.translation_key, answers={})
    assert dict(account_deletion.items())["learning"] is delete_learning_data
    delete_learning_data(a_member, keep_comments=True)
    assert not SegmentCompletion.objects.filter(member=a_member).exists()
    assert not JournalEntry.objects.filter(member=a_member).exists()
    assert JournalEntry.objects.filter(member=another_member).exists()
    another_member.delete()
    assert not JournalEntry.objects.exists()
