"""A Q&A post to comment on, members in every state, and helpers that fill in the form or grow a thread."""

import pytest
from wagtail.models import Site

from comments.models import AdvicePhrase, CommentSettings, IdentifyingPlace, LanguageSuggestion, SafetyTerm
from demo.loader import rows_in_both_languages
from members.services import profile_for, set_suspended
from tests.blog.factories import BLOG_SPANISH, make_blog, make_post, post_spanish


@pytest.fixture
def comment_settings(a_home_page):
    """New members' first comments published at once, unless a test holds them."""
    site = Site.objects.get(is_default_site=True)
    settings, _ = CommentSettings.objects.update_or_create(site=site, defaults={"hold_first_comments": 0})
    return settings


@pytest.fixture
def a_blog(a_home_page):
    return make_blog(a_home_page)


@pytest.fixture
def a_post(a_blog, comment_settings):
    return make_post(a_blog, 1)


@pytest.fixture
def a_spanish_post(a_post, a_blog, a_spanish_home_page, translate):
    """The Spanish translation of `a_post`, at /es/blog/empezar-a-hablar-1/, with its own thread."""
    translate(a_blog, BLOG_SPANISH)
    return translate(a_post, post_spanish(1))


@pytest.fixture
def a_member(make_user):
    member = make_user("rosa", "Members")
    profile = profile_for(member)
    profile.display_name = "Rosa M"
    profile.save()
    return member


@pytest.fixture
def another_member(make_user):
    return make_user("luis", "Members")


@pytest.fixture
def a_third_member(make_user):
    return make_user("carmen", "Members")


@pytest.fixture
def a_spanish_member(make_user):
    member = make_user("lucia", "Members")
    profile = profile_for(member)
    profile.preferred_language = "es"
    profile.display_name = "Lucía"
    profile.save()
    return member


@pytest.fixture
def an_unverified_account(make_user):
    return make_user("newcomer")


@pytest.fixture
def a_suspended_member(make_user):
    member = make_user("paused", "Members")
    set_suspended(profile_for(member), True)
    return member


@pytest.fixture
def a_moderator(make_user):
    """Wagtail's own Moderators group, which the comments migration lets moderate comments."""
    return make_user("moderator", "Moderators")


@pytest.fixture
def word_lists(english, spanish):
    """The coach's and the safety net's lists in both languages, as editors would keep them."""
    for locale, term, suggestion in [
        (english, "addict", "person with a substance use disorder"),
        (english, "abuse", "use"),
        (english, "clean", "not using"),
        (english, "junkie", "person who uses drugs"),
        (spanish, "adicto", "persona con un trastorno por consumo de sustancias"),
        (spanish, "drogadicto", "persona que consume drogas"),
        (spanish, "abuso", "consumo"),
        (spanish, "adicción", "trastorno por consumo"),
    ]:
        LanguageSuggestion.objects.create(locale=locale, term=term, suggestion=suggestion)
    for locale, term in [
        (english, "suicide"),
        (english, "kill myself"),
        (spanish, "suicidarme"),
        (spanish, "suicidio"),
    ]:
        SafetyTerm.objects.create(locale=locale, term=term)


@pytest.fixture
def sharing_lists(english, spanish):
    """The demo's advice phrases and identifying places, as editors would keep them."""
    locales = {"en": english, "es": spanish}
    for language, fields in rows_in_both_languages("comments", "comments.AdvicePhrase"):
        AdvicePhrase.objects.create(locale=locales[language], phrase=fields["phrase"], suggestion=fields["suggestion"])
    for _language, fields in rows_in_both_languages("comments", "comments.IdentifyingPlace"):
        IdentifyingPlace.objects.create(name=fields["name"], kind=fields["kind"])
