"""Sharing safely: the "share, don't advise" nudge, the identifying-details hint, the nudge report, and
the coach's word lists as the demo keeps them, in both languages."""

import logging

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from comments.models import AdviceNudgeCount, AdvicePhrase, IdentifyingPlace, LanguageSuggestion
from comments.sharing import Kind, advice_in, identifying_details
from demo.loader import rows_in_both_languages
from tests.comments.factories import add_comment, form_data

pytestmark = pytest.mark.django_db

POST_URL = reverse("comments:post")
SPANISH_POST_URL = "/es/comentarios/publicar/"


def found(text):
    return [(text[finding.start : finding.end], finding.kind) for finding in identifying_details(text)]


# --- Identifying details ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Call me at 305-555-0142 any time.", ("305-555-0142", Kind.PHONE)),
        ("Llámeme al +1 (786) 555 0199, por favor.", ("+1 (786) 555 0199", Kind.PHONE)),
        ("Write to rosa.m@example.com and I will answer.", ("rosa.m@example.com", Kind.EMAIL)),
        ("Escríbame a lucia_g@correo.example.mx.", ("lucia_g@correo.example.mx", Kind.EMAIL)),
        ("We live at 1234 Elm Street, near the park.", ("1234 Elm Street", Kind.ADDRESS)),
        ("He stays at 12 N. Main St. with friends.", ("12 N. Main St.", Kind.ADDRESS)),
        ("Vivimos en la Calle del Olmo 12, cerca del parque.", ("Calle del Olmo 12", Kind.ADDRESS)),
        ("Mi hija está en avenida Juárez #45 con su novio.", ("avenida Juárez #45", Kind.ADDRESS)),
        ("My son Daniel Ortega started treatment.", ("Daniel Ortega", Kind.NAME)),
        ("Mi esposo, José Luis Herrera, no quiere hablar.", ("José Luis Herrera", Kind.NAME)),
        ("She is a junior at Lincoln High School this year.", ("Lincoln High School", Kind.PLACE)),
        ("Estudia en la preparatoria benito juarez.", ("preparatoria benito juarez", Kind.PLACE)),
        ("Everyone in Maplewood knows us.", ("Maplewood", Kind.PLACE)),
        ("He works nights at Riverside Hospital.", ("Riverside Hospital", Kind.PLACE)),
        (
            "See his page https://www.instagram.com/dani.ortega_ for photos.",
            ("https://www.instagram.com/dani.ortega_", Kind.SOCIAL),
        ),
        ("Su perfil es facebook.com/lucia.g.1990 y ahí publica todo.", ("facebook.com/lucia.g.1990", Kind.SOCIAL)),
        ("Look at x.com/someone and tiktok.com/@someone", ("x.com/someone", Kind.SOCIAL)),
        ("linkedin.com/in/maria-lopez", ("linkedin.com/in/maria-lopez", Kind.SOCIAL)),
    ],
)
def test_identifying_details_are_found_in_both_languages(sharing_lists, text, expected):
    assert expected in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "My son started treatment on Monday in March.",
        "Mi hijo empezó el tratamiento el Lunes de Pascua.",
        "Tienes que salir a la calle y 3 veces por semana caminar.",
        "We went to Narcotics Anonymous and then Al-Anon.",
        "He was born on 12/05/2004 and we moved in 2019 and 2021.",
        "Naloxone saved his life. God knows we were scared.",
        "Thank you. Maria said the same.",
        "Gracias. Su historia me ayudó mucho.",
        "We talked about addiction, not about him.",
        "I read the article on example.com/help and it helped.",
    ],
)
def test_ordinary_sharing_is_not_flagged(sharing_lists, text):
    assert found(text) == []


def test_the_preview_marks_identifying_details_and_explains_pseudonymity(client, a_post, a_member, sharing_lists):
    client.force_login(a_member)
    text = "My son Daniel Ortega <b>lives</b> in Maplewood. Call 305-555-0142."
    response = client.post(POST_URL, form_data(a_post, text))
    html = response.content.decode()
    assert response.status_code == 200
    assert "This could tell others who you are" in html
    assert "Pseudonyms protect you and the person you love" in html
    for words, kind in (("Daniel Ortega", "name"), ("Maplewood", "place"), ("305-555-0142", "phone")):
        assert f'<mark class="identifying-hint__mark" data-kind="{kind}">{words}</mark>' in html
    assert "&lt;b&gt;lives&lt;/b&gt;" in html and "<b>lives</b>" not in html, "the member's text stays escaped"
    assert not XtdComment.objects.exists(), "the hint stops the first post"


