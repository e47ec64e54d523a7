"""`make restore-page`: a deleted page tree comes back from a `make backup` dump, as drafts, private still."""

import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.models import Page, PageViewRestriction

from cms.membership import MEMBERS_GROUP
from home.models import StandardPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(__file__).resolve().parents[2]


def add_page(parent, title, slug, intro):
    page = parent.add_child(instance=StandardPage(title=title, slug=slug, intro=intro))
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


def make_backup(folder):
    """`make backup` (ops/backup.sh) of the test database; returns the backup folder."""
    settings = connection.settings_dict
    url = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    if settings.get("PASSWORD"):
        url = url.replace("@", f":{settings['PASSWORD']}@", 1)
    result = subprocess.run(  # noqa: S603
        [str(ROOT / "ops" / "backup.sh")],
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": url, "BACKUP_DIR": str(folder), "MEDIA_ROOT": str(folder / "m")},
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def a_members_section(a_home_page):
    section = add_page(a_home_page, "Members' corner", "members-corner", "Stories members share.")
    restriction = PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get_or_create(name=MEMBERS_GROUP)[0])
    add_page(section, "After a relapse", "after-a-relapse", "What helped us the week after.")
    add_page(section, "Holidays at home", "holidays", "Planning a sober holiday together.")
    return section


def test_a_deleted_page_tree_comes_back_from_a_backup_as_private_drafts(a_members_section, a_home_page, tmp_path):
    backup = make_backup(tmp_path)
    ids = sorted(Page.objects.descendant_of(a_members_section, inclusive=True).values_list("pk", flat=True))
    a_members_section.delete()
    assert not Page.objects.filter(pk__in=ids).exists()

    call_command("restore_page", str(backup), str(a_members_section.pk))

    restored = Page.objects.filter(pk__in=ids).specific().order_by("path")
    assert sorted(page.pk for page in restored) == ids, "the same ids: links and translations find them again"
    assert [page.title for page in restored] == ["Members' corner", "After a relapse", "Holidays at home"]
    assert restored[1].intro == "What helped us the week after."
    assert restored[0].get_parent().pk == a_home_page.pk
    assert all(not page.live and page.latest_revision_id for page in restored), "drafts, each with a revision"
    restriction = PageViewRestriction.objects.get(page_id=a_members_section.pk)
    assert set(restriction.groups.values_list("name", flat=True)) == {MEMBERS_GROUP}, "still members-only"
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_database WHERE datname LIKE %s", ["%page_restore%"])
        assert cursor.fetchone()[0] == 0, "the scratch database is dropped"

    with pytest.raises(CommandError, match="still exist"):
        call_command("restore_page", str(backup), str(a_members_section.pk))
