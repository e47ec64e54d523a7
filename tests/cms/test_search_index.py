"""Site search's own index: per-language analysis, kept in step with publishing, synonyms,
"Did you mean ...?", crisis lines, ranking and safe snippets."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django_comments_xtd.models import XtdComment
from wagtail.models import Page, PageViewRestriction

from cms.models import CrisisResource, SearchEntry, SearchSynonym
from cms.search_text import stems, terms
from comments.models import SafetyTerm
from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def add_page(parent, title, slug, intro="", **fields):
    page = parent.add_child(instance=StandardPage(title=title, slug=slug, intro=intro, **fields))
    page.save_revision().publish()
    return page


def titles(response):
    return [page.title for page in response.context["results"]]


@pytest.fixture
def spanish_treatment_page(a_spanish_home_page):
    return add_page(
        a_spanish_home_page, "Invitar a tratarse", "invitar", "Cuándo proponer tratamientos a su hijo, sin presión."
    )


def lexemes(page):
    with connection.cursor() as cursor:
        cursor.execute("SELECT document::text FROM cms_searchentry WHERE page_id = %s", [page.pk])
        return cursor.fetchone()[0]


def test_each_language_is_stemmed_by_its_own_rules_without_accents(a_home_page, spanish_treatment_page):
    english = add_page(a_home_page, "Inviting to treatment", "inviting", "Suggesting treatments to your son.")
    assert "'treatment'" in lexemes(english) and "'suggest'" in lexemes(english)
    spanish = lexemes(spanish_treatment_page)
    # Spanish Snowball stems of the unaccented words "tratamientos" and "presión".
    assert "'tratamient'" in spanish and "'presion'" in spanish
    assert "ó" not in spanish


def test_spanish_plurals_and_missing_accents_find_the_spanish_page(spanish_treatment_page, client):
    for query in ("tratamiento", "TRATAMIENTOS", "cuando proponer", "hijos"):
        assert titles(client.get("/es/buscar/", {"q": query})) == ["Invitar a tratarse"], query
    assert titles(client.get("/search/", {"q": "tratamiento"})) == []


def test_the_index_follows_publishing_unpublishing_moving_and_privacy(a_home_page, client):
    page = add_page(a_home_page, "Noticing good moments", "noticing")
    assert titles(client.get("/search/", {"q": "noticing"})) == ["Noticing good moments"]

    page.title = "Noticing small wins"
    page.save_revision().publish()
    assert titles(client.get("/search/", {"q": "wins"})) == ["Noticing small wins"]

    page.unpublish()
    assert titles(client.get("/search/", {"q": "noticing"})) == []
    assert not SearchEntry.objects.filter(page_id=page.pk).exists()
    page.save_revision().publish()

    corner = add_page(a_home_page, "Members' corner", "corner")
    restriction = PageViewRestriction.objects.create(page=corner, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get_or_create(name="Members")[0])
    page.refresh_from_db()
    page.move(corner, pos="last-child")
    assert titles(client.get("/search/", {"q": "noticing"})) == []
    restriction.delete()
    assert titles(client.get("/search/", {"q": "noticing"})) == ["Noticing small wins"]

    Page.objects.get(pk=page.pk).delete()
    assert not SearchEntry.objects.filter(page_id=page.pk).exists()


def test_a_site_migrated_with_pages_already_there_gets_them_indexed(a_home_page, client):
    from cms.search_index import build_if_empty

    add_page(a_home_page, "Noticing good moments", "noticing")
    SearchEntry.objects.all().delete()
    build_if_empty()
    assert titles(client.get("/search/", {"q": "noticing"})) == ["Noticing good moments"]


def test_a_draft_is_never_searchable(a_home_page, client):
    page = add_page(a_home_page, "Noticing good moments", "noticing")
    page.title = "Secret draft wording"
    page.save_revision()
    assert titles(client.get("/search/", {"q": "secret"})) == []


def test_a_translation_is_indexed_in_its_own_language(a_spanish_home_page, translate, client):
    home = HomePage.objects.get(locale__language_code="en")
    page = add_page(home, "Rewarding sober moments", "rewarding", "Small rewards")
    translate(
        page,
        {
            "Rewarding sober moments": "Premiar los momentos",
            "rewarding": "premiar",
            "Small rewards": "Pequeñas recompensas",
        },
    )
    assert titles(client.get("/es/buscar/", {"q": "recompensa"})) == ["Premiar los momentos"]


def test_synonyms_kept_in_the_admin_widen_a_search(a_home_page, client, django_user_model):
    add_page(a_home_page, "After a return to use", "return", "What to do when your loved one uses again.")
    assert titles(client.get("/search/", {"q": "relapse"})) == ["After a return to use"]  # seeded

    client.force_login(django_user_model.objects.create_superuser("admin", password="x"))  # noqa: S106
    response = client.post(
        "/admin/snippets/cms/searchsynonym/add/", {"language": "en", "terms": "comeback\nreturn to use"}
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    client.logout()
    assert SearchSynonym.objects.filter(terms__startswith="comeback").exists()
    assert titles(client.get("/search/", {"q": "comebacks"})) == ["After a return to use"]
    assert titles(client.get("/es/buscar/", {"q": "comeback"})) == []


def test_a_typo_finds_the_page_with_did_you_mean_in_the_readers_language(spanish_treatment_page, client):
    response = client.get("/es/buscar/", {"q": "tratamento"})
    assert titles(response) == ["Invitar a tratarse"]
    html = response.content.decode()
    assert "¿Quiso decir “tratamientos”?" in html or "¿Quiso decir “tratamiento”?" in html
    assert "No se encontró nada para “tratamento”." in html


def test_a_word_cut_short_finds_the_page(spanish_treatment_page, client):
    assert titles(client.get("/es/buscar/", {"q": "tratami"})) == ["Invitar a tratarse"]


def test_crisis_words_show_the_crisis_lines_above_the_results(a_spanish_home_page, client, english, spanish):
    SafetyTerm.objects.create(locale=english, term="kill myself")
    SafetyTerm.objects.create(locale=spanish, term="quitarme la vida")
    CrisisResource.objects.create(locale=spanish, name="Línea 988", contact="Llame al 988", phone="988")
    html = client.get("/es/buscar/", {"q": "quiero quitarme la vida"}).content.decode()
    assert html.index("Línea 988") < html.index('class="search-summary"')
    assert "No tiene que pasar por esto en soledad" in html
    # Either language's words, accents or not; an ordinary search shows no crisis box.
    assert "search-crisis" in client.get("/search/", {"q": "I want to KILL myself"}).content.decode()
    assert "search-crisis" not in client.get("/search/", {"q": "treatment"}).content.decode()


def test_title_and_topic_matches_come_before_body_matches(a_home_page, client):
    add_page(a_home_page, "A long story", "story", "Among many things, treatment was mentioned once.")
    add_page(a_home_page, "Treatment options", "options", "What is on offer.")
    assert titles(client.get("/search/", {"q": "treatment"})) == ["Treatment options", "A long story"]


def test_the_snippet_marks_the_words_and_escapes_page_text(a_home_page, client):
    # Text that reads as markup once its entities are decoded for indexing.
    add_page(a_home_page, "Hostile", "hostile", "&lt;script&gt;alert(1)&lt;/script&gt; treatment")
    add_page(a_home_page, "Signs", "signs", "Tom &amp; Jerry: treatment &gt; nothing")
    html = client.get("/search/", {"q": "treatments"}).content.decode()
    assert "<script>alert(1)" not in html
    assert "Tom &amp; Jerry: <mark>treatment</mark> &gt; nothing" in html


def test_members_comments_are_never_indexed(a_home_page, client):
    """Only pages' own fields are: comments (and journals, private questions) are not pages."""
    page = add_page(a_home_page, "Noticing good moments", "noticing")
    XtdComment.objects.create(
        content_type=ContentType.objects.get_for_model(page),
        object_pk=str(page.pk),
        site_id=1,
        user_name="rosa",
        comment="My zebracorn story",
        is_public=True,
    )
    page.save_revision().publish()
    assert titles(client.get("/search/", {"q": "zebracorn"})) == []


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["treatment", "treatments", "Treatments"]),
        ("en", ["family", "families"]),
        ("en", ["relapse", "relapsed", "relapses", "relapsing"]),
        ("es", ["recaída", "recaidas", "Recaídas"]),
        ("es", ["hijo", "hija", "hijos", "hijas"]),
        ("es", ["tratamiento", "tratamientos"]),
        ("es", ["padre", "padres"]),
        ("es", ["vez", "veces"]),
        ("es", ["premiar", "premios", "premio"]),
        ("es", ["consumir", "consume", "consumo"]),
    ],
)
def test_the_sqlite_stemmer_joins_plurals_gender_and_accents(language, words):
    assert len({stems(word, language)[0] for word in words}) == 1


def test_sqlite_terms_are_padded_for_whole_word_matching():
    assert terms("Los tratamientos de mi hijo", "es") == " tratamient hij "
