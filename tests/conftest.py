"""Fixtures shared by every app's tests: a bilingual site tree, users, and a real browser."""

import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Locale, Page, Site

from cms.public_url import site_address, sync_default_site
from cms.translation import translate_into_spanish
from home.models import HomePage
from tests.links import absolute_links, email_text, off_the_public_address
from tests.members.factories import UserFactory

# Playwright's sync API keeps an event loop running in the test thread; Django's ORM then refuses
# to run there unless told it is safe (it is: the loop never runs our code concurrently).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

HOME_SPANISH = {
    "Home": "Inicio",
    "home": "inicio",
    "Helping a loved one": "Ayudar a un ser querido",
    "Skills for families": "Habilidades para familias",
}


@pytest.fixture
def english():
    return Locale.objects.get(language_code="en")


@pytest.fixture
def spanish():
    return Locale.objects.get(language_code="es")


@pytest.fixture
def a_home_page(english):
    """The English home page, made the default site's root (replacing Wagtail's welcome page)."""
    root = Page.get_first_root_node()
    for welcome in root.get_children():
        welcome.delete()
    home = root.add_child(
        instance=HomePage(
            title="Home",
            slug="home",
            locale=english,
            hero_heading="Helping a loved one",
            hero_text="Skills for families",
        )
    )
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, **site_address()})
    return home


