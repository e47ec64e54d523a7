"""Data rights: a member downloads everything held about them and can delete their account."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from cms.deletion_log import record_deletion
from comments.member_data import commenter_name
from members import registry
from members.models import MemberProfile
from tests.members.factories import PASSWORD

# These read what the emails say; discreet mode has its own test (tests/comments/test_every_email_discreet.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("descriptive_emails")]


def comment(page, user, text, parent=None):
    return XtdComment.objects.create(
        content_type=ContentType.objects.get_for_model(page),
        object_pk=str(page.pk),
        site_id=1,
        user=user,
        user_name=user.username,
        user_email=user.email,
        ip_address="192.0.2.10",
        comment=text,
        submit_date=timezone.now(),
        parent_id=parent.pk if parent else 0,
    )


@pytest.fixture
def a_thread(a_home_page, a_member, make_member):
    """A member's comment with a reply from someone else, and a reply to that reply."""
    other = make_member("steady_oak")
    opening = comment(a_home_page, a_member, "What helped you stay calm at dinner?")
    reply = comment(a_home_page, other, "Planning a short walk afterwards.", parent=opening)
    answer = comment(a_home_page, a_member, "Thank you, I will try that.", parent=reply)
    return {"opening": opening, "reply": reply, "answer": answer}


@pytest.fixture
def isolated_registries(monkeypatch):
    """Let a test register providers without leaking them into the next test."""
    for name in ("data_export", "account_deletion"):
        target = getattr(registry, name)
        monkeypatch.setattr(target, "_providers", dict(target._providers))


def delete(client, choice="keep", password=PASSWORD, prefix=""):
    path = {"": "/members/me/delete/", "/es": "/es/miembros/mi-perfil/eliminar/"}[prefix]
    return client.post(path, {"password": password, "comments": choice})


