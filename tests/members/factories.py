"""Accounts and members for every app's tests: `UserFactory(username="ana", groups=["Editors"])`,
`MemberFactory()` for a verified account in the Members group."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from cms.membership import MEMBERS_GROUP

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    """An account with the suite's password; `groups` names the groups it joins."""

    username = factory.Sequence(lambda number: f"person_{number}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(PASSWORD)

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(user, create, names, **kwargs):
        for name in names or ():
            user.groups.add(Group.objects.get_or_create(name=name)[0])


class MemberFactory(UserFactory):
    """A member as sign-up and email confirmation leave one: verified address, Members group."""

    @factory.post_generation
    def groups(user, create, names, **kwargs):
        for name in MEMBERS_GROUP, *(names or ()):
            user.groups.add(Group.objects.get_or_create(name=name)[0])

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


def logged_in(user):
    """A test client signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client
