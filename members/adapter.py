"""How allauth talks to members: reserved pseudonyms, languages of emails and landing pages,
and a log line for every failed or refused login."""

import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.core import context as allauth_context
from django import forms
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cms.mail import sender
from cms.public_url import absolute

from . import mail
from .services import landing_url, preferred_language
from .usernames import is_reserved

logger = logging.getLogger(__name__)


class MemberAccountAdapter(DefaultAccountAdapter):
    # Every login form of the site authenticates here (cms.security for both admin logins), so
    # these two log lines cover them all. The name tried is left out: it may be a mistyped
    # password or someone's email address.
    def pre_authenticate(self, request, **credentials):
        try:
            super().pre_authenticate(request, **credentials)
        except forms.ValidationError:
            logger.warning(
                "Login refused after too many failed attempts (client %s, %s)",
                self.get_client_ip(request),
                request.path,
            )
            raise

    def authentication_failed(self, request, **credentials):
        logger.warning("Login failed (client %s, %s)", self.get_client_ip(request), request.path)

    def clean_username(self, username, shallow=False):
        if is_reserved(username):
            raise forms.ValidationError(
                _("“%(username)s” is reserved for the site and its team. Please choose another username."),
                code="username_reserved",
                params={"username": username},
            )
        return super().clean_username(username, shallow=shallow)

    def get_signup_redirect_url(self, request):
        # Used once the emailed link is confirmed in the same browser: by then they are members.
        return reverse("members:directory")

    def get_login_redirect_url(self, request):
        return landing_url(request.user)

    def get_logout_redirect_url(self, request):
        return translate_url("/", translation.get_language())

    def get_from_email(self):
        # Called while send_mail below has the member's language active.
        return sender()

    def send_mail(self, template_prefix, email, context):
        """Write every account email in the member's preferred language, links included, through members.mail.

        The links in `context` were built from the request (its Host header, which the sender
        chooses) for the page it came from; they are moved to the public address and to the
        member's language, so the email and the page it opens agree.
        """
        user = context.get("user") or _user_for_email(email)
        language = preferred_language(user)
        # translate_url resolves in the active language, so the links move before the switch.
        context = {
            key: absolute(translate_url(value, language)) if key.endswith("_url") and isinstance(value, str) else value
            for key, value in context.items()
        }
        with translation.override(language):
            request = allauth_context.request
            context = {"request": request, "email": email, "current_site": get_current_site(request), **context}
            message = self.render_mail(template_prefix, email, context)
        kind = "account." + template_prefix.rsplit("/", 1)[-1]
        if kind not in mail.KINDS:
            # A new allauth feature switched on (password-change notices, login codes) must still
            # reach the member, and discreetly whatever their choice, until it joins the table.
            logger.error("Account email %s is not in members.mail.KINDS: sent in discreet mode", kind)
            kind, user = "account.other", None
        mail.deliver(kind, message, language=language, discreet=mail.discreet_for(user))


def _user_for_email(email):
    address = EmailAddress.objects.filter(email__iexact=email).select_related("user__member_profile").first()
    return address.user if address else None
