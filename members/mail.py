"""Every email the site sends a person goes out through `deliver`, which applies discreet mode.

Our readers share phones, laptops and inboxes with the person they worry about. In discreet mode
(on by default, a setting in the member's profile) a glance at the inbox shows only a plain subject,
a plain sender name and a plain first line; the message itself, once opened, is unchanged.

Each email has a `kind` from KINDS, the table of everything the site can send: a new email must be
added there, and tests/members/test_discreet_mail.py sends every kind with the mode on and off, in
both languages. Wagtail's workflow notifications to staff go through cms.mail instead (they are
about pages, not members) and ops drills write to the operator.
"""

import logging
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cms.mail import sender

logger = logging.getLogger(__name__)

KINDS = {
    # allauth, named after its template prefix under account/email/.
    "account.email_confirmation_signup": _("Confirm the email address of a new account"),
    "account.email_confirmation": _("Confirm an email address again"),
    "account.password_reset_key": _("A link to choose a new password"),
    "account.unknown_account": _("A password reset was asked for an address with no account"),
    "account.account_already_exists": _("Someone tried to sign up with an address that has an account"),
    "account.other": _("Any other account email allauth may send, always in discreet mode"),
    "members.account_deleted": _("Goodbye after a member deleted their account"),
    "comments.followup": _("A new comment or reply in a conversation the member follows"),
    "comments.safety_hold": _("Moderators: a comment was held because its writer may be in distress"),
    "comments.removed": _("A moderator removed the member's comment, and why"),
    "comments.moderator_message": _("A moderator writes privately to a member after a safety hold"),
    "blog.question_received": _("Receipt for a question sent to the team"),
    "blog.question_answered": _("A question was answered in a post"),
    "blog.question_declined": _("A question will not be answered in a post"),
    "blog.private_answer": _("The team's private answer to a private question"),
}

# Words a glance at the inbox must never show in discreet mode (tests read this list too).
REVEALING_WORDS = (
    "addiction",
    "addict",
    "drug",
    "substance",
    "recovery",
    "relapse",
    "alcohol",
    "treatment",
    "rehab",
    "overdose",
    "sober",
    "craft",
    "adicción",
    "adicto",
    "droga",
    "sustancia",
    "recuperación",
    "recaída",
    "alcohol",
    "tratamiento",
    "rehabilitación",
    "sobredosis",
    "sobriedad",
)


class UnknownEmailKind(ValueError):
    """An email that is not in KINDS: add it to the table and to the discreet-mode test."""


def discreet_for(user):
    """The account's choice; an address without an account (or a profile yet) gets the safe one."""
    profile = getattr(user, "member_profile", None) if user is not None and getattr(user, "pk", None) else None
    return True if profile is None else profile.discreet_mail


def discreet_sender(language):
    """A plain display name on the site's address (or DISCREET_FROM_EMAIL, which may use a plainer domain)."""
    _name, address = parseaddr(getattr(settings, "DISCREET_FROM_EMAIL", "") or settings.DEFAULT_FROM_EMAIL)
    with translation.override(language):
        return formataddr((gettext("Account notices"), address))


def discreet_subject(language):
    with translation.override(language):
        return gettext("An update from your account")


def preheader(language):
    """The first line a mail client previews (about 100 characters): says nothing but "open me"."""
    with translation.override(language):
        return gettext(
            "You have a new message about your account with us. Open this email to read it. Nothing more is shown here."
        )


def make_discreet(message, language):
    message.subject = discreet_subject(language)
    message.from_email = discreet_sender(language)
    message.body = preheader(language) + "\n\n" + message.body
    return message


def deliver(kind, message, *, language, discreet):
    """Send one `message` (to one person) as `kind`; returns what EmailMessage.send returns."""
    if kind not in KINDS:
        raise UnknownEmailKind(kind)
    if discreet:
        make_discreet(message, language)
    # Read by tests to check that every email the suite sends went through here with its kind.
    message.kind = kind
    return message.send()


def send(kind, *, to, subject, body, language, discreet, headers=None):
    """Write and send a plain-text email to one address in `language` (the caller chose it)."""
    message = EmailMessage(subject, body, sender(language), [to], headers=headers)
    return deliver(kind, message, language=language, discreet=discreet)
