"""A member's data download (members.privacy.member_data) as a page a person can read and print.

The JSON file stays the complete, machine-readable copy; this page shows the same data, every key
and value, with the names of the sections and common fields in the reader's language.
"""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

# Known names; any other key (a new app's export) is shown as it is in the file, made readable.
LABELS = {
    "exported_at": _("Prepared on"),
    "account": _("Account"),
    "username": _("Username"),
    "date_joined": _("Joined on"),
    "last_login": _("Last login"),
    "groups": _("Groups"),
    "email_addresses": _("Email addresses"),
    "email": _("Email address"),
    "verified": _("Verified"),
    "primary": _("Primary"),
    "profile": _("Profile"),
    "display_name": _("Display name"),
    "relationship": _("Relationship to your loved one"),
    "bio": _("About you"),
    "picture": _("Picture"),
    "show_in_directory": _("Shown in the Member Directory"),
    "preferred_language": _("Preferred language"),
    "time_zone": _("Time zone"),
    "expand_content_notes": _("Passages with a content note always open"),
    "notify_replies": _("Email me when someone replies"),
    "notify_answers": _("Email me when a question is answered"),
    "discreet_mail": _("Discreet emails"),
    "muted_members": _("Members you muted"),
    "name": _("Name"),
    "since": _("Since"),
    "comments": _("Comments"),
    "learning": _("Learning"),
    "blog_questions": _("Questions you sent"),
    "safety_plan": _("Safety plan"),
    "subject": _("Subject"),
    "question": _("Question"),
    "private": _("Private"),
    "private_answer": _("Private answer"),
    "status": _("Status"),
    "submitted_at": _("Sent on"),
}


def label(key):
    return LABELS.get(key) or capfirst(str(key).replace("_", " "))


def readable(value):
    """A tree of nodes the template walks: maps, lists, pictures, yes/no and text."""
    if isinstance(value, dict):
        return {"kind": "map", "items": [(label(key), readable(item)) for key, item in value.items()]}
    if isinstance(value, list | tuple):
        return {"kind": "list", "items": [readable(item) for item in value]}
    if isinstance(value, bool):
        return {"kind": "text", "value": _("Yes") if value else _("No")}
    if value is None or value == "":
        return {"kind": "empty"}
    if isinstance(value, str) and value.startswith("data:image/"):
        return {"kind": "picture", "src": value}
    return {"kind": "text", "value": str(value)}
