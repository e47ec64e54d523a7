"""Members-only, seen from the outside: anonymous visitors, logged-in non-members and members."""

import io
import math
import struct
import wave

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Collection, Page, PageViewRestriction

from cms.models import SiteMedia
from learning.models import SegmentPage, ensure_members_only_collection

from .factories import segment

# Privacy is checked with nothing kept and with the shared cache (tests/conftest.py each_cache).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_cache")]

LESSON = "Private lesson 1.1"


@pytest.fixture
def a_non_member(make_user):
    return make_user("carla")


def wav_bytes(seconds=0.5, rate=8000):
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(rate)
        recording.writeframes(
            b"".join(struct.pack("<h", int(8000 * math.sin(n / 3))) for n in range(int(seconds * rate)))
        )
    return buffer.getvalue()


def make_media(collection):
    return SiteMedia.objects.create(
        title="A role play", type="video", collection=collection, file=ContentFile(wav_bytes(), name="role-play.wav")
    )


@pytest.fixture
def a_members_only_video(a_course):
    video = make_media(ensure_members_only_collection("Members-only learning media"))
    page = segment(1, 1)
    page.video = video
    page.save_revision().publish()
    return video


def test_every_learning_index_carries_the_members_restriction(a_bilingual_course):
    for index in Page.objects.type(type(a_bilingual_course)):
        assert PageViewRestriction.objects.filter(page=index, groups__name="Members").exists()


@pytest.mark.parametrize("language_prefix", ["", "/es"])
def test_anonymous_visitors_get_the_public_overview_only(a_bilingual_course, client, language_prefix):
    index_url = "/learning/" if not language_prefix else "/es/aprendizaje/"
    response = client.get(index_url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "learning/learning_overview.html" in [t.name for t in response.templates]
    assert ("Summary of module 1" if not language_prefix else "Resumen del módulo 1") in html
    assert ("/accounts/signup/" if not language_prefix else "/es/cuentas/signup/") in html
    assert "Segment text" not in html and "Texto del segmento" not in html
    assert "segment-1" not in html and "segmento-1" not in html


@pytest.mark.parametrize(
    ("path", "login"),
    [
        ("/learning/module-1/segment-1/", "/accounts/login/?next=/learning/module-1/segment-1/"),
        ("/learning/module-1/", "/accounts/login/?next=/learning/module-1/"),
        ("/learning/journal/", "/accounts/login/?next=/learning/journal/"),
        ("/learning/exercise-16/", "/accounts/login/?next=/learning/exercise-16/"),
        ("/es/aprendizaje/modulo-1/segmento-1/", "/es/cuentas/login/?next=/es/aprendizaje/modulo-1/segmento-1/"),
    ],
)
def test_anonymous_visitors_are_sent_to_login_and_back(a_bilingual_course, an_exercise, client, path, login):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].replace("%2F", "/") == login
    assert "no-cache" in response["Cache-Control"]


