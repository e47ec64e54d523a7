"""The role matrix: what cms.roles says each role may do is what each role can do, request by request.

The expectations are read from cms.roles, never written twice: a role gaining or losing a
permission there changes what these requests must answer.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from blog.models import QAPostPage
from cms import roles
from home.models import StandardPage
from tests.blog.factories import make_blog, make_post
from tests.learning.factories import build_course
from tests.members.factories import PASSWORD

pytestmark = pytest.mark.django_db

# (what is asked, URL, the permission that decides it)
ADMIN_SCREENS = [
    ("open the admin", lambda: reverse("wagtailadmin_home"), roles.ACCESS_ADMIN),
    ("add an exercise", lambda: "/admin/snippets/learning/exercise/add/?locale=en", "learning.add_exercise"),
    ("open the comment moderation queue", lambda: reverse("comments_moderation:queue"), roles.MODERATE_COMMENTS),
    ("read the question inbox", lambda: "/admin/snippets/blog/questionsubmission/", "blog.view_questionsubmission"),
    ("add a safety term", lambda: "/admin/snippets/comments/safetyterm/add/", "comments.add_safetyterm"),
    ("add a topic", lambda: "/admin/snippets/blog/topic/add/?locale=en", "blog.add_topic"),
    ("list the members", lambda: reverse("member_profiles:index"), "members.view_memberprofile"),
]

# Which places of cms.roles cover each page the tests publish.
PLACES_OVER = {
    "an English Q&A post": {roles.WHOLE_TREE, roles.ENGLISH_HOME, roles.ENGLISH_SECTIONS_BUT_THE_COURSE},
    "an English learning module": {roles.WHOLE_TREE, roles.ENGLISH_HOME},
    "a Spanish page": {roles.WHOLE_TREE, roles.SPANISH_HOME},
}

STAFF_ROLES = [role for role in roles.ROLES if role.name != roles.MEMBERS]


def holds(role, dotted):
    return dotted in roles.model_permissions(role)


def holds_on_page(role, codename, page_label):
    return any(codename in role.pages.get(place, ()) for place in PLACES_OVER[page_label])


def is_refused(response):
    """Wagtail's admin answers a refusal with 403 or a redirect to the dashboard (or to its login)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"].split("?")[0] in {"/admin/", "/admin/login/"}
    )


def client_for(make_user, role):
    user = make_user(role.name.lower().replace(" ", "-"), role.name)
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return user, client


@pytest.fixture
def drafts(a_home_page, a_spanish_home_page, spanish):
    """One unpublished page in each place the roles differ on."""
    home = a_home_page
    post = make_post(make_blog(home), 1)
    post.unpublish()
    module = build_course(home, modules=1, segments=1).get_children().first()
    module.unpublish()
    spanish = a_spanish_home_page.add_child(
        instance=StandardPage(title="Borrador", slug="borrador", intro="Borrador", live=False, locale=spanish)
    )
    return {"an English Q&A post": post, "an English learning module": module, "a Spanish page": spanish}


def test_every_group_holds_exactly_what_the_roles_module_lists():
    for role in roles.ROLES:
        group = Group.objects.get(name=role.name)
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
        assert held == set(roles.model_permissions(role)), role.name


def test_django_comments_can_moderate_is_spelled_once_in_the_code():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    spelled = [
        path.relative_to(root).as_posix()
        for path in root.glob("[a-z]*/**/*.py")
        if ".venv" not in path.parts
        and "tests" not in path.parts
        and '"django_comments.can_moderate"' in path.read_text()
    ]
    assert spelled == ["cms/roles.py"]


@pytest.mark.parametrize("role", STAFF_ROLES, ids=lambda role: role.name)
def test_each_role_opens_exactly_the_admin_screens_its_permissions_allow(role, make_user, a_home_page):
    _, client = client_for(make_user, role)
    for label, url, permission in ADMIN_SCREENS:
        response = client.get(url())
        if holds(role, permission):
            assert response.status_code == 200, f"{role.name} should {label}"
        else:
            assert is_refused(response), f"{role.name} should not {label}"


def test_a_member_opens_no_admin_screen(make_user, a_home_page):
    _, client = client_for(make_user, roles.ROLES_BY_NAME[roles.MEMBERS])
    for label, url, _permission in ADMIN_SCREENS:
        assert is_refused(client.get(url())), f"a member should not {label}"


@pytest.mark.parametrize("role", STAFF_ROLES, ids=lambda role: role.name)
def test_each_role_publishes_exactly_the_pages_its_page_permissions_cover(
    role, make_user, drafts, django_capture_on_commit_callbacks
):
    _, client = client_for(make_user, role)
    for label, page in drafts.items():
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={page.pk}"
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url)
        live = Page.objects.get(pk=page.pk).live
        assert live == holds_on_page(role, "publish_page", label), f"{role.name} publishing {label}"


@pytest.mark.parametrize("role", STAFF_ROLES, ids=lambda role: role.name)
def test_each_role_edits_exactly_the_pages_its_page_permissions_cover(role, make_user, drafts):
    _, client = client_for(make_user, role)
    for label, page in drafts.items():
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        if holds_on_page(role, "change_page", label):
            assert response.status_code == 200, f"{role.name} editing {label}"
        else:
            assert is_refused(response), f"{role.name} editing {label}"


def test_learning_pages_go_to_clinical_review_and_spanish_pages_to_spanish_review(drafts):
    assert drafts["an English learning module"].get_workflow().name == roles.CLINICAL_REVIEW
    assert drafts["a Spanish page"].get_workflow().name == roles.SPANISH_REVIEW
    task = drafts["an English learning module"].get_workflow().tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [roles.CLINICAL_REVIEWERS]


def test_applying_the_roles_again_changes_nothing(drafts):
    def state():
        return (
            set(GroupPagePermission.objects.values_list("group__name", "page_id", "permission__codename")),
            {group.name: set(group.permissions.values_list("codename", flat=True)) for group in Group.objects.all()},
        )

    before = state()
    roles.apply_roles()
    call_command("migrate", verbosity=0)
    assert state() == before


def test_a_permission_added_by_hand_is_taken_away_by_the_next_apply(drafts):
    translators = Group.objects.get(name=roles.TRANSLATORS)
    translators.permissions.add(*Group.objects.get(name=roles.MODERATORS).permissions.all())
    GroupPagePermission.objects.create(
        group=translators, page=drafts["an English Q&A post"].get_parent(), permission_id=_publish_permission()
    )
    roles.apply_roles()
    assert not translators.permissions.filter(codename="can_moderate").exists()
    assert (
        not QAPostPage.objects.get(pk=drafts["an English Q&A post"].pk)
        .permissions_for_user(_a_user_in(translators))
        .can_publish()
    )


def _publish_permission():
    from django.contrib.auth.models import Permission

    return Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page").pk


def _a_user_in(group):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("someone", "someone@example.org", PASSWORD)
    user.groups.add(group)
    return user
