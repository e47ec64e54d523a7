"""Members write in: the question form and its confirmation."""

from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from cms.membership import is_member

from .forms import QuestionForm
from .inbox import submit_question
from .models import QuestionSubmission


def _members_only(request):
    """None when the visitor is a member; otherwise the response that explains what to do."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_member(request.user):
        return render(request, "blog/ask/members_only.html", status=403)
    return None


@never_cache
@require_http_methods(["GET", "POST"])
def ask_question(request):
    refusal = _members_only(request)
    if refusal:
        return refusal
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            # Lock the member's row: two quick submissions cannot both slip under the daily limit.
            get_user_model().objects.select_for_update().filter(pk=request.user.pk).first()
            if QuestionSubmission.limit_reached(request.user):
                form.add_error(
                    None,
                    _("You have sent %(count)d questions in the last day. Please wait a little before sending another.")
                    % {"count": QuestionSubmission.MAX_PER_DAY},
                )
            else:
                question = form.save(commit=False)
                question.member = request.user
                question.language = get_language()
                submit_question(question)
                return redirect("blog:question_sent")
    return render(
        request,
        "blog/ask/question_form.html",
        {
            "form": form,
            "my_questions": QuestionSubmission.objects.for_member(request.user).select_related("answer_post")[:20],
            # Said before the member starts typing, not only once the limit refuses them.
            "max_per_day": QuestionSubmission.MAX_PER_DAY,
            "remaining_today": QuestionSubmission.remaining_today(request.user),
        },
    )


@never_cache
@require_GET
def question_sent(request):
    refusal = _members_only(request)
    if refusal:
        return refusal
    latest = QuestionSubmission.objects.for_member(request.user).first()
    return render(request, "blog/ask/question_sent.html", {"question": latest})
