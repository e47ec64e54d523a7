"""Every email the site can send, with discreet mode on and off, in both languages (members.mail).

With the mode on, a glance at the inbox (subject, sender name, the first 100 characters a mail
client previews) shows none of the words that would tell someone else what the site is about;
the message itself follows unchanged. TRIGGERS must name every kind in members.mail.KINDS: a new
email cannot be added without a line here. It lives with the comments tests for their fixtures
(a post to comment on, moderators, the safety word lists); it covers every app's emails.
"""

import ast
from email.utils import parseaddr
from pathlib import Path

import pytest
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.core import context as allauth_context
from django.conf import settings
from django.test import Client, RequestFactory

from blog import inbox
from blog.models import QuestionSubmission
from cms.membership import MEMBERS_GROUP
from comments import services
from comments.models import FollowUp
from members.mail import KINDS, REVEALING_WORDS, discreet_subject, preheader
from members.privacy import delete_member_account
from members.services import profile_for
from tests.comments.factories import add_comment
from tests.members.factories import PASSWORD

pytestmark = pytest.mark.django_db

ACCOUNTS = {"en": "/accounts", "es": "/es/cuentas"}
REVEALING_SUBJECT = "My son relapsed after drug treatment"


@pytest.fixture
def recipient(make_user):
    """A verified member whose emails are in `language`, discreet or not as they chose."""

    def make(language, discreet, username="quiet_wren", *groups):
        member = make_user(username, MEMBERS_GROUP, *groups)
        EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
        profile = profile_for(member)
        profile.preferred_language = language
        profile.discreet_mail = discreet
        profile.save()
        return member

    return make


def ask(member, private=False):
    return QuestionSubmission.objects.create(
        member=member,
        language="en",
        subject=REVEALING_SUBJECT,
        question="He was doing so well in recovery. How do I respond without anger?",
        relationship="child",
        consent_to_publish=not private,
        private=private,
    )


def in_allauth_request(language):
    request = RequestFactory().get(f"{ACCOUNTS[language]}/email/")
    return allauth_context.request_context(request)


