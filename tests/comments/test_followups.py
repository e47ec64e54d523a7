"""Follow-up emails: to the members who asked, in their language, while they may still read the page."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django_comments_xtd.models import XtdComment
from wagtail.models import PageViewRestriction

from comments import services
from comments.models import FollowUp
from members.services import profile_for, set_suspended
from tests.comments.factories import add_comment, form_data
from tests.links import BASE_URL

# These read what the emails say; discreet mode has its own test (tests/comments/test_every_email_discreet.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("descriptive_emails")]

POST_URL = reverse("comments:post")


@pytest.fixture
def post_as(client, django_capture_on_commit_callbacks):
    """Post a comment as `member` through the form, running the emails a real commit would send."""

    def post(member, page, text, url=POST_URL, **extra):
        client.force_login(member)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, form_data(page, text, **extra))
        assert response.status_code == 302, response.content.decode()[:400]
        return XtdComment.objects.get(comment=text)

    return post


def follow(member, comment, scope=FollowUp.Scope.REPLIES):
    return FollowUp.objects.create(user=member, comment=comment, scope=scope)


def test_choosing_to_follow_on_the_form_records_the_wish(post_as, a_post, a_member):
    comment = post_as(a_member, a_post, "Please tell me about replies", follow=FollowUp.Scope.REPLIES)
    assert FollowUp.objects.get().comment == comment
    assert FollowUp.objects.get().scope == FollowUp.Scope.REPLIES


def test_a_reply_emails_the_follower_with_the_text_a_link_and_an_unsubscribe_link(
    post_as, a_post, a_member, another_member, mailoutbox
):
    question = add_comment(a_post, a_member, "Does it get easier?")
    follow(a_member, question)
    reply = post_as(another_member, a_post, "It did for us, slowly.", reply_to=question.pk)
    (email,) = mailoutbox
    assert email.to == ["rosa@example.org"]
    assert email.subject == "luis replied in a conversation you follow"
    assert "Hello Rosa M," in email.body
    assert "luis wrote a new comment on “How do I start talking about treatment 1”:" in email.body
    assert "It did for us, slowly." in email.body
    assert f"{BASE_URL}/blog/start-talking-1/?comment={reply.pk}#c{reply.pk}" in email.body
    unsubscribe = email.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe.startswith(f"{BASE_URL}/comments/unsubscribe/")
    assert unsubscribe in email.body
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "luis@example.org" not in email.body


def test_replies_scope_hears_about_replies_deeper_down_but_not_other_threads(
    post_as, a_post, a_member, another_member, a_third_member, mailoutbox
):
    question = add_comment(a_post, a_member, "Root")
    middle = add_comment(a_post, another_member, "Middle", parent=question)
    follow(a_member, question)
    post_as(a_third_member, a_post, "Deep reply", reply_to=middle.pk)
    assert [email.to for email in mailoutbox] == [["rosa@example.org"]]
    mailoutbox.clear()
    post_as(a_third_member, a_post, "A new thread")
    assert mailoutbox == []


def test_page_scope_hears_about_every_new_comment_on_the_page(post_as, a_post, a_member, another_member, mailoutbox):
    follow(a_member, add_comment(a_post, a_member, "I follow this page"), FollowUp.Scope.PAGE)
    post_as(another_member, a_post, "A brand new thread")
    (email,) = mailoutbox
    assert email.subject == "New comment on “How do I start talking about treatment 1”"


def test_nobody_is_emailed_about_their_own_comment_or_twice(post_as, a_post, a_member, mailoutbox):
    root = add_comment(a_post, a_member, "Root")
    follow(a_member, root, FollowUp.Scope.PAGE)
    follow(a_member, add_comment(a_post, a_member, "Another", parent=root))
    post_as(a_member, a_post, "Talking to myself", reply_to=root.pk)
    assert mailoutbox == []


def test_each_follower_gets_one_email_even_when_following_twice(post_as, a_post, a_member, another_member, mailoutbox):
    root = add_comment(a_post, a_member, "Root")
    follow(a_member, root, FollowUp.Scope.PAGE)
    follow(a_member, add_comment(a_post, a_member, "Mine too", parent=root))
    post_as(another_member, a_post, "Hello both", reply_to=root.pk)
    assert len(mailoutbox) == 1


def test_the_email_is_in_the_followers_language(post_as, a_spanish_post, a_spanish_member, a_member, mailoutbox):
    question = add_comment(a_spanish_post, a_spanish_member, "¿Mejora con el tiempo?")
    follow(a_spanish_member, question)
    post_as(a_member, a_spanish_post, "Sí, poco a poco.", url="/es/comentarios/publicar/", reply_to=question.pk)
    (email,) = mailoutbox
    with translation.override("es"):
        greeting = translation.gettext("Hello %(name)s,") % {"name": "Lucía"}
        subject = translation.gettext("%(name)s replied in a conversation you follow") % {"name": "Rosa M"}
    assert email.subject == subject
    assert email.from_email == "CRAFT Apoyo Familiar <noreply@localhost>"
    assert greeting in email.body
    assert f"{BASE_URL}/es/blog/empezar-a-hablar-1/?comment=" in email.body
    assert f"{BASE_URL}/es/comentarios/cancelar-suscripcion/" in email.body, "the unsubscribe page opens in Spanish"


def test_a_follower_who_can_no_longer_view_the_page_is_not_emailed(
    post_as, a_post, a_member, another_member, mailoutbox
):
    question = add_comment(a_post, a_member, "Root")
    follow(a_member, question)
    editors = Group.objects.get(name="Editors")
    restriction = PageViewRestriction.objects.create(page=a_post, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(editors)
    another_member.groups.add(editors)
    post_as(another_member, a_post, "Only editors read this now", reply_to=question.pk)
    assert mailoutbox == []


def test_suspended_or_opted_out_followers_are_not_emailed(
    post_as, a_post, a_member, another_member, a_third_member, mailoutbox
):
    question = add_comment(a_post, a_member, "Root")
    follow(a_member, question)
    follow(another_member, add_comment(a_post, another_member, "Me too", parent=question))
    set_suspended(profile_for(a_member), True)
    profile = profile_for(another_member)
    profile.notify_replies = False
    profile.save()
    post_as(a_third_member, a_post, "Hello", reply_to=question.pk)
    assert mailoutbox == []


def test_held_comments_email_nobody_until_a_moderator_approves_them(
    post_as,
    client,
    a_post,
    a_member,
    another_member,
    a_moderator,
    comment_settings,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    follow(a_member, add_comment(a_post, a_member, "Root"), FollowUp.Scope.PAGE)
    comment_settings.hold_first_comments = 1
    comment_settings.save()
    client.force_login(another_member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(POST_URL, form_data(a_post, "My first comment"))
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(XtdComment.objects.filter(comment="My first comment"), a_moderator)
    assert [email.to for email in mailoutbox] == [["rosa@example.org"]]


def unsubscribe_link(email):
    return email.extra_headers["List-Unsubscribe"].strip("<>").removeprefix(BASE_URL)


def test_the_unsubscribe_link_works_without_login_and_stops_further_emails(
    post_as, a_post, a_member, another_member, mailoutbox
):
    question = add_comment(a_post, a_member, "Root")
    follow(a_member, question)
    follow(a_member, add_comment(a_post, a_member, "Second", parent=question), FollowUp.Scope.PAGE)
    post_as(another_member, a_post, "First reply", reply_to=question.pk)
    link = unsubscribe_link(mailoutbox[0])

    visitor = Client(enforce_csrf_checks=True)
    opened = visitor.get(link)
    assert opened.status_code == 200
    assert "Stop these comment emails?" in opened.content.decode()
    assert FollowUp.objects.count() == 2, "opening the link changes nothing"
    done = visitor.post(link, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert "You are unsubscribed" in done.content.decode()
    assert not FollowUp.objects.filter(user=a_member).exists()

    mailoutbox.clear()
    post_as(another_member, a_post, "Second reply", reply_to=question.pk)
    assert mailoutbox == []
    assert visitor.post(link).status_code == 200, "a second click is harmless"


def test_a_forged_unsubscribe_token_changes_nothing(client, a_post, a_member):
    followup = follow(a_member, add_comment(a_post, a_member, "Root"))
    token = services.unsubscribe_token(followup)
    client.post(reverse("comments:unsubscribe", args=[token[:-2] + "xx"]))
    assert FollowUp.objects.filter(pk=followup.pk).exists()
