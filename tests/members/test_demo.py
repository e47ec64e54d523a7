"""The members' demo content: verified logins, listed and unlisted members in both languages."""

import pytest
from allauth.account.models import EmailAddress

from cms.membership import is_member
from members.models import MemberProfile, Mute
from tests.cms.test_demo_content import load_demo_content

pytestmark = pytest.mark.django_db


def test_demo_members_load_twice_without_changes(make_user, django_capture_on_commit_callbacks):
    foundation_member = make_user("member", "Members")
    load_demo_content(django_capture_on_commit_callbacks, "members")
    snapshot = sorted(MemberProfile.objects.values_list("user__username", "show_in_directory", "preferred_language"))
    load_demo_content(django_capture_on_commit_callbacks, "members")
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
