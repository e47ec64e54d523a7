"""Forms members fill in: sign-up, their profile, the directory search, and account deletion."""

from allauth.account.forms import LoginForm, SignupForm
from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .avatars import square_avatar, validate_avatar
from .models import DISPLAY_NAME_MAX_LENGTH, TIME_ZONES, MemberProfile, Relationship
from .usernames import is_reserved


class MemberProfileForm(forms.ModelForm):
    # A plain file field: the picture is checked by members.avatars, with messages that say why.
    avatar = forms.FileField(
        label=_("Picture"),
        required=False,
        help_text=_("Optional. JPEG, PNG, WebP or GIF; it is cropped to a small square. Avoid showing your face."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )

    class Meta:
        model = MemberProfile
        fields = [
            "display_name",
            "relationship",
            "bio",
            "avatar",
            "show_in_directory",
            "preferred_language",
            "time_zone",
            "expand_content_notes",
            "quick_exit",
            "notify_replies",
            "notify_answers",
            "discreet_mail",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 5}), "expand_content_notes": forms.RadioSelect}

    def clean_display_name(self):
        name = " ".join(self.cleaned_data["display_name"].split())
        if "@" in name:
            raise forms.ValidationError(
                _("Please do not use an email address as your display name: other members would see it."),
                code="email_as_name",
            )
        if name and is_reserved(name.replace(" ", "")):
            raise forms.ValidationError(
                _("“%(name)s” is reserved for the site and its team. Please choose another name."),
                code="name_reserved",
                params={"name": name},
            )
        return name

    def clean_bio(self):
        return self.cleaned_data["bio"].strip()

    def clean_avatar(self):
        upload = self.cleaned_data.get("avatar")
        if upload and hasattr(upload, "content_type"):
            validate_avatar(upload)
        return upload

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.previous_avatar = self.instance.avatar.name
        self.fields["time_zone"].choices = [("", _("The site's time zone")), *TIME_ZONES]
        # A form sent without the choice (an older page, a script) keeps the default: collapsed.
        self.fields["expand_content_notes"].required = False
        self.fields["expand_content_notes"].empty_value = False

    def save(self, commit=True):
        """Store the cleaned square picture, never the upload, and drop the file it replaces."""
        profile = super().save(commit=False)
        upload = self.cleaned_data.get("avatar")
        if upload and hasattr(upload, "content_type"):
            profile.avatar.save("avatar.webp", square_avatar(upload), save=False)
        if commit:
            profile.save()
            if self.previous_avatar and profile.avatar.name != self.previous_avatar:
                storage, name = profile.avatar.storage, self.previous_avatar
                transaction.on_commit(lambda: storage.delete(name))
        return profile


class DirectorySearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), max_length=DISPLAY_NAME_MAX_LENGTH, required=False, strip=True)
    relationship = forms.ChoiceField(
        label=_("Relationship"),
        choices=[("", _("Any relationship")), *Relationship.choices],
        required=False,
    )


class DeleteAccountForm(forms.Form):
    KEEP = "keep"
    REMOVE = "remove"

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    comments = forms.ChoiceField(
        label=_("Your comments"),
        choices=[
            (KEEP, _("Keep my comments, signed “Former member”")),
            (REMOVE, _("Remove the text of my comments (replies from others stay in place)")),
        ],
        widget=forms.RadioSelect,
        initial=KEEP,
    )

    def __init__(self, *args, member, allowed=True, **kwargs):
        self.member = member
        self.allowed = allowed
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.allowed:
            raise forms.ValidationError(
                _("Too many attempts. Please wait a minute and try again."), code="too_many_attempts"
            )
        if not self.member.check_password(password):
            raise forms.ValidationError(_("That password is not correct."), code="wrong_password")
        return password

    @property
    def keep_comments(self):
        return self.cleaned_data["comments"] == self.KEEP


class _Rehearsal(Exception):
    """Rolls back MemberSignupForm's rehearsed sign-up."""


class MemberSignupForm(SignupForm):
    """allauth's sign-up form, saved all or nothing.

    The account, its email address and its profile are separate rows: a database lost halfway
    must not leave a username taken by an account nobody can confirm. The confirmation email is
    sent after this returns, so nothing is sent for an account that was not saved.
    """

    def try_save(self, request):
        if self.account_already_exists:
            self._rehearse_sign_up(request)
        return super().try_save(request)

    def _rehearse_sign_up(self, request):
        """Do a new account's work for a registered address too, and roll it back.

        allauth answers a known address as it answers a new one (an email goes out either way),
        but only a new account hashes its password and writes its rows: that work alone would tell
        someone timing the answer that the address is registered. Nothing of it is kept, not even
        what it would have sent (on_commit callbacks die with the savepoint).
        """
        self.account_already_exists = False
        try:
            with transaction.atomic():
                self.save(request)
                raise _Rehearsal
        except _Rehearsal:
            pass
        finally:
            self.account_already_exists = True

    @transaction.atomic
    def save(self, request):
        return super().save(request)


class MemberLoginForm(LoginForm):
    """allauth's login form with a label that says what to type: allauth calls the field "Login",
    the word the heading and the button already use."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Username or email address")