def test_the_member_may_post_anyway_after_seeing_the_hint(client, a_post, a_member, sharing_lists):
    client.force_login(a_member)
    text = "Write to me at rosa.m@example.com."
    first = client.post(POST_URL, form_data(a_post, text))
    assert "rosa.m@example.com" in first.content.decode()
    second = client.post(POST_URL, form_data(a_post, text, coached="on"))
    assert second.status_code == 302
    assert XtdComment.objects.get().comment == text


def test_the_spanish_preview_explains_the_hint_in_spanish(client, a_spanish_post, a_spanish_member, sharing_lists):
    client.force_login(a_spanish_member)
    response = client.post(SPANISH_POST_URL, form_data(a_spanish_post, "Vivo en Hialeah, llámeme al 305 555 0142."))
    html = response.content.decode()
    assert "Esto podría revelar quién es usted" in html
    assert "Los seudónimos le protegen" in html
    assert "un número de teléfono" in html and "una escuela, un lugar de trabajo o una ciudad" in html


def _stored_text_containing(*needles):
    """Every text column of every table holding one of `needles` (the posted comment aside)."""
    hits = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        text_fields = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField | models.JSONField)
        ]
        for field in text_fields:
            for needle in needles:
                lookup = {f"{field}__icontains": needle}
                if model.objects.filter(**lookup).exists():
                    hits.append((model._meta.label, field, needle))
    return hits


def test_detected_details_are_never_stored_or_logged(client, a_post, a_member, another_member, sharing_lists, caplog):
    root = add_comment(a_post, another_member, "Has anyone tried setting limits?")
    client.force_login(a_member)
    text = "You should call 305-555-0142 or write to rosa.m@example.com near Maplewood."
    with caplog.at_level(logging.DEBUG):
        preview = client.post(POST_URL, form_data(a_post, text, reply_to=root.pk))
        assert preview.status_code == 200
        assert _stored_text_containing("305-555-0142", "rosa.m@example.com") == []
        assert AdviceNudgeCount.objects.get().shown == 1, "only a count is kept"
        client.post(POST_URL, form_data(a_post, "What helped me was setting limits.", reply_to=root.pk, coached="on"))
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "305-555-0142" not in logged and "rosa.m@example.com" not in logged and "You should call" not in logged
    assert _stored_text_containing("305-555-0142", "rosa.m@example.com", "You should call") == []


# --- Share, don't advise ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "phrase"),
    [
        ("en", "You should talk to him today.", "you should"),
        ("en", "Honestly you need to stop paying his rent.", "you need to"),
        ("en", "You have to be firm.", "you have to"),
        ("en", "You must call the police.", "you must"),
        ("en", "Just kick him out.", "kick him out"),
        ("en", "Kick her out, seriously.", "kick her out"),
        ("en", "If I were you I would leave.", "if I were you"),
        ("es", "Deberías echarlo de casa.", "debería"),
        ("es", "Usted debería hablar con él.", "debería"),
        ("es", "Tienes que ponerle límites.", "tienes que"),
        ("es", "Usted tiene que cuidarse.", "tiene que"),
        ("es", "Debe llamar a la policía.", "debe"),
        ("es", "Debes ser firme.", "debe"),
        ("es", "Necesita dejar de darle dinero.", "necesita"),
        ("es", "Échelo de casa ya.", "échelo de casa"),
        ("es", "Si yo fuera tú, me iría.", "si yo fuera tú"),
    ],
)
def test_advice_is_recognised_in_both_languages(sharing_lists, english, spanish, language, text, phrase):
    locale = english if language == "en" else spanish
    assert [item["entry"].phrase for item in advice_in(text, locale)] == [phrase]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "What helped me was telling him I would lock the door at midnight."),
        ("en", "We kicked him out once and it did not help us."),
        ("en", "I should have listened sooner."),
        ("es", "A mí me ayudó hablar con calma."),
        ("es", "Lo que él tenía que hacer no me tocaba decidirlo."),
        ("es", "Nos debemos paciencia."),
    ],
)
def test_sharing_experience_is_not_advice(sharing_lists, english, spanish, language, text):
    assert advice_in(text, english if language == "en" else spanish) == []


