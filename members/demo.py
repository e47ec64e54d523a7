"""Demo members: the foundation's logins verified with profiles, plus members in both languages.

Runs after cms/demo.py (INSTALLED_APPS order), which creates the admin, editor, translator and
member logins. Every bio here is invented for the demo and written in its member's language.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from .models import Mute, Relationship
from .services import grant_membership, profile_for

FOUNDATION_USERS = {
    # username: (display name, relationship, language, listed, bio)
    "member": (
        "Morning Tide",
        Relationship.PARTNER,
        "en",
        True,
        "My husband and I are working through the modules together, one evening a week.",
    ),
    "admin": ("Site team", Relationship.PROFESSIONAL, "en", False, ""),
    "editor": ("Editorial team", Relationship.PROFESSIONAL, "en", False, ""),
    # Answers in Spanish threads come from this account, so its public name is Spanish.
    "translator": ("Equipo de CRAFT", Relationship.PROFESSIONAL, "es", False, ""),
}

DEMO_MEMBERS = {
    "steady_oak": (
        "Steady Oak",
        Relationship.PARENT,
        "en",
        True,
        "Dad of a son in his twenties who uses opioids. Learning to notice the good days out loud.",
    ),
    "luz_del_sur": (
        "Luz del Sur",
        Relationship.PARENT,
        "es",
        True,
        "Madre de una hija que consume alcohol. Aquí aprendo a cuidarme mientras la acompaño.",
    ),
    "river.stone": (
        "River Stone",
        Relationship.SIBLING,
        "en",
        True,
        "Older sister. Practising calmer conversations and setting limits I can keep.",
    ),
    "nube-clara": (
        "Nube Clara",
        Relationship.PARTNER,
        "es",
        True,
        "Esposa de un hombre que consume cocaína. Los ejercicios de comunicación me han dado esperanza.",
    ),
    "quiet_pine": (
        "",
        Relationship.ADULT_CHILD,
        "en",
        False,
        "Reading quietly for now; not ready to be listed.",
    ),
    "brisa_mar": (
        "Brisa",
        Relationship.FRIEND,
        "es",
        False,
        "Amiga de alguien que busca tratamiento. Prefiero no aparecer en el directorio.",
    ),
}


DEMO_MUTED = "river.stone"


def load(command):
    User = get_user_model()
    for username, spec in FOUNDATION_USERS.items():
        user = User.objects.filter(username=username).first()
        if user is not None:
            _make_member(user, spec, join_members=username == "member")
    for username, spec in DEMO_MEMBERS.items():
        user, _created = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.org"})
        # Every run, so a changed DEMO_PASSWORD reaches the demo members as it does the staff logins.
        user.set_password(command.demo_password)
        user.save(update_fields=["password"])
        _make_member(user, spec, join_members=True)
    # `member` has muted River Stone: their comments on "Where do I even begin?" and under
    # `member`'s own comment on "I am exhausted" show collapsed, for `member` only.
    muter, muted = User.objects.filter(username="member").first(), User.objects.get(username=DEMO_MUTED)
    if muter is not None:
        Mute.objects.get_or_create(muter=muter, muted=muted)
    command.stdout.write(f"  {len(DEMO_MEMBERS)} demo members (password: the demo password)")


def _make_member(user, spec, *, join_members):
    """Verify the email the way confirming the emailed link would, and fill in the profile."""
    display_name, relationship, language, listed, bio = spec
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    if join_members:
        grant_membership(user)
    profile = profile_for(user)
    profile.display_name = display_name
    profile.relationship = relationship
    profile.preferred_language = language
    profile.show_in_directory = listed
    profile.bio = bio
    profile.save()
