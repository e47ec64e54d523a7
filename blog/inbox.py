"""The question inbox's journey: received → drafted as a post → answered when published, or declined.

Every email goes out in the member's language, after the database change is committed, so a
rolled-back step never tells a member something that did not happen.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext
from wagtail.coreutils import find_available_slug
from wagtail.rich_text import RichText

from members import mail
from members.services import preferred_language, profile_for

from .models import BlogIndexPage, QAPostPage, QuestionSubmission

logger = logging.getLogger(__name__)

# Only these may still become answered or declined: a declined question stays declined even if
# its draft is published later, and an answered one is never announced twice.
OPEN_STATUSES = (QuestionSubmission.Status.NEW, QuestionSubmission.Status.IN_PROGRESS)


class InboxError(Exception):
    """A step of the journey that cannot happen (no blog in that language, question already closed)."""


def _send(template, question, **context):
    """Email the member; a failing mail server is logged, never shown as an error page.

    The language is the one the member chose in their profile, as for every other email the site
    sends them, not the language of the page they happened to write from.
    """
    context = {
        "question": question,
        "pseudonym": question.pseudonym,
        "site_name": settings.WAGTAIL_SITE_NAME,
        **context,
    }
    language = preferred_language(question.member)
    with translation.override(language):
        subject = render_to_string(f"blog/emails/{template}_subject.txt", context).strip()
        body = render_to_string(f"blog/emails/{template}_body.txt", context)
    try:
        mail.send(
            f"blog.{template}",
            to=question.member.email,
            subject=subject,
            body=body,
            language=language,
            discreet=mail.discreet_for(question.member),
        )
    except OSError:
        logger.exception("Could not send the %s email for question %s", template, question.pk)


def _locked(question):
    """The question read again and locked until the step commits: two staff acting at once close it once."""
    return QuestionSubmission.objects.select_for_update().select_related("member").get(pk=question.pk)


def _refuse_if_closed(question):
    if question.status not in OPEN_STATUSES:
        raise InboxError(gettext("This question is closed."))


def _close(question, status, stamped, message_field, message, email):
    """Close `question` with the team's `message`, kept in `message_field` (the member's data download
    shows it), and send it to the member in the `email` once the step is committed."""
    question.status = status
    setattr(question, stamped, timezone.now())
    setattr(question, message_field, message)
    question.save(update_fields=["status", stamped, message_field])
    transaction.on_commit(lambda: _send(email, question, message=message))
    return question


def submit_question(question):
    """Save a new question and send the member a receipt once it is stored."""
    question.status = QuestionSubmission.Status.NEW
    question.save()
    transaction.on_commit(lambda: _send("question_received", question))
    return question


def blog_for_language(language_code):
    return BlogIndexPage.objects.filter(locale__language_code=language_code).first()


def salutation(question):
    with translation.override(question.language):
        return gettext("Dear %(pseudonym)s, thank you for writing in.") % {"pseudonym": question.pseudonym}


@transaction.atomic
def draft_answer(question, author):
    """Create the draft `QAPostPage` answering `question` under the blog of the member's language.

    Running it again returns the draft already made, so a double click makes one post, not two.
    """
    question = _locked(question)
    if question.answer_post_id:
        return question.answer_post
    _refuse_if_closed(question)
    if question.private:
        raise InboxError(gettext("This question is private: answer it by email, it is never published."))
    blog = blog_for_language(question.language)
    if blog is None:
        raise InboxError(gettext("There is no Discussion Blog in this member's language yet."))
    post = QAPostPage(
        title=question.subject,
        slug=find_available_slug(blog, slugify(question.subject, allow_unicode=True)[:200] or "question"),
        locale=blog.locale,
        live=False,
        owner=author,
        author=author,
        asker=question.member,
        asker_name=question.pseudonym,
        question=question.question,
        answer=[("paragraph", RichText(f"<p>{escape(salutation(question))}</p>"))],
        excerpt=Truncator(question.question).chars(280),
    )
    blog.add_child(instance=post)
    post.save_revision(user=author, log_action=True)
    question.answer_post = post
    question.status = QuestionSubmission.Status.IN_PROGRESS
    question.save(update_fields=["answer_post", "status"])
    return post


def mark_answered(post):
    """When an answer post goes live, its questions are answered and their askers get the link."""
    questions = QuestionSubmission.objects.filter(answer_post=post, status__in=OPEN_STATUSES)
    for question in questions.select_related("member__member_profile"):
        question.status = QuestionSubmission.Status.ANSWERED
        question.answered_at = timezone.now()
        question.save(update_fields=["status", "answered_at"])
        # Members who turned off answer emails still find the post on their profile.
        if not profile_for(question.member).notify_answers:
            continue
        url = post.get_full_url()
        transaction.on_commit(lambda question=question, url=url: _send("question_answered", question, url=url))


def on_page_published(sender, instance, **kwargs):
    mark_answered(instance)


def default_decline_message(question):
    """A kind note in the member's language (the one their emails use), which the editor may change."""
    with translation.override(preferred_language(question.member)):
        return render_to_string(
            "blog/emails/decline_message.txt", {"pseudonym": question.pseudonym, "question": question}
        ).strip()


@transaction.atomic
def decline(question, message):
    question = _locked(question)
    _refuse_if_closed(question)
    return _close(
        question, QuestionSubmission.Status.DECLINED, "declined_at", "decline_message", message, "question_declined"
    )


@transaction.atomic
def answer_privately(question, message):
    """Send the team's answer to the member's address (which staff never see) and close the question."""
    question = _locked(question)
    _refuse_if_closed(question)
    if not question.private:
        raise InboxError(gettext("Only private questions are answered by email."))
    return _close(
        question, QuestionSubmission.Status.ANSWERED, "answered_at", "private_answer", message, "private_answer"
    )


def posts_written_for(member, viewer):
    """The member's profile section: the live posts answering them, in the visitor's language when translated."""
    language = translation.get_language()
    posts = QAPostPage.objects.live().public().filter(asker=member).select_related("locale").newest_first()
    chosen = {}
    for post in posts:
        current = chosen.get(post.translation_key)
        if current is None or post.locale.language_code == language:
            chosen[post.translation_key] = post
    if not chosen:
        return None
    return {
        "title": gettext("Posts written for this member"),
        "template": "blog/includes/posts_written_for.html",
        "items": sorted(chosen.values(), key=lambda post: post.date, reverse=True),
    }


def questions_for_export(member):
    return [question.as_export() for question in QuestionSubmission.objects.for_member(member).order_by("created_at")]