def test_a_reply_with_advice_shows_the_nudge_and_the_member_may_still_post(
    client, a_post, a_member, another_member, sharing_lists
):
    root = add_comment(a_post, another_member, "My son is using again. What do I do?")
    client.force_login(a_member)
    text = "You should kick him out."
    first = client.post(POST_URL, form_data(a_post, text, reply_to=root.pk))
    html = first.content.decode()
    assert first.status_code == 200
    assert "Share what you have lived" in html
    assert "“You should”" in html and "What helped me was …" in html
    assert "“kick him out”" in html and "When I was in a similar place, I …" in html
    assert not XtdComment.objects.filter(comment=text).exists()

    data = form_data(a_post, text, reply_to=root.pk, coached="on")
    data["nudged"] = _nudged_value(html)
    second = client.post(POST_URL, data)
    assert second.status_code == 302
    assert XtdComment.objects.get(comment=text).parent_id == root.pk
    count = AdviceNudgeCount.objects.get()
    assert (count.language_code, count.day, count.shown, count.followed) == ("en", timezone.localdate(), 1, 0)


def _nudged_value(html):
    marker = 'name="nudged" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def test_changing_the_text_after_the_nudge_counts_as_followed_in_spanish(
    client, a_spanish_post, a_spanish_member, another_member, sharing_lists
):
    root = add_comment(a_spanish_post, another_member, "Mi hijo volvió a consumir. ¿Qué hago?")
    client.force_login(a_spanish_member)
    first = client.post(SPANISH_POST_URL, form_data(a_spanish_post, "Tienes que echarlo de casa.", reply_to=root.pk))
    html = first.content.decode()
    assert "Comparta lo que ha vivido" in html and "En mi familia, lo que funcionó fue …" in html
    nudged = _nudged_value(html)

    # A second preview of new words is not a second nudge.
    again = client.post(
        SPANISH_POST_URL,
        form_data(a_spanish_post, "Debes ser firme.", reply_to=root.pk, coached="on", nudged=nudged, preview="1"),
    )
    assert "Comparta lo que ha vivido" in again.content.decode()
    posted = client.post(
        SPANISH_POST_URL,
        form_data(a_spanish_post, "A mí me ayudó poner límites.", reply_to=root.pk, coached="on", nudged=nudged),
    )
    assert posted.status_code == 302
    count = AdviceNudgeCount.objects.get()
    assert (count.language_code, count.shown, count.followed) == ("es", 1, 1)


def test_a_forged_nudge_value_is_not_counted(client, a_post, a_member, another_member, sharing_lists):
    root = add_comment(a_post, another_member, "Any ideas?")
    client.force_login(a_member)
    client.post(POST_URL, form_data(a_post, "What helped me was patience.", reply_to=root.pk, nudged="abc:def"))
    assert XtdComment.objects.filter(comment="What helped me was patience.").exists()
    assert not AdviceNudgeCount.objects.exists()


def test_advice_in_a_new_comment_or_a_reply_to_oneself_is_not_nudged(
    client, a_post, a_member, another_member, sharing_lists
):
    client.force_login(a_member)
    top = client.post(POST_URL, form_data(a_post, "You should read this post twice."))
    assert top.status_code == 302, "a comment to the page answers no one"
    own = XtdComment.objects.get()
    reply = client.post(POST_URL, form_data(a_post, "You should also read the next one.", reply_to=own.pk))
    assert reply.status_code == 302
    assert not AdviceNudgeCount.objects.exists()


# --- The nudge report -------------------------------------------------------------------------


