"""The person-first language coach: whole words, accents and plurals in both languages, gentle and never blocking."""

import pytest
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from comments.language import find_terms, suggestions_for
from tests.blog.factories import make_post
from tests.comments.factories import form_data

pytestmark = pytest.mark.django_db

POST_URL = reverse("comments:post")


def found(text, *terms):
    return [match.found for match in find_terms(text, terms)]


def test_a_term_is_found_as_a_whole_word_whatever_its_capitals():
    assert found("My son is an addict, and I love him.", "addict") == ["addict"]
    assert found("ADDICT. Addict!", "addict") == ["ADDICT", "Addict"]


def test_a_term_is_never_found_inside_a_longer_word():
    assert found("Addiction is an illness; the addicted brain heals.", "addict") == []
    assert found("I was cleaning the kitchen.", "clean") == []
    assert found("Un drogadicto no es solo su consumo.", "adicto") == []
    assert found("abusive", "abuse") == []


def test_plurals_ending_in_s_or_es_are_found():
    assert found("Addicts deserve care.", "addict") == ["Addicts"]
    assert found("Los adictos y las adicciones.", "adicto", "adicción") == ["adictos", "adicciones"]


def test_accents_are_ignored_in_both_directions():
    assert found("Hablamos de la adiccion de mi hijo.", "adicción") == ["adiccion"]
    assert found("La ADICCIÓN no define a nadie.", "adiccion") == ["ADICCIÓN"]
    assert found("Él es adícto.", "adicto") == ["adícto"]


def test_a_phrase_is_found_across_line_breaks_and_extra_spaces():
    assert found("I want to kill\n   myself sometimes", "kill myself") == ["kill\n   myself"]


def test_suggestions_come_from_the_list_of_the_page_language_only(word_lists, english, spanish):
    english_words = [item["entry"].term for item in suggestions_for("An addict, an adicto.", english)]
    spanish_words = [item["entry"].term for item in suggestions_for("An addict, an adicto.", spanish)]
    assert english_words == ["addict"]
    assert spanish_words == ["adicto"]


def test_each_term_is_suggested_once_even_when_it_appears_many_times(word_lists, english):
    items = suggestions_for("addict addicts Addict", english)
    assert [(item["found"], item["entry"].suggestion) for item in items] == [
        ("addict", "person with a substance use disorder")
    ]


def test_the_preview_shows_a_gentle_suggestion_next_to_the_word_found(client, a_post, a_member, word_lists):
    client.force_login(a_member)
    response = client.post(POST_URL, form_data(a_post, "My brother is an addict.", preview="1"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "A gentle suggestion about words" in html
    assert "“addict”" in html
    assert "person with a substance use disorder" in html
    assert "My brother is an addict." in html, "the text is kept in the form"
    assert not XtdComment.objects.exists()


def test_a_first_post_with_a_stigmatising_word_shows_the_coach_and_the_member_can_still_post(
    client, a_post, a_member, word_lists
):
    client.force_login(a_member)
    data = form_data(a_post, "He was clean for a year.")
    first = client.post(POST_URL, data)
    assert first.status_code == 200
    assert "not using" in first.content.decode()
    assert 'name="coached" value="on"' in first.content.decode()
    assert not XtdComment.objects.exists()

    second = client.post(POST_URL, {**data, "coached": "on"})
    assert second.status_code == 302
    assert XtdComment.objects.get().comment == "He was clean for a year."


def test_text_without_listed_words_posts_straight_away(client, a_post, a_member, word_lists):
    client.force_login(a_member)
    response = client.post(POST_URL, form_data(a_post, "My brother lives with an addiction and is cleaning up."))
    assert response.status_code == 302
    assert XtdComment.objects.count() == 1


def test_the_spanish_coach_uses_the_spanish_list_on_the_spanish_page(client, a_spanish_post, a_member, word_lists):
    client.force_login(a_member)
    response = client.post(
        "/es/comentarios/publicar/", form_data(a_spanish_post, "Mi hijo es drogadicto.", preview="1")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="es">' in html
    assert "“drogadicto”" in html
    assert "persona que consume drogas" in html
    assert "trastorno por consumo de sustancias" not in html, "adicto is not found inside drogadicto"


def test_editors_see_a_report_of_published_pages_using_listed_words(
    client, a_blog, comment_settings, a_spanish_post, an_editor, word_lists, translate
):
    make_post(a_blog, 2, question="My son is a junkie. How do I talk to him?")
    draft = make_post(a_blog, 3, question="Is my husband an addict?")
    draft.unpublish()
    spanish = a_spanish_post
    spanish.question = "¿Mi hija es adicta o adicto? Sufre una adicción."
    spanish.save_revision().publish()

    client.force_login(an_editor)
    response = client.get(reverse("comments_moderation:language_report"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "How do I start talking about treatment 2" in html
    assert "“junkie”" in html and "person who uses drogas" not in html
    assert "person who uses drugs" in html
    assert "Cómo empiezo a hablar de tratamiento 1" in html
    assert "“adicción”" in html and "trastorno por consumo" in html
    assert "How do I start talking about treatment 3" not in html, "drafts are not reported"
    assert "How do I start talking about treatment 1<" not in html, "the clean English post is not listed"


def test_members_cannot_open_the_language_report(client, a_member):
    client.force_login(a_member)
    assert client.get(reverse("comments_moderation:language_report")).status_code in {302, 403}
