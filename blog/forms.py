"""The form members use to write in, and the one editors use to decline a question kindly."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import QuestionSubmission


def reject_markup(text):
    """Questions are plain text shown in a quote: angle brackets would only ever be markup or script."""
    if "<" in text or ">" in text:
        raise forms.ValidationError(
            _("Please write your question as plain text, without < or > characters."), code="markup"
        )
    return text


class QuestionForm(forms.ModelForm):
    consent_to_publish = forms.BooleanField(
        label=_("If the team answers on the blog, my question may be published under my pseudonym."),
        required=False,
    )
    private = forms.BooleanField(
        label=_("Ask privately instead: the team answers me by email, and my question is never published."),
        required=False,
    )

    class Meta:
        model = QuestionSubmission
        fields = ["subject", "question", "relationship", "consent_to_publish", "private"]
        labels = {
            "subject": _("Subject"),
            "question": _("Your question"),
            "relationship": _("The person you are writing about is"),
        }
        help_texts = {
            "subject": _("A few words, up to 120 characters."),
            "question": _("Up to 3,000 characters. Leave out real names and places: the answer may be published."),
        }
        widgets = {"question": forms.Textarea(attrs={"rows": 10})}
        error_messages = {
            "subject": {
                "required": _("Please give your question a subject."),
                "max_length": _("Please keep the subject to %(limit_value)d characters (it has %(show_value)d)."),
            },
            "question": {
                "required": _("Please write your question."),
                "max_length": _("Please keep your question to %(limit_value)d characters (it has %(show_value)d)."),
            },
            "relationship": {
                "required": _("Please tell us who you are writing about."),
                "invalid_choice": _("Please choose one of the options."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["relationship"].choices = [("", _("Choose one")), *QuestionSubmission.LovedOneIs.choices]
        self.fields["question"].widget.attrs["maxlength"] = QuestionSubmission._meta.get_field("question").max_length

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("private"):
            cleaned["consent_to_publish"] = False
        elif not cleaned.get("consent_to_publish"):
            self.add_error(
                "consent_to_publish",
                forms.ValidationError(
                    _("Please agree, so that the team can answer you on the blog, or choose to ask privately."),
                    code="required",
                ),
            )
        return cleaned

    def clean_subject(self):
        return reject_markup(self.cleaned_data["subject"].strip())

    def clean_question(self):
        return reject_markup(self.cleaned_data["question"].strip())


class DeclineForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the member"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=3000,
        help_text=_("Sent by email in the member's language. Edit it as you see fit."),
    )


class PrivateAnswerForm(forms.Form):
    message = forms.CharField(
        label=_("Your private answer"),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=6000,
        help_text=_(
            "Sent by email to the member only, labelled as a private answer. You do not see their address; "
            "it is never published."
        ),
    )