# Each trigger does what the site does, for a recipient in `language` with discreet mode `discreet`,
# and returns that recipient, or None when the address has no choice yet (so it must be discreet).
def _signup(ctx, language, discreet):
    Client().post(
        f"{ACCOUNTS[language]}/signup/",
        {"username": "new_wren", "email": "wren@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    return None


def _already_exists(ctx, language, discreet):
    member = ctx.recipient(language, discreet)
    Client().post(
        f"{ACCOUNTS[language]}/signup/",
        {"username": "another_wren", "email": member.email, "password1": PASSWORD, "password2": PASSWORD},
    )
    return member


def _confirmation(ctx, language, discreet):
    member = ctx.recipient(language, discreet)
    address = EmailAddress.objects.get(user=member)
    with in_allauth_request(language) as _request:
        get_adapter().send_confirmation_mail(allauth_context.request, EmailConfirmationHMAC(address), signup=False)
    return member


def _password_reset(ctx, language, discreet):
    member = ctx.recipient(language, discreet)
    Client().post(f"{ACCOUNTS[language]}/password/reset/", {"email": member.email})
    return member


def _unknown_account(ctx, language, discreet):
    Client().post(f"{ACCOUNTS[language]}/password/reset/", {"email": "nobody@example.org"})
    return None


def _other_account_email(ctx, language, discreet):
    member = ctx.recipient(language, discreet)
    with in_allauth_request(language):
        get_adapter().send_mail("account/email/password_changed", member.email, {"user": member})
    return None


def _account_deleted(ctx, language, discreet):
    member = ctx.recipient(language, discreet)
    with ctx.capture(execute=True):
        delete_member_account(member, keep_comments=False)
    return member


def _followup(ctx, language, discreet):
    follower = ctx.recipient(language, discreet)
    FollowUp.objects.create(user=follower, comment=ctx.add_comment(ctx.post, follower), scope=FollowUp.Scope.PAGE)
    with ctx.capture(execute=True):
        services.post_comment(page=ctx.post, user=ctx.poster, text="He started using drugs again last week.")
    return follower


def _safety_hold(ctx, language, discreet):
    moderator = ctx.recipient(language, discreet, "moderator", "Moderators")
    with ctx.capture(execute=True):
        services.post_comment(page=ctx.post, user=ctx.poster, text="Some nights I want to kill myself.")
    return moderator


def _removed(ctx, language, discreet):
    member = ctx.recipient(language, discreet)
    comment = ctx.add_comment(ctx.post, member, text="He drank again after treatment.")
    with ctx.capture(execute=True):
        services.tell_author_of_removal(comment, "It named a treatment centre and a person.")
    return member


def _moderator_message(ctx, language, discreet):
    member = ctx.recipient(language, discreet)
    comment = ctx.add_comment(ctx.post, member, text="Some nights I cannot go on.")
    with ctx.capture(execute=True):
        assert services.write_to_member(comment, ctx.editor, "We read your comment about his relapse; help is near.")
    return member


def _question_received(ctx, language, discreet):
    member = ctx.recipient(language, discreet)
    with ctx.capture(execute=True):
        inbox.submit_question(ask(member))
    return member


def _question_answered(ctx, language, discreet):
    question = ask(ctx.recipient(language, discreet))
    post = inbox.draft_answer(question, ctx.editor)
    with ctx.capture(execute=True):
        post.save_revision(user=ctx.editor).publish()
    return question.member


def _question_declined(ctx, language, discreet):
    question = ask(ctx.recipient(language, discreet))
    with ctx.capture(execute=True):
        inbox.decline(question, "Dear friend, we cannot answer this one about his recovery.")
    return question.member


def _private_answer(ctx, language, discreet):
    question = ask(ctx.recipient(language, discreet), private=True)
    with ctx.capture(execute=True):
        inbox.answer_privately(question, "Relapse is common in recovery; here is what can help.")
    return question.member


TRIGGERS = {
    "account.email_confirmation_signup": _signup,
    "account.account_already_exists": _already_exists,
    "account.email_confirmation": _confirmation,
    "account.password_reset_key": _password_reset,
    "account.unknown_account": _unknown_account,
    "account.other": _other_account_email,
    "members.account_deleted": _account_deleted,
    "comments.followup": _followup,
    "comments.safety_hold": _safety_hold,
    "comments.removed": _removed,
    "comments.moderator_message": _moderator_message,
    "blog.question_received": _question_received,
    "blog.question_answered": _question_answered,
    "blog.question_declined": _question_declined,
    "blog.private_answer": _private_answer,
}


class Context:
    def __init__(self, **fields):
        self.__dict__.update(fields)


@pytest.fixture
def ctx(recipient, a_post, a_blog, make_user, an_editor, word_lists, django_capture_on_commit_callbacks):
    poster = make_user("poster", MEMBERS_GROUP)
    return Context(
        recipient=recipient,
        post=a_post,
        poster=poster,
        editor=an_editor,
        add_comment=add_comment,
        capture=django_capture_on_commit_callbacks,
    )


def test_every_kind_of_email_has_a_trigger_in_this_table():
    assert set(TRIGGERS) == set(KINDS)


def glance(message):
    """What an inbox shows before the message is opened."""
    name, _address = parseaddr(message.from_email)
    return " ".join([message.subject, name, message.body[:100]]).lower()


@pytest.mark.parametrize("discreet", [True, False], ids=["discreet", "descriptive"])
@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("kind", sorted(TRIGGERS))
def test_every_email_is_discreet_when_the_member_chose_it(kind, language, discreet, ctx, mailoutbox):
    member = TRIGGERS[kind](ctx, language, discreet)
    assert all(hasattr(message, "kind") for message in mailoutbox), "an email did not go through members.mail"
    sent = [
        message for message in mailoutbox if message.kind == kind and (member is None or member.email in message.to)
    ]
    assert sent, f"{kind} sent nothing"
    expect_discreet = discreet or member is None
    for message in sent:
        if expect_discreet:
            assert message.subject == discreet_subject(language)
            assert message.body.startswith(preheader(language) + "\n\n")
            seen = glance(message)
            assert [word for word in REVEALING_WORDS if word in seen] == []
        else:
            assert message.subject != discreet_subject(language)
            assert not message.body.startswith(preheader(language))


def test_the_discreet_first_line_fills_what_mail_clients_preview():
    for language in ("en", "es"):
        assert len(preheader(language)) >= 100
    assert discreet_subject("es") == "Una actualización de su cuenta"


def test_only_members_mail_sends_email():
    """Anything that sends mail outside members.mail would skip discreet mode (and this table)."""
    allowed = {
        "members/mail.py",  # the one place
        "cms/mail.py",  # the queue's resend, and Wagtail's notifications to staff about pages
        "ops/drills/probe.py",  # an operator's drill, to the operator's own address
    }
    senders = {"send_mail", "send_mass_mail", "EmailMessage", "EmailMultiAlternatives", "mail_admins"}
    root = Path(settings.BASE_DIR)
    offenders = []
    for package in root.iterdir():
        if not package.is_dir() or package.name.startswith(".") or package.name in {"tests", "node_modules"}:
            continue
        for path in package.rglob("*.py"):
            relative = path.relative_to(root).as_posix()
            if relative in allowed:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute):
                    name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                    if name in senders:
                        offenders.append(f"{relative}:{node.lineno} {name}")
    assert offenders == []