def test_a_logged_in_non_member_is_shown_the_overview_instead_of_a_segment(a_course, client, a_non_member):
    client.force_login(a_non_member)
    response = client.get("/learning/module-1/segment-1/", follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == "/learning/"
    assert "Your account does not have member access yet." in html
    assert LESSON not in html


def test_a_member_reads_a_segment(a_course, client, a_member):
    client.force_login(a_member)
    response = client.get("/learning/module-1/segment-1/")
    assert response.status_code == 200
    assert LESSON in response.content.decode()


def test_segments_are_not_in_site_search_for_the_public(a_course):
    assert SegmentPage.objects.live().search("lesson").count() > 0  # the content is indexed...
    assert list(Page.objects.live().public().search("lesson")) == []  # ...and kept from the public


def test_the_course_is_not_in_the_sitemap(a_bilingual_course, client):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/learning/" not in xml and "/aprendizaje/" not in xml


@pytest.mark.urls("tests.learning.api_urls")
def test_the_course_is_not_in_the_page_api(a_course, client):
    response = client.get("/api/v2/pages/?format=json")
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert "Home" in titles
    assert not any("Segment text" in title or "Talking so" in title for title in titles)
    assert client.get(f"/api/v2/pages/{segment(1, 1).pk}/?format=json").status_code == 404


def test_previews_are_for_editors_only(a_course, client, a_member):
    page = segment(1, 1)
    preview = f"/admin/pages/{page.pk}/edit/preview/"
    assert client.get(preview).status_code == 302  # anonymous: to the admin login
    client.force_login(a_member)
    response = client.get(preview)
    assert response.status_code in (302, 403)
    assert LESSON not in response.content.decode()


def test_segment_videos_stream_to_members_only(a_members_only_video, client, a_member, a_non_member):
    url = f"/learning/videos/{a_members_only_video.pk}/"
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(a_non_member)
    assert client.get(url).status_code == 403
    client.force_login(a_member)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == a_members_only_video.file.open("rb").read()
    assert "private" in response["Cache-Control"]


def test_a_segment_page_never_shows_the_public_file_url_of_its_video(a_members_only_video, client, a_member):
    client.force_login(a_member)
    html = client.get("/learning/module-1/segment-1/").content.decode()
    assert f'src="/learning/videos/{a_members_only_video.pk}/"' in html
    assert a_members_only_video.file.url not in html
    assert "/media/" not in html


def test_videos_can_be_seeked_with_a_byte_range(a_members_only_video, client, a_member):
    client.force_login(a_member)
    response = client.get(f"/learning/videos/{a_members_only_video.pk}/", headers={"Range": "bytes=10-19"})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 10-19/{a_members_only_video.file.size}"
    assert b"".join(response.streaming_content) == a_members_only_video.file.open("rb").read()[10:20]


def test_media_outside_the_members_only_collection_are_not_served_by_the_course(a_course, client, a_member):
    public = make_media(Collection.get_first_root_node())
    client.force_login(a_member)
    assert client.get(f"/learning/videos/{public.pk}/").status_code == 404


def test_a_segment_refuses_a_video_from_a_public_collection(a_course):
    from django.core.exceptions import ValidationError

    page = segment(1, 1)
    page.video = make_media(Collection.get_first_root_node())
    with pytest.raises(ValidationError, match="members-only collection"):
        page.full_clean()


def members_restrictions(index):
    return PageViewRestriction.objects.filter(
        page=index, restriction_type=PageViewRestriction.GROUPS, groups__name="Members"
    )


@pytest.mark.parametrize("privacy", [{"restriction_type": "none"}, {"restriction_type": "login"}])
def test_an_editor_cannot_make_the_course_public_through_the_privacy_setting(a_course, admin_client, client, privacy):
    response = admin_client.post(f"/admin/pages/{a_course.pk}/privacy/", privacy)
    assert response.status_code == 200
    assert members_restrictions(a_course).exists()
    assert not Page.objects.live().public().filter(pk=segment(1, 1).pk).exists()
    assert "/learning/" not in client.get("/sitemap.xml").content.decode()


def test_removing_the_members_group_from_the_restriction_puts_it_back(a_course, make_user):
    editors = make_user("edith", "Editors").groups.get()
    restriction = members_restrictions(a_course).get()
    restriction.groups.set([editors])
    assert members_restrictions(a_course).exists()
    restriction.groups.clear()
    assert members_restrictions(a_course).exists()


def test_deleting_the_restriction_in_code_puts_it_back(a_course):
    PageViewRestriction.objects.filter(page=a_course).delete()
    assert members_restrictions(a_course).exists()
    assert list(Page.objects.live().public().search("lesson")) == []


def test_deleting_the_whole_course_still_works(a_course):
    a_course.delete()
    assert not PageViewRestriction.objects.exists()
    assert not SegmentPage.objects.exists()
