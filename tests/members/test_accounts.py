"""Sign-up, verification, login and suspension: allauth configured for pseudonymous members."""

import re
from email.utils import parseaddr

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cms.membership import MEMBERS_GROUP, is_member
from members.services import is_suspended, set_suspended
from tests.links import BASE_URL
from tests.members.factories import PASSWORD

# These read what the emails say; discreet mode has its own test (tests/comments/test_every_email_discreet.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("descriptive_emails")]

# Each language's paths, in its own words.
ACCOUNTS = {"": "/accounts", "/es": "/es/cuentas"}
MEMBERS = {"": "/members", "/es": "/es/miembros"}
LINK = re.compile(r"https?://[^\s]+/confirm-email/[^\s/]+/")


def sign_up(client, prefix="", username="hopeful_wren", email="wren@example.org"):
    return client.post(
        f"{ACCOUNTS[prefix]}/signup/",
        {"username": username, "email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


@pytest.fixture(autouse=True)
def _members_group():
    Group.objects.get_or_create(name=MEMBERS_GROUP)


@pytest.fixture
def throttling_cache(settings):
    """allauth's rate limits count in the cache; the test settings' dummy cache counts nothing."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "throttle"}}
    from django.core.cache import cache

    cache.clear()


@pytest.mark.parametrize(
    ("prefix", "subject", "greeting", "language"),
    [
        ("", "Please confirm your email for CRAFT Family Support", "Thank you for joining us", "en"),
        ("/es", "Confirme su correo electrónico para CRAFT Apoyo Familiar", "Gracias por hacerse miembro", "es"),
    ],
)
def test_sign_up_verify_and_reach_the_members_area(client, mailoutbox, prefix, subject, greeting, language):
    response = sign_up(client, prefix)
    assert response.status_code == 302
    assert response.url == f"{ACCOUNTS[prefix]}/confirm-email/"
    member = get_user_model().objects.get(username="hopeful_wren")
    assert not is_member(member)
    assert member.member_profile.preferred_language == language
    assert member.member_profile.show_in_directory is False

    # Not yet a member: the members' area still sends the visitor to log in.
    assert client.get(f"{MEMBERS[prefix]}/").status_code == 302

    (email,) = mailoutbox
    assert email.to == ["wren@example.org"]
    assert email.subject == subject
    assert parseaddr(email.from_email)[0] == {"en": "CRAFT Family Support", "es": "CRAFT Apoyo Familiar"}[language]
    assert greeting in email.body
    assert "hopeful_wren" in email.body
    link = LINK.search(email.body).group(0)
    assert link.startswith(f"{BASE_URL}{ACCOUNTS[prefix]}/confirm-email/")

    path = link.removeprefix(BASE_URL)
    assert client.get(path).status_code == 200
    confirmed = client.post(path)
    assert confirmed.status_code == 302
    assert confirmed.url == f"{MEMBERS[prefix]}/"
    assert is_member(get_user_model().objects.get(pk=member.pk))
    assert EmailAddress.objects.get(user=member).verified
    assert client.get(f"{MEMBERS[prefix]}/").status_code == 200


def test_an_unverified_account_cannot_log_in(client, mailoutbox):
    sign_up(client)
    client.logout()
    response = client.post("/accounts/login/", {"login": "hopeful_wren", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("taken", ["quiet_harbor", "QUIET_HARBOR", "Quiet_Harbor"])
def test_usernames_are_unique_whatever_their_case(client, a_member, taken):
    response = sign_up(client, username=taken, email="other@example.org")
    assert response.status_code == 200
    assert "username" in response.context["form"].errors
    assert get_user_model().objects.filter(username__iexact="quiet_harbor").count() == 1


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("", "“Admin” is reserved for the site and its team. Please choose another username."),
        ("/es", "«Admin» está reservado para el sitio y su equipo. Elija otro nombre de usuario, por favor."),
    ],
)
def test_reserved_usernames_are_refused_with_a_clear_message(client, prefix, message):
    response = sign_up(client, prefix, username="Admin")
    assert response.status_code == 200
    assert response.context["form"].errors["username"] == [message]
    assert not get_user_model().objects.filter(username__iexact="admin").exists()


@pytest.mark.parametrize("username", ["ab", "a" * 31, "with space", "quién?", "name@example"])
def test_usernames_must_be_3_to_30_letters_digits_dots_dashes_or_underscores(client, username):
    response = sign_up(client, username=username)
    assert response.status_code == 200
    assert response.context["form"].errors["username"]


@pytest.mark.parametrize("username", ["abc", "a" * 30, "Río.Claro-2_x"])
def test_valid_usernames_are_accepted(client, mailoutbox, username):
    response = sign_up(client, username=username)
    assert response.status_code == 302
    assert get_user_model().objects.filter(username=username).exists()


@pytest.mark.parametrize("login", ["quiet_harbor", "quiet_harbor@example.org", "QUIET_HARBOR"])
def test_members_log_in_with_their_username_or_email(client, a_member, login):
    response = client.post("/accounts/login/", {"login": login, "password": PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == a_member.pk


def test_after_login_members_land_in_the_members_area_in_their_language(client, make_member):
    make_member("luz_del_sur", language="es")
    response = client.post("/accounts/login/", {"login": "luz_del_sur", "password": PASSWORD})
    assert response.url == "/es/miembros/"


def test_logging_in_rotates_the_session(client, a_member):
    client.get("/accounts/login/")
    before = client.session.session_key
    client.post("/accounts/login/", {"login": "quiet_harbor", "password": PASSWORD})
    assert client.session.session_key != before


def test_repeated_failed_logins_are_throttled(client, a_member, throttling_cache):
    for _attempt in range(5):
        response = client.post("/accounts/login/", {"login": "quiet_harbor", "password": "wrong-password"})
        assert response.status_code == 200
    response = client.post("/accounts/login/", {"login": "quiet_harbor", "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_changing_the_password_logs_the_member_out(member_client):
    response = member_client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "another-long-password-7", "password2": "another-long-password-7"},
    )
    assert response.status_code == 302
    assert "_auth_user_id" not in member_client.session


def test_password_reset_email_uses_the_members_language(client, make_member, mailoutbox):
    make_member("luz_del_sur", language="es")
    client.post("/accounts/password/reset/", {"email": "luz_del_sur@example.org"})
    (email,) = mailoutbox
    assert "/es/cuentas/password/reset/key/" in email.body
    assert "Hola desde CRAFT Apoyo Familiar" in email.body
    assert email.from_email == "CRAFT Apoyo Familiar <noreply@localhost>"


def test_a_suspended_member_cannot_log_in_and_loses_their_session(client, a_member):
    client.force_login(a_member)
    set_suspended(a_member.member_profile, True, note="Repeated hostile comments")
    assert is_suspended(get_user_model().objects.get(pk=a_member.pk))
    assert client.get("/members/").status_code == 302  # the old session no longer authenticates

    response = client.post("/accounts/login/", {"login": "quiet_harbor", "password": PASSWORD})
    assert response.url == "/accounts/inactive/"
    assert "suspended" in client.get(response.url).content.decode()

    set_suspended(a_member.member_profile, False)
    response = client.post("/accounts/login/", {"login": "quiet_harbor", "password": PASSWORD})
    assert response.url == "/members/"
    assert not is_suspended(get_user_model().objects.get(pk=a_member.pk))


@pytest.mark.parametrize(("prefix", "title"), [("", "Account suspended"), ("/es", "Cuenta suspendida")])
def test_the_suspended_accounts_page_is_titled_once_in_its_language(client, prefix, title):
    html = client.get(f"{ACCOUNTS[prefix]}/inactive/").content.decode()
    assert f"<title>{title} · " in html
    assert re.findall(r"<h1>(.*?)</h1>", html) == [title]


def test_account_pages_use_the_site_layout_in_both_languages(client):
    english = client.get("/accounts/login/").content.decode()
    spanish = client.get("/es/cuentas/signup/").content.decode()
    assert 'class="site-header' in english and 'class="site-footer' in english
    assert '<html lang="es">' in spanish
    assert "Hágase miembro de CRAFT Apoyo Familiar" in spanish


@pytest.mark.parametrize("prefix", ["", "/es"])
@pytest.mark.parametrize(
    "path", ["login/", "signup/", "password/reset/", "confirm-email/", "inactive/", "confirm-email/not-a-key/"]
)
def test_every_visitor_account_page_renders_in_the_site_layout(client, prefix, path):
    response = client.get(f"{ACCOUNTS[prefix]}/{path}")
    assert response.status_code == 200
    assert 'class="site-footer' in response.content.decode()


@pytest.mark.parametrize("prefix", ["", "/es"])
@pytest.mark.parametrize("path", ["email/", "password/change/", "logout/"])
def test_every_member_account_page_renders_and_never_shows_anothers_email(member_client, make_member, prefix, path):
    make_member("steady_oak")
    response = member_client.get(f"{ACCOUNTS[prefix]}/{path}")
    assert response.status_code == 200
    assert "steady_oak@example.org" not in response.content.decode()


def test_the_database_refuses_a_username_that_differs_only_in_case(a_member):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        get_user_model().objects.create_user(username="Quiet_Harbor", email="twin@example.org")


def test_pseudonyms_that_would_shadow_members_pages_are_reserved(client):
    for taken in ("goodbye", "me"):
        response = sign_up(client, username=taken, email=f"{taken}@example.org")
        assert "username" in response.context["form"].errors


def test_repeated_sign_ups_and_password_resets_are_throttled(client, throttling_cache, mailoutbox):
    statuses = [
        sign_up(client, username=f"wren_{attempt}", email=f"wren{attempt}@example.org").status_code
        for attempt in range(25)
    ]
    assert 429 in statuses, "allauth's sign-up limit answers 429 once it is reached"
    reset_statuses = [
        client.post("/accounts/password/reset/", {"email": "nobody@example.org"}).status_code for _attempt in range(25)
    ]
    assert 429 in reset_statuses


def test_a_reached_limit_says_to_wait_in_the_visitors_language(client, throttling_cache):
    responses = [client.post("/es/cuentas/password/reset/", {"email": "nadie@example.org"}) for _attempt in range(25)]
    limited = next(response for response in responses if response.status_code == 429)
    html = limited.content.decode()
    assert "<title>Espere un momento, por favor · " in html, "allauth answers with cms.urls.handler429"
    assert "<h1>Espere un momento, por favor</h1>" in html


def test_the_staff_login_is_throttled_like_the_members_login(client, a_member, throttling_cache):
    for _attempt in range(5):
        client.post("/admin/login/", {"username": "quiet_harbor", "password": "wrong-password"})
    response = client.post("/admin/login/", {"username": "quiet_harbor", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_a_sign_up_that_fails_halfway_leaves_no_account_and_sends_no_email(client, monkeypatch, mailoutbox):
    import allauth.account.forms
    from django.db import OperationalError

    def database_lost(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(allauth.account.forms, "setup_user_email", database_lost)
    client.raise_request_exception = False
    response = sign_up(client, username="half_made")
    assert response.status_code == 503
    assert not get_user_model().objects.filter(username="half_made").exists()
    assert mailoutbox == []


def test_login_limits_count_the_real_client_behind_the_trusted_proxy(client, a_member, throttling_cache, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1

    def attempt(client_ip, login):
        return client.post(
            "/accounts/login/",
            {"login": login, "password": "wrong-password"},
            HTTP_X_FORWARDED_FOR=client_ip,
            REMOTE_ADDR="10.0.0.2",
        )

    for number in range(10):
        attempt("203.0.113.5", f"guess_{number}")
    blocked = attempt("203.0.113.5", "guess_final").content.decode()
    assert "Too many failed login attempts" in blocked
    other_family = attempt("198.51.100.7", "guess_final").content.decode()
    assert "Too many failed login attempts" not in other_family, "another visitor behind the same proxy"


def test_the_signed_in_account_comes_with_its_profile_and_groups(client, a_member):
    """members.backends: the pseudonym and the group checks of every page cost no further queries."""
    from django.contrib.auth import get_user
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cms.membership import is_member
    from members.services import display_name, grant_membership

    client.post("/accounts/login/", {"login": "quiet_harbor", "password": PASSWORD})
    request = type("Request", (), {"session": client.session})()
    with CaptureQueriesContext(connection) as loading:
        user = get_user(request)
    with CaptureQueriesContext(connection) as asking:
        assert display_name(user) == "Quiet Harbor"
        assert is_member(user)
        assert [group.name for group in user.groups.all()] == ["Members"]
    assert user.pk == a_member.pk
    assert len(asking) == 0
    assert len(loading) == 3  # the session, the account with its profile, its groups

    # A change through the account's own groups is seen at once, not the list loaded at sign-in.
    user.groups.clear()
    assert not is_member(get_user(request))
    grant_membership(user)
    assert is_member(user)


def test_kept_groups_cost_no_query_and_follow_every_change(client, a_member, a_shared_cache):
    """With the shared cache production has, an account's groups are kept; any change to who is in
    which group, from either side or by deleting a group, is seen by the next request."""
    from django.contrib.auth import get_user
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cms.membership import is_member
    from cms.roles import MODERATORS

    client.post("/accounts/login/", {"login": "quiet_harbor", "password": PASSWORD})
    request = type("Request", (), {"session": client.session})()
    get_user(request)
    with CaptureQueriesContext(connection) as loading:
        user = get_user(request)
    # The account with its profile (the session is kept too): no query for the groups.
    assert [query["sql"] for query in loading.captured_queries if "auth_group" in query["sql"]] == []
    assert len(loading) == 1
    assert is_member(user)

    Group.objects.get(name="Members").user_set.remove(user)  # as the admin's group screen does
    assert not is_member(get_user(request))

    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    moderators.user_set.add(user)
    assert [group.name for group in get_user(request).groups.all()] == [MODERATORS]
    moderators.delete()
    assert list(get_user(request).groups.all()) == []


def test_members_get_no_admin_userbar_and_editors_do(client, a_member, a_home_page, make_user):
    client.force_login(a_member)
    assert "wagtail-userbar" not in client.get("/").content.decode()
    client.force_login(make_user("an_editor", "Editors"))
    assert "wagtail-userbar" in client.get("/").content.decode()
