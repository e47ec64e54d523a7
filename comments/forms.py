"""The member's comment form: django-comments-xtd's form without name, email or website.

Name and email come from the account (see services.post_comment); the engine's security hash,
timestamp and honeypot checks are kept.
"""

import re
import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.forms import XtdCommentForm

from .models import COMMENT_MAX_LENGTH, CommentReport, FollowUp

# Bidirectional overrides and isolates can make a comment display as different text than it is.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
KEPT_CONTROLS = "\n\t\u200c\u200d"


def clean_text(text):
    """Plain text as members meant it: no NUL or other control characters, no direction overrides.

    Zero-width joiners stay: emoji families and several scripts need them to read correctly.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = BIDI_CONTROLS.sub("", text)
    text = "".join(
        character
        for character in text
        if character in KEPT_CONTROLS or not unicodedata.category(character).startswith("C")
    )
    return text.strip()


def _in_our_words(check, message, code):
    """Run one of the engine's own checks, saying its refusal as a member would understand it."""
    try:
        return check()
    except forms.ValidationError:
        raise forms.ValidationError(message, code=code) from None


class CommentTextField(forms.CharField):
    """The comment box: control and direction characters go before any check, and never back into the page.

    Cleaning in `to_python` (rather than `clean_comment`) runs before the length and null-character
    validators, so "Hello\\x00" is the text "Hello", and a form shown again with an error never
    writes a NUL or an override character back into the textarea.
    """

    def to_python(self, value):
        return clean_text(super().to_python(value))

    def bound_data(self, data, initial):
        return clean_text(data) if isinstance(data, str) else data


class MemberCommentForm(XtdCommentForm):
    follow = forms.ChoiceField(
        label=_("Email me about"),
        choices=[("", _("Nothing, thank you")), *FollowUp.Scope.choices],
        required=False,
        initial="",
        widget=forms.RadioSelect,
    )
    # Set once the member has seen the language coach's suggestions for this text.
    coached = forms.BooleanField(required=False, widget=forms.HiddenInput)
    # Set when the "share, don't advise" nudge was shown: a keyed digest of the text it was shown for
    # (see sharing.text_digest), so posting can count whether the member changed their words.
    nudged = forms.CharField(required=False, max_length=120, widget=forms.HiddenInput)

    def __init__(self, target_object, *args, **kwargs):
        super().__init__(target_object, *args, **kwargs)
        for name in ("name", "email", "url", "followup"):
            del self.fields[name]
        comment = self.fields["comment"] = CommentTextField(
            label=_("Your comment"),
            max_length=COMMENT_MAX_LENGTH,
            widget=forms.Textarea,
            error_messages={
                "required": _("Please write your comment before posting."),
                "max_length": _(
                    "Comments can be at most %(limit_value)d characters; yours has %(show_value)d. "
                    "Please shorten it and post again."
                ),
            },
        )
        comment.widget.attrs.update(
            {"rows": 6, "maxlength": COMMENT_MAX_LENGTH, "placeholder": "", "class": "comment-form__text"}
        )
        self.fields["reply_to"].required = False
        self.fields["reply_to"].min_value = 0
        honeypot = self.fields["honeypot"]
        honeypot.label = _("Leave this field empty")
        honeypot.widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_honeypot(self):
        if self.cleaned_data["honeypot"]:
            raise forms.ValidationError(_("Your comment could not be posted. Please try again."), code="honeypot")
        return ""

    def clean_timestamp(self):
        return _in_our_words(
            super().clean_timestamp,
            _("This form was open for a long time. Please check your comment and post it again."),
            "expired",
        )

    def clean_security_hash(self):
        return _in_our_words(
            super().clean_security_hash,
            _("This form could not be checked. Please post your comment again."),
            "security",
        )

    def clean_reply_to(self):
        return self.cleaned_data.get("reply_to") or 0


class EditCommentForm(forms.Form):
    """The author's own words again, within EDIT_WINDOW; the coach reads them as it reads a new comment."""

    comment = CommentTextField(label=_("Your comment"), max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea)
    coached = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this comment?"),
        choices=CommentReport.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose a reason.")},
    )
    details = forms.CharField(
        label=_("Anything a moderator should know (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only moderators read this. Up to 500 characters."),
    )