def test_the_download_holds_account_profile_comments_and_other_apps_data(
    member_client, a_member, a_thread, isolated_registries
):
    registry.data_export.register("learning_progress", lambda member: {"completed": [f"{member.username}-m1"]})
    response = member_client.get("/members/me/data/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="craft-family-support-quiet_harbor-')
    data = json.loads(response.content)
    assert data["account"]["username"] == "quiet_harbor"
    assert data["account"]["email_addresses"] == [
        {"email": "quiet_harbor@example.org", "verified": True, "primary": True}
    ]
    assert data["account"]["groups"] == ["Members"]
    assert data["profile"]["display_name"] == "Quiet Harbor"
    assert data["profile"]["bio"] == "Learning to listen more."
    assert [c["text"] for c in data["comments"]] == [
        "What helped you stay calm at dinner?",
        "Thank you, I will try that.",
    ]
    assert data["learning_progress"] == {"completed": ["quiet_harbor-m1"]}
    assert "Planning a short walk afterwards." not in response.content.decode()


def test_a_wrong_password_deletes_nothing(member_client, a_member):
    response = delete(member_client, password="not-my-password")
    assert response.status_code == 200
    assert response.context["form"].errors["password"] == ["That password is not correct."]
    assert get_user_model().objects.filter(pk=a_member.pk).exists()


def test_the_deletion_form_speaks_spanish(member_client):
    response = delete(member_client, password="not-my-password", prefix="/es")
    assert "Esa contraseña no es correcta." in response.content.decode()


def test_deleting_and_keeping_comments_leaves_them_signed_former_member(
    member_client, a_member, a_thread, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = delete(member_client, "keep")
    assert response.url == "/members/goodbye/"
    assert not get_user_model().objects.filter(pk=a_member.pk).exists()
    assert not MemberProfile.objects.filter(user_id=a_member.pk).exists()
    assert "_auth_user_id" not in member_client.session

    opening = XtdComment.objects.get(pk=a_thread["opening"].pk)
    assert opening.comment == "What helped you stay calm at dinner?"
    assert (opening.user_id, opening.user_name, opening.user_email, opening.ip_address) == (None, "", "", None)
    assert commenter_name(opening) == "Former member"
    assert not opening.is_removed

    (email,) = mailoutbox
    assert email.to == ["quiet_harbor@example.org"]
    assert "has been deleted" in email.subject
    assert "signed “Former member”" in email.body


def test_deleting_and_removing_comments_keeps_the_replies_of_others_in_their_thread(
    member_client, a_thread, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        delete(member_client, "remove")
    opening, reply, answer = (XtdComment.objects.get(pk=c.pk) for c in a_thread.values())
    assert opening.is_removed and opening.comment == "" and opening.user_id is None
    assert answer.is_removed and answer.comment == ""
    assert reply.comment == "Planning a short walk afterwards."
    assert reply.user.username == "steady_oak"
    assert reply.parent_id == opening.pk and answer.parent_id == reply.pk
    thread = XtdComment.objects.filter(thread_id=opening.thread_id).order_by("order")
    tree = XtdComment.tree_from_queryset(thread, user=AnonymousUser())
    (root,) = tree
    assert root["comment"].pk == opening.pk
    assert root["children"][0]["comment"].pk == reply.pk
    assert root["children"][0]["children"][0]["comment"].pk == answer.pk


def test_the_goodbye_email_is_in_the_members_language(
    client, make_member, mailoutbox, django_capture_on_commit_callbacks
):
    member = make_member("luz_del_sur", language="es")
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        delete(client, "remove")
    (email,) = mailoutbox
    assert email.subject == "Su cuenta de CRAFT Apoyo Familiar se ha eliminado"
    assert email.from_email == "CRAFT Apoyo Familiar <noreply@localhost>"
    assert "Hemos borrado el texto de sus comentarios" in email.body


def test_every_apps_deletion_provider_runs(member_client, a_member, isolated_registries):
    calls = []
    registry.account_deletion.register("journal", lambda member, keep: calls.append((member.username, keep)))
    delete(member_client, "remove")
    assert calls == [("quiet_harbor", False)]


def test_a_failing_provider_leaves_the_account_whole(member_client, a_member, a_thread, isolated_registries):
    def broken(member, keep_comments):
        raise RuntimeError("storage unavailable")

    registry.account_deletion.register("zz_broken", broken)
    with pytest.raises(RuntimeError):
        delete(member_client, "remove")
    assert get_user_model().objects.filter(pk=a_member.pk).exists()
    assert XtdComment.objects.get(pk=a_thread["opening"].pk).user_id == a_member.pk


def test_deletion_password_attempts_are_limited(member_client, a_member, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "delete"}}
    for _attempt in range(10):
        delete(member_client, password="guess")
    response = delete(member_client)
    assert "Too many attempts" in response.content.decode()
    assert get_user_model().objects.filter(pk=a_member.pk).exists()


def test_deleting_the_account_leaves_no_trace_of_the_pseudonym_in_the_admin_history(member_client, a_member, an_editor):
    from wagtail.log_actions import log
    from wagtail.models import ModelLogEntry

    from members.services import profile_for

    log(profile_for(a_member), "wagtail.edit", user=an_editor)
    assert ModelLogEntry.objects.filter(label__icontains="Quiet Harbor").exists()
    delete(member_client)
    assert not get_user_model().objects.filter(pk=a_member.pk).exists()
    assert not ModelLogEntry.objects.filter(label__icontains="Quiet Harbor").exists()


@pytest.fixture(params=["own request", "replay after a restore"])
def erase_the_account(request, member_client, a_member, settings, tmp_path, django_capture_on_commit_callbacks):
    """The two ways an account is erased; both must leave exactly the same nothing behind."""
    settings.ACCOUNT_DELETION_LOG = tmp_path / "account-deletions.log"

    def erase():
        with django_capture_on_commit_callbacks(execute=True):
            if request.param == "own request":
                delete(member_client, "remove")
            else:
                # Deleted after the last backup: the log outside the database has it, the restore brought it back.
                record_deletion(a_member.pk, a_member.date_joined)
                call_command("replay_account_deletions")

    return erase


def test_every_way_of_erasing_an_account_leaves_nothing_of_it(
    erase_the_account, a_member, a_thread, an_editor, isolated_registries
):
    from wagtail.log_actions import log
    from wagtail.models import ModelLogEntry

    from members.services import profile_for

    profile = profile_for(a_member)
    profile.avatar.save("portrait.webp", ContentFile(b"a picture"))
    picture_storage, picture_name = profile.avatar.storage, profile.avatar.name
    log(profile, "wagtail.edit", user=an_editor)
    calls = []
    registry.account_deletion.register("journal", lambda member, keep: calls.append((member.username, keep)))

    erase_the_account()

    assert not get_user_model().objects.filter(pk=a_member.pk).exists()
    assert not MemberProfile.objects.filter(user_id=a_member.pk).exists()
    assert not picture_storage.exists(picture_name), "the picture file is deleted"
    assert not ModelLogEntry.objects.filter(label__icontains="Quiet Harbor").exists(), "no pseudonym in admin history"
    assert calls == [("quiet_harbor", False)], "every app's cleanup ran"
    opening, reply, answer = (XtdComment.objects.get(pk=c.pk) for c in a_thread.values())
    for own in (opening, answer):
        assert (own.user_id, own.user_name, own.user_email, own.ip_address) == (None, "", "", None)
        assert own.is_removed and own.comment == ""
        assert commenter_name(own) == "Former member"
    assert reply.comment == "Planning a short walk afterwards." and reply.parent_id == opening.pk
