"""The members' demo content: verified logins, listed and unlisted members in both languages."""

from io import StringIO
from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress

from cms.membership import is_member
from members import demo
from members.models import MemberProfile, Mute

pytestmark = pytest.mark.django_db


def test_demo_members_load_twice_without_changes(make_user):
    foundation_member = make_user("member", "Members")
    command = SimpleNamespace(demo_password="demo-password-123", stdout=StringIO())
    demo.load(command)
    snapshot = sorted(MemberProfile.objects.values_list("user__username", "show_in_directory", "preferred_language"))
    demo.load(command)
    assert sorted(MemberProfile.objects.values_list("user__username", "show_in_directory", "preferred_language")) == (
        snapshot
    )

    assert EmailAddress.objects.get(user=foundation_member).verified
    assert list(Mute.objects.values_list("muter__username", "muted__username")) == [("member", "river.stone")]
    assert is_member(foundation_member)
    listed = MemberProfile.objects.listed()
    assert {p.preferred_language for p in listed} == {"en", "es"}
    assert MemberProfile.objects.filter(show_in_directory=False).exclude(user__username="member").exists()
    assert all(is_member(p.user) for p in MemberProfile.objects.select_related("user"))
