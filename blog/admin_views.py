"""Admin actions of the question inbox: draft an answer post, or decline kindly."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages

from . import inbox
from .forms import DeclineForm, PrivateAnswerForm
from .models import QuestionSubmission


def _question_for(request, pk):
    if not request.user.has_perm("blog.change_questionsubmission"):
        raise PermissionDenied
    return get_object_or_404(QuestionSubmission.objects.select_related("member", "answer_post"), pk=pk)


def _edit_url(question):
    return reverse("wagtailsnippets_blog_questionsubmission:edit", args=[question.pk])


def admin_form_page(request, template, *, title, icon, cancel_url, **context):
    """One of the inbox's or the podcast's own admin screens, under Wagtail's header and with a cancel link."""
    return TemplateResponse(
        request, template, {**context, "page_title": title, "header_icon": icon, "cancel_url": cancel_url}
    )


def _message_to_member(request, question, form, send, sent, template, title, icon):
    """A decline or a private answer: `send` emails the member the form's message and closes the question."""
    if request.method == "POST" and form.is_valid():
        try:
            send(question, form.cleaned_data["message"])
        except inbox.InboxError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, sent)
        return redirect("wagtailsnippets_blog_questionsubmission:list")
    return admin_form_page(
        request, template, title=title, icon=icon, cancel_url=_edit_url(question), question=question, form=form
    )


def next_step_message(post, user):
    """What happens to the draft depends on the role (cms.roles): editors publish English answers,
    a Spanish answer goes to the Spanish reviewers through its workflow."""
    if post.permissions_for_user(user).can_publish():
        return _("A draft answer was created. Write your answer, then publish it.")
    workflow = post.get_workflow()
    if workflow is None:
        return _("A draft answer was created. Write your answer and save it; someone who may publish will put it live.")
    return _("A draft answer was created. Write your answer, then submit it to %(workflow)s.") % {
        "workflow": workflow.name
    }


def draft_answer(request, pk):
    """GET asks for confirmation; POST creates the draft post and opens it in the page editor."""
    question = _question_for(request, pk)
    if question.answer_post_id:
        return redirect("wagtailadmin_pages:edit", question.answer_post_id)
    blog = inbox.blog_for_language(question.language)
    if blog is not None and not blog.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    if request.method == "POST":
        try:
            post = inbox.draft_answer(question, request.user)
        except inbox.InboxError as error:
            messages.error(request, str(error))
            return redirect(_edit_url(question))
        messages.success(request, next_step_message(post, request.user))
        return redirect("wagtailadmin_pages:edit", post.pk)
    return admin_form_page(
        request,
        "blog/admin/draft_answer_confirm.html",
        title=_("Draft an answer"),
        icon="edit",
        cancel_url=_edit_url(question),
        question=question,
        blog=blog,
        salutation=inbox.salutation(question),
    )


def decline(request, pk):
    """An editable, kind message in the member's language; sending it closes the question."""
    question = _question_for(request, pk)
    if question.status not in inbox.OPEN_STATUSES:
        messages.error(request, _("This question is closed."))
        return redirect(_edit_url(question))
    form = DeclineForm(request.POST or None, initial={"message": inbox.default_decline_message(question)})
    return _message_to_member(
        request,
        question,
        form,
        inbox.decline,
        _("The question was declined and the member was sent your message."),
        "blog/admin/decline.html",
        _("Decline a question"),
        "cross",
    )


def answer_privately(request, pk):
    """The reply form for a private question: the answer goes by email; staff never see the address."""
    question = _question_for(request, pk)
    if not question.private or question.status not in inbox.OPEN_STATUSES:
        messages.error(request, _("Only open private questions are answered by email."))
        return redirect(_edit_url(question))
    form = PrivateAnswerForm(request.POST or None, initial={"message": inbox.salutation(question) + "\n\n"})
    return _message_to_member(
        request,
        question,
        form,
        inbox.answer_privately,
        _("Your private answer was sent to the member by email."),
        "blog/admin/answer_privately.html",
        _("Answer privately"),
        "mail",
    )
