"""A Q&A post to comment on, members in every state, and helpers that fill in the form or grow a thread."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from django_comments.models import Comment
from django_comments_xtd.models import XtdComment
from wagtail.models import Site

from comments.forms import MemberCommentForm
from comments.models import AdvicePhrase, CommentSettings, IdentifyingPlace, LanguageSuggestion, SafetyTerm
from demo.loader import rows_in_both_languages
from members.services import profile_for, set_suspended
from tests.blog.qa_helpers import BLOG_SPANISH, make_blog, make_post, post_spanish

LONG_AGO = datetime.timedelta(hours=2)


def form_data(page, text, **extra):
    """What the comment form on `page` posts: its signed hidden fields, the text and any extras."""
    form = MemberCommentForm(page)
    data = {name: form.initial.get(name, field.initial) for name, field in form.fields.items()}
    data = {name: value for name, value in data.items() if value is not None}
    data.update(comment=text, honeypot="", follow="", reply_to=0, post="1")
    data.update(extra)
    return data


def add_comment(page, user, text="A kind word.", parent=None, **fields):
    """A comment saved straight through the engine's model, published, posted two hours ago.

    Two hours ago, so a test's own posts are not slowed by the rate limit.
    """
    comment = XtdComment(
        content_object=page,
        site_id=1,
        user=user,
        user_name=fields.pop("user_name", user.username if user else ""),
        comment=text,
        parent_id=parent.pk if parent else 0,
        is_public=fields.pop("is_public", True),
        submit_date=fields.pop("submit_date", timezone.now() - LONG_AGO),
        **fields,
    )
    comment.save()
    return comment


def bulk_comments(page, authors, count, depth=4, start=0):
    """`count` published comments on `page` in threads `depth` replies deep, in three bulk inserts.

    XtdComment extends Comment through a one-to-one table, which Django cannot bulk-create; the
    parent rows go in with bulk_create and the thread columns with one executemany.
    """
    content_type = ContentType.objects.get_for_model(page)
    now = timezone.now() - LONG_AGO
    base = Comment.objects.bulk_create(
        Comment(
            content_type=content_type,
            object_pk=str(page.pk),
            site_id=1,
            user=authors[number % len(authors)],
            user_name=authors[number % len(authors)].username,
            comment=f"Bulk comment {start + number}",
            submit_date=now + datetime.timedelta(seconds=number),
            is_public=True,
            is_removed=False,
        )
        for number in range(count)
    )
    rows = []
    per_thread = depth + 1
    for number, comment in enumerate(base):
        level = number % per_thread
        thread = base[number - level].pk
        parent = base[number - 1].pk if level else comment.pk
        rows.append((comment.pk, thread, parent, level, level + 1, False, 0))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {XtdComment._meta.db_table} "  # noqa: S608 (our own table name, no input)
            '(comment_ptr_id, thread_id, parent_id, level, "order", followup, nested_count) '
            "VALUES (%s, %s, %s, %s, %s, %s, %s)",
            rows,
        )
    return XtdComment.norel_objects.filter(pk__in=[comment.pk for comment in base])


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
