"""Members: verified accounts with profiles, built the way sign-up and verification build them."""

import pytest
from allauth.account.models import EmailAddress

from cms.membership import MEMBERS_GROUP
from members.models import Relationship


@pytest.fixture
def make_member(make_user):
    """A verified account in the Members group, with its profile filled in."""

    def make(
        username, *, listed=True, relationship=Relationship.PARENT, language="en", groups=(MEMBERS_GROUP,), **profile
    ):
        user = make_user(username, *groups)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        member_profile = user.member_profile
        member_profile.show_in_directory = listed
        member_profile.relationship = relationship
        member_profile.preferred_language = language
        for field, value in profile.items():
            setattr(member_profile, field, value)
        member_profile.save()
        return user

    return make


@pytest.fixture
def a_member(make_member):
    return make_member("quiet_harbor", display_name="Quiet Harbor", bio="Learning to listen more.")


@pytest.fixture
def member_client(client, a_member):
    client.force_login(a_member)
    return client
