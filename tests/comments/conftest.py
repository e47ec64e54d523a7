"""A Q&A post to comment on, members in every state, and a helper that fills in the comment form."""

import pytest
from django_comments_xtd.models import XtdComment
from wagtail.models import Site

from comments.forms import MemberCommentForm
from comments.models import CommentSettings
from members.services import profile_for, set_suspended
from tests.blog.qa_helpers import make_blog, make_post


def form_data(page, text, **extra):
    """What the comment form on `page` posts: its signed hidden fields, the text and any extras."""
    form = MemberCommentForm(page)
    data = {name: form.initial.get(name, field.initial) for name, field in form.fields.items()}
    data = {name: value for name, value in data.items() if value is not None}
    data.update(comment=text, honeypot="", follow="", reply_to=0, post="1")
    data.update(extra)
    return data


def add_comment(page, user, text="A kind word.", parent=None, **fields):
    """A comment saved straight through the engine's model, as a published comment."""
    comment = XtdComment(
        content_object=page,
        site_id=1,
        user=user,
        user_name=user.username if user else "",
        comment=text,
        parent_id=parent.pk if parent else 0,
        is_public=fields.pop("is_public", True),
        **fields,
    )
    comment.save()
    return comment


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
def an_unverified_account(make_user):
    return make_user("newcomer")


@pytest.fixture
def a_suspended_member(make_user):
    member = make_user("paused", "Members")
    set_suspended(profile_for(member), True)
    return member


@pytest.fixture
def a_moderator(make_user):
    return make_user("moderator", "Moderators")
