"""A member's data rights: download everything held about them, and delete their account."""

import base64
import logging
import mimetypes

from allauth.account.models import EmailAddress
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from cms.deletion_log import replaying, returned_accounts

from . import mail
from .models import Mute
from .registry import account_deletion, data_export
from .services import preferred_language, profile_for

logger = logging.getLogger(__name__)


def member_data(member):
    """Everything the site holds about `member`, as JSON-serialisable data (their own download)."""
    profile = profile_for(member)
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "username": member.username,
            "date_joined": member.date_joined.isoformat(),
            "last_login": member.last_login.isoformat() if member.last_login else None,
            "groups": sorted(member.groups.values_list("name", flat=True)),
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=member).order_by("-primary", "email")
            ],
        },
        "profile": {
            "display_name": profile.display_name,
            "relationship": profile.relationship,
            "bio": profile.bio,
            "picture": _picture_as_data_url(profile),
            "show_in_directory": profile.show_in_directory,
            "preferred_language": profile.preferred_language,
            "time_zone": profile.time_zone,
            "expand_content_notes": profile.expand_content_notes,
            "notify_replies": profile.notify_replies,
            "notify_answers": profile.notify_answers,
            "discreet_mail": profile.discreet_mail,
        },
        # Only the member's own mutes: who muted them is the other members' private choice.
        "muted_members": [
            {"name": mute.muted_name, "since": mute.created.isoformat()} for mute in Mute.objects.of(member)
        ],
    }
    for name, provider in data_export.items():
        data[name] = provider(member)
    return data


def _picture_as_data_url(profile):
    """The member's own picture inside the download, so it holds everything and needs no second request."""
    if not profile.avatar:
        return None
    with profile.avatar.open("rb") as picture:
        content = picture.read()
    kind = mimetypes.guess_type(profile.avatar.name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(content).decode('ascii')}"


def delete_member_account(member, *, keep_comments):
    """A member's own deletion: erase the account, then say goodbye once it is committed."""
    address = EmailAddress.objects.filter(user=member, primary=True).first()
    email = address.email if address else member.email
    name = member.username
    language = preferred_language(member)
    discreet = mail.discreet_for(member)
    with transaction.atomic():
        erase_account(member, keep_comments=keep_comments)
        if email:
            transaction.on_commit(lambda: _send_goodbye(email, name, language, keep_comments, discreet))


def erase_account(member, *, keep_comments):
    """Remove the account and everything personal tied to it, all or nothing.

    The one deletion, run by a member's own request and by `replay_account_deletions` after a
    restore, so both leave exactly the same nothing behind. Every app's `account_deletion`
    provider runs inside the same transaction as the deletion itself, so a failing provider
    leaves the account whole rather than half-erased. The picture file waits for the commit.
    """
    profile = profile_for(member)
    picture = profile.avatar
    with transaction.atomic():
        for _name, provider in account_deletion.items():
            provider(member, keep_comments)
        # The admin's history of the profile (suspensions) is labelled with the member's public name.
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(profile), object_id=str(profile.pk)
        ).delete()
        member.delete()
        if picture:
            storage, path = picture.storage, picture.name
            transaction.on_commit(lambda: storage.delete(path))


def replay_account_deletions():
    """Delete again every logged account that a restore brought back; returns how many.

    Their comments are removed rather than kept as a former member's, the choice that can never
    expose anything (the member's own choice left with the database the restore replaced). No
    goodbye email is sent a second time.
    """
    returning = returned_accounts()
    with replaying():
        for member in returning:
            erase_account(member, keep_comments=False)
    return len(returning)


def _send_goodbye(email, name, language, keep_comments, discreet):
    with translation.override(language):
        context = {"username": name, "keep_comments": keep_comments}
        subject = render_to_string("members/email/account_deleted_subject.txt", context).strip()
        body = render_to_string("members/email/account_deleted_message.txt", context)
    try:
        mail.send("members.account_deleted", to=email, subject=subject, body=body, language=language, discreet=discreet)
    except OSError:
        # The account is already gone; a mail server outage must not turn that into an error page.
        logger.exception("Could not send the account deletion confirmation")