@pytest.fixture
def translate(django_capture_on_commit_callbacks):
    """Translate a page or snippet into Spanish (see cms.translation) and publish it.

    wagtail-localize publishes a translated page in `transaction.on_commit`, which never fires
    inside a test's rolled-back transaction: run those callbacks here, as a real commit would.
    """

    def translate(instance, spanish, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            translated = translate_into_spanish(instance, spanish, **kwargs)
        translated.refresh_from_db()
        return translated

    return translate


@pytest.fixture
def a_spanish_home_page(a_home_page, translate):
    """The Spanish home page, translated from the English one through wagtail-localize."""
    return translate(a_home_page, HOME_SPANISH)


@pytest.fixture(autouse=True)
def default_language_after_each_test():
    """A request under /es/ leaves Spanish active in the thread (LocaleMiddleware never resets it):
    each test starts from the default language whatever ran before it."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture
def a_shared_cache(settings):
    """The cache production shares between its workers (Redis there, this process's memory here),
    with the page cache on: pages, the page chrome and the parts every reader shares are kept
    (cms.page_cache, cms.shared_pieces). The suite otherwise keeps nothing, so the modules that
    check what is each reader's own (journals, reports, mutes, content notes) run with this one."""
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"}}
    settings.CACHE_MIDDLEWARE_SECONDS = 120
    cache.clear()


@pytest.fixture(params=["nothing kept", "shared cache"])
def each_cache(request):
    """Once as the rest of the suite runs (nothing kept), once with the shared cache: privacy must
    hold both when a page is built afresh and when it is assembled from kept parts."""
    if request.param == "shared cache":
        request.getfixturevalue("a_shared_cache")


@pytest.fixture(autouse=True)
def forget_memoised_locales():
    """A test's Locale rows roll back with it, and a rollback sends no delete signal: forget the
    rows cms.locales memoised, as a deletion would."""
    yield
    from cms import locales

    locales.forget()


@pytest.fixture(autouse=True)
def every_emailed_link_leads_to_the_public_address(monkeypatch):
    """Every email the suite sends, whichever test sends it, is read as it is sent: each absolute
    link must start with WAGTAILADMIN_BASE_URL (a port the test client never uses), so a link
    built from Wagtail's default Site, the request's host or an old default fails the test."""
    from django.core.mail.backends import locmem

    wrong = []
    send_messages = locmem.EmailBackend.send_messages

    def send_and_read(backend, messages):
        for message in messages:
            wrong.extend((message.subject, url) for url in off_the_public_address(absolute_links(email_text(message))))
        return send_messages(backend, messages)

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", send_and_read)
    yield
    if wrong:
        pytest.fail(f"Emailed links off the public address {settings.WAGTAILADMIN_BASE_URL}: {wrong}")


@pytest.fixture
def production_caching(settings):
    """The caches production runs with (CACHE_URL): the page chrome and sessions in a shared cache.

    The whole-page cache is left out, so every page is counted as it renders.
    """
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"}}
    settings.CACHE_MIDDLEWARE_SECONDS = 120
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if not name.startswith("cms.page_cache.")]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def descriptive_emails(monkeypatch):
    """For tests that read what an email says: discreet mode off for every address.

    Discreet mode (members.mail, on by default) has its own test of every email:
    tests/comments/test_every_email_discreet.py.
    """
    monkeypatch.setattr("members.mail.discreet_for", lambda user: False)


@pytest.fixture
def make_user():
    """`make_user("ana", "Members")`: an account (tests/members/factories.py) in the groups named."""

    def make(username, *groups, **fields):
        return UserFactory(username=username, groups=groups, **fields)

    return make


@pytest.fixture
def an_editor(make_user):
    return make_user("editor", "Editors")


# --- The demo site -----------------------------------------------------------------------------


class DemoCopy:
    """Every table's rows as `load_demo_content` left them, copied out of PostgreSQL (COPY) once.

    Loading the demo takes a quarter of a minute; putting the same rows back takes about a second.
    """

    def __init__(self, connection):
        with connection.cursor() as cursor:
            self.tables = [t for t in connection.introspection.table_names(cursor) if t != "django_migrations"]
            self.rows = {}
            for table in self.tables:
                buffer = io.BytesIO()
                cursor.copy_expert(f"COPY {connection.ops.quote_name(table)} TO STDOUT", buffer)
                self.rows[table] = buffer.getvalue()
            # Serial columns, to keep every sequence past the ids the copy brings back.
            cursor.execute(
                "SELECT seq.relname, tab.relname, col.attname FROM pg_class seq"
                " JOIN pg_depend dep ON dep.objid = seq.oid AND dep.deptype IN ('a', 'i')"
                " JOIN pg_class tab ON tab.oid = dep.refobjid"
                " JOIN pg_attribute col ON col.attrelid = tab.oid AND col.attnum = dep.refobjsubid"
                " WHERE seq.relkind = 'S'"
            )
            self.serials = [(seq, table, column) for seq, table, column in cursor.fetchall() if table in self.rows]

    def restore(self, connection):
        """Replace every row of the database by the copy, inside the test's transaction (rolled back after it).

        On the test's own connection: once Playwright's loop runs, Django hands out new ones (`browser`).
        """
        q = connection.ops.quote_name
        with connection.cursor() as cursor:
            # Checks still waiting in this transaction would stop TRUNCATE: run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute("TRUNCATE " + ", ".join(q(table) for table in self.tables))
            for table, rows in self.rows.items():
                if rows:
                    cursor.copy_expert(f"COPY {q(table)} FROM STDIN", io.BytesIO(rows))
            # Names read from PostgreSQL's own catalog, quoted: no outside input reaches this SQL.
            setvals = [
                f"setval('{q(seq)}', GREATEST((SELECT COALESCE(MAX({q(column)}), 1) FROM {q(table)}),"  # noqa: S608
                f" (SELECT last_value FROM {q(seq)})))"
                for seq, table, column in self.serials
            ]
            if setvals:
                cursor.execute("SELECT " + ", ".join(setvals))


_demo_copy = {}


@pytest.fixture(scope="session")
def demo_media(tmp_path_factory):
    """The demo's pictures and recordings, drawn once for the whole run."""
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture
def demo(db, settings, demo_media, django_capture_on_commit_callbacks):
    """The whole demo site, exactly as `load_demo_content --force` makes it, for one test to read or change.

    The first test of the run that asks for it loads it (tests/cms/test_demo_content.load_demo_content)
    and every table is copied; each later one gets the same rows back inside its own transaction,
    which is rolled back after it as usual. Ask for it before any fixture that writes rows: they
    would be wiped (or copied with the demo). Tests of the loader itself still call the command.
    """
    from django.db import connection

    settings.MEDIA_ROOT = demo_media
    copy = _demo_copy.get(connection.settings_dict["NAME"])
    if copy is None:
        from tests.cms.test_demo_content import load_demo_content

        check_nothing_but_migrations()
        load_demo_content(django_capture_on_commit_callbacks)
        _demo_copy[connection.settings_dict["NAME"]] = DemoCopy(connection)
    else:
        copy.restore(connection)


@pytest.fixture
def committed_demo(transactional_db, settings, demo_media):
    """`demo` for a test whose browser reads it through the live server (another connection): the
    rows are committed, and emptied after the test as every transactional test's are."""
    from django.core.management import call_command
    from django.db import connection, transaction

    settings.MEDIA_ROOT = demo_media
    copy = _demo_copy.get(connection.settings_dict["NAME"])
    if copy is None:
        check_nothing_but_migrations()
        call_command("load_demo_content", "--force", stdout=io.StringIO())
        _demo_copy[connection.settings_dict["NAME"]] = DemoCopy(connection)
    else:
        with transaction.atomic():
            copy.restore(connection)


def check_nothing_but_migrations():
    """The copy is taken of the whole database: nothing a test made may be in it."""
    from django.contrib.auth import get_user_model

    if get_user_model().objects.exists() or Page.objects.count() > 2:
        pytest.fail("Ask for the `demo` fixture before fixtures that write to the database.")


# --- The whole suite runs ------------------------------------------------------------------------


def pytest_sessionfinish(session, exitstatus):
    """A skipped test proves nothing: `make test` installs what every test needs, so a skip fails the run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and exitstatus == 0:
        reporter.write_line(f"{len(skipped)} test(s) skipped: every test must run in `make test`.", red=True)
        session.exitstatus = 1


# --- Browser tests -------------------------------------------------------------------------------


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    item.stash.setdefault("reports", {})[report.when] = report
    return report


@pytest.fixture(scope="session")
def browser(django_db_setup):
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Once Playwright's event loop runs, Django hands out new connection objects (they are
    # context-local), which lack the snapshot serialized_rollback restores after each flush:
    # without it every later transactional test starts from an empty database.
    snapshots = {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: `make test` installs it (apt-get install chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            # The machine has no internet: keep Chromium from phoning home at start.
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        for alias, snapshot in snapshots.items():
            if snapshot is not None:
                connections[alias]._test_serialized_contents = snapshot
        yield browser
        browser.close()


@pytest.fixture
def public_live_server(live_server, settings):
    """The live server as the site's public address, so a browser can follow emailed links as sent."""
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    sync_default_site()
    return live_server


@pytest.fixture
def browser_page(browser, request):
    """A fresh browser tab; on failure its screenshot is kept in test-artifacts/ and the path printed."""
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    reports = request.node.stash.get("reports", {})
    if any(report.failed for report in reports.values()):
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{request.node.name}.png"
        page.screenshot(path=str(path), full_page=True)
        print(f"\nScreenshot of the failure: {path}")  # noqa: T201
    context.close()
