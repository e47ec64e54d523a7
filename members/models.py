"""A member's profile: the pseudonymous, opt-in public face of an account, and its preferences."""

import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from cms.membership import MEMBERS_GROUP
from cms.models import language_field

BIO_MAX_LENGTH = 600
DISPLAY_NAME_MAX_LENGTH = 50


# Zones our members live in (the US and its territories), named as they say them. An empty choice
# means the site's zone (settings.TIME_ZONE): what every visitor who is not signed in sees.
TIME_ZONES = [
    ("America/New_York", _("Eastern time (New York, Miami)")),
    ("America/Chicago", _("Central time (Chicago, Houston)")),
    ("America/Denver", _("Mountain time (Denver)")),
    ("America/Phoenix", _("Arizona time (Phoenix)")),
    ("America/Los_Angeles", _("Pacific time (Los Angeles)")),
    ("America/Anchorage", _("Alaska time")),
    ("Pacific/Honolulu", _("Hawaii time")),
    ("America/Puerto_Rico", _("Atlantic time (Puerto Rico)")),
    ("UTC", _("Coordinated Universal Time (UTC)")),
]


class Relationship(models.TextChoices):
    PARTNER = "partner", _("Partner or spouse")
    PARENT = "parent", _("Parent")
    ADULT_CHILD = "adult_child", _("Adult child")
    SIBLING = "sibling", _("Sibling")
    OTHER_RELATIVE = "other_relative", _("Other relative")
    FRIEND = "friend", _("Friend")
    PROFESSIONAL = "professional", _("Professional")
    UNDISCLOSED = "undisclosed", _("Prefer not to say")


def avatar_path(profile, filename):
    """A random name: the file never carries the username, and its URL cannot be guessed."""
    return f"members/avatars/{uuid.uuid4().hex}.webp"


class MemberProfileQuerySet(models.QuerySet):
    def listed(self):
        """Profiles other members may see: opted in, verified into the Members group, not suspended."""
        return self.filter(
            show_in_directory=True,
            suspended=False,
            user__is_active=True,
            user__groups__name=MEMBERS_GROUP,
        )

    def matching(self, query):
        if not query:
            return self
        return self.filter(Q(display_name__icontains=query) | Q(user__username__icontains=query))

    def with_account_status(self):
        """Annotate `is_verified` and `in_members_group` for the admin listing in one query."""
        from allauth.account.models import EmailAddress

        membership = get_user_model().groups.through.objects.filter(
            user_id=OuterRef("user_id"), group__name=MEMBERS_GROUP
        )
        return self.annotate(
            is_verified=Exists(EmailAddress.objects.filter(user_id=OuterRef("user_id"), verified=True)),
            in_members_group=Exists(membership),
        )


class MemberProfile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_profile")
    display_name = models.CharField(
        _("display name"),
        max_length=DISPLAY_NAME_MAX_LENGTH,
        blank=True,
        help_text=_("Shown to other members. Leave empty to use your username."),
    )
    relationship = models.CharField(
        _("relationship to your loved one"),
        max_length=20,
        choices=Relationship.choices,
        default=Relationship.UNDISCLOSED,
    )
    bio = models.TextField(
        _("about you"),
        max_length=BIO_MAX_LENGTH,
        blank=True,
        help_text=_("Plain text, up to 600 characters. Avoid details that could identify you or your family."),
    )
    avatar = models.ImageField(_("picture"), upload_to=avatar_path, blank=True)
    show_in_directory = models.BooleanField(
        _("show me in the Member Directory"),
        default=False,
        help_text=_("Other members can then find your profile. Nobody else can see it."),
    )
    preferred_language = language_field(
        _("preferred language"),
        default=settings.LANGUAGE_CODE,
        help_text=_("Used for our emails to you and for the page you see after logging in."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=40,
        choices=TIME_ZONES,
        blank=True,
        help_text=_("Dates and times on the site are shown to you in this zone."),
    )
    expand_content_notes = models.BooleanField(
        _("passages with a content note"),
        choices=[(False, _("Closed until I choose to open them")), (True, _("Always open"))],
        default=False,
        help_text=_("Some passages are behind a note such as “describes an overdose”. Choose how you see them."),
    )
    quick_exit = models.BooleanField(
        _("show the “Exit this page” button"),
        default=True,
        help_text=_(
            "A button on every page that leaves this site for a weather page at once; "
            "pressing Shift three times does the same."
        ),
    )
    notify_replies = models.BooleanField(_("email me when someone replies to my comments"), default=True)
    notify_answers = models.BooleanField(_("email me when a question I sent is answered"), default=True)
    # On for every account, old and new: a plain subject is the safe choice when someone else may
    # see the inbox, and a member who prefers descriptive subjects can switch it off.
    discreet_mail = models.BooleanField(
        _("discreet emails"),
        default=True,
        help_text=_(
            "Our emails then have a plain subject and sender, “An update from your account”, so a glance at "
            "your inbox does not show what they are about. The message itself is unchanged."
        ),
    )
    suspended = models.BooleanField(
        _("suspended"),
        default=False,
        help_text=_("A suspended member cannot log in and their comments are hidden."),
    )
    suspended_at = models.DateTimeField(_("suspended at"), null=True, blank=True, editable=False)
    suspension_note = models.CharField(
        _("suspension note"),
        max_length=500,
        blank=True,
        help_text=_("For the team only: why the member was suspended."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = MemberProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["user__username"]

    def __str__(self):
        return self.public_name

    @property
    def public_name(self):
        return self.display_name or self.user.username


class MuteQuerySet(models.QuerySet):
    def of(self, member):
        """The members `member` muted, newest first, with the names the list shows."""
        return self.filter(muter=member).select_related("muted__member_profile").order_by("-created", "-pk")


class Mute(models.Model):
    """One member's choice not to read another's comments: private to the muter.

    It lives here, beside the profile, because it is a relation between two members that the
    member manages from their own profile and that leaves with either account (both foreign keys
    cascade). Comments only read it, which is the way imports already point (comments → members).
    Nothing tells the muted member, and no admin screen lists it: moderators see nothing of it.
    """

    muter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mutes")
    muted = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="muted_by")
    created = models.DateTimeField(auto_now_add=True)

    objects = MuteQuerySet.as_manager()

    class Meta:
        verbose_name = _("muted member")
        verbose_name_plural = _("muted members")
        constraints = [
            models.UniqueConstraint(fields=["muter", "muted"], name="members_mute_once"),
            models.CheckConstraint(condition=~Q(muter=models.F("muted")), name="members_mute_not_oneself"),
        ]

    def __str__(self):
        return f"{self.muter_id} → {self.muted_id}"

    @property
    def muted_name(self):
        from .services import display_name

        return display_name(self.muted)