def test_editors_see_how_often_the_nudge_was_shown_and_followed(client, an_editor):
    today = timezone.localdate()
    AdviceNudgeCount.objects.create(day=today, language_code="en", shown=7, followed=3)
    AdviceNudgeCount.objects.create(day=today, language_code="es", shown=4, followed=2)
    AdviceNudgeCount.objects.create(day=today - timezone.timedelta(days=1), language_code="es", shown=1)
    client.force_login(an_editor)
    response = client.get(reverse("comments_moderation:advice_report"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Share, don&#x27;t advise: nudge report" in html
    rows = html.split('class="advice-report__row"')[1:]
    assert len(rows) == 3
    assert "English" in rows[0] and "<td>7</td>" in rows[0] and "<td>3</td>" in rows[0]
    assert "Spanish" in rows[1] and "<td>4</td>" in rows[1] and "<td>2</td>" in rows[1]
    assert "<td>12</td><td>5</td>" in html, "totals"


def test_the_report_menu_lists_the_nudge_report(client, an_editor):
    client.force_login(an_editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("comments_moderation:advice_report") in html


def test_members_cannot_open_the_nudge_report(client, a_member):
    client.force_login(a_member)
    assert client.get(reverse("comments_moderation:advice_report")).status_code in {302, 403}


def test_editors_can_keep_the_advice_phrases_and_places(client, an_editor, english):
    client.force_login(an_editor)
    for model in (AdvicePhrase, IdentifyingPlace):
        url = reverse(f"wagtailsnippets_comments_{model._meta.model_name}:add")
        assert client.get(url + ("?locale=en" if model is AdvicePhrase else "")).status_code == 200


# --- The coach's word lists, one test per demo entry ------------------------------------------

COACH_SAMPLES = [
    ("en", "My brother is an addict.", "addict"),
    ("en", "The junkies under the bridge are somebody's children.", "junkie"),
    ("en", "My dad is an alcoholic.", "alcoholic"),
    ("en", "Her drug abuse started at fifteen.", "abuse"),
    ("en", "He has been clean for a year.", "clean"),
    ("en", "She was dirty again last week.", "dirty"),
    ("en", "After the relapse we talked.", "relapse"),
    ("en", "My son is a drug abuser.", "abuser"),
    ("en", "They called him a substance abuser at school.", "abuser"),
    ("en", "My nephew is not a druggie.", "druggie"),
    ("en", "People called her a crackhead.", "crackhead"),
    ("en", "He is no dope fiend.", "dope fiend"),
    ("es", "Mi hijo es adicto.", "adicto"),
    ("es", "Los adictos también son hijos.", "adicto"),
    ("es", "Mi hermano es drogadicto.", "drogadicto"),
    ("es", "Mi papá es alcohólico.", "alcohólico"),
    ("es", "El abuso empezó pronto.", "abuso"),
    ("es", "Lleva un año limpio.", "limpio"),
    ("es", "Estaba sucio otra vez.", "sucio"),
    ("es", "Después de la recaída hablamos.", "recaída"),
    ("es", "Lo llaman abusador de drogas.", "abusador"),
    ("es", "Su adicción no la define.", "adicción"),
    ("es", "Es una viciosa, dicen.", "viciosa"),
    ("es", "Es un vicioso, dicen.", "vicioso"),
    ("es", "Mi hija es adicta.", "adicta"),
    ("es", "Mi tía es drogadicta.", "drogadicta"),
    ("es", "Mi mamá es alcohólica.", "alcohólica"),
    ("es", "La llaman abusadora.", "abusadora"),
    ("es", "En el parque hay yonquis.", "yonqui"),
    ("es", "Le dicen yonqui.", "yonqui"),
    ("es", "Lo tratan de tecato.", "tecato"),
    ("es", "La tratan de tecata.", "tecata"),
    ("es", "Ya está limpia.", "limpia"),
    ("es", "Salió sucia en la prueba.", "sucia"),
]


@pytest.fixture
def demo_coach_lists(english, spanish):
    """The coach's lists exactly as the demo loads them (without wagtail-localize, to stay fast)."""
    locales = {"en": english, "es": spanish}
    LanguageSuggestion.objects.bulk_create(
        LanguageSuggestion(locale=locales[language], **fields) for language, fields in demo_suggestions()
    )


def demo_suggestions():
    return list(rows_in_both_languages("comments", "comments.LanguageSuggestion"))


@pytest.mark.parametrize(("language", "text", "term"), COACH_SAMPLES)
def test_the_coach_finds_each_listed_word(demo_coach_lists, english, spanish, language, text, term):
    from comments.language import suggestions_for

    locale = english if language == "en" else spanish
    assert [item["entry"].term for item in suggestions_for(text, locale)] == [term]


def test_every_word_of_the_demo_lists_has_a_sample_above():
    english_terms = {fields["term"] for language, fields in demo_suggestions() if language == "en"}
    spanish_terms = {fields["term"] for language, fields in demo_suggestions() if language == "es"}
    assert english_terms == {term for language, _text, term in COACH_SAMPLES if language == "en"}
    assert spanish_terms == {term for language, _text, term in COACH_SAMPLES if language == "es"}


def test_spanish_reviewers_never_add_advice_phrases_directly(client, make_user, a_spanish_home_page, spanish):
    """Like the coach's list, the advice phrases are changed by those who moderate comments; the
    translation team only translates them (a reviewer may publish other Spanish snippets)."""
    from cms.roles import SPANISH_REVIEWERS, apply_roles

    apply_roles()
    client.force_login(make_user("revisora", SPANISH_REVIEWERS))
    add = reverse("wagtailsnippets_comments_advicephrase:add") + "?locale=es"
    response = client.post(add, {"phrase": "nada", "suggestion": "nada"})
    assert response.status_code in {302, 403}
    assert not AdvicePhrase.objects.filter(phrase="nada").exists()
