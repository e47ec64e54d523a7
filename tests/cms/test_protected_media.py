"""Members-only uploads by every address they have: app route, /media/ path, rendition path.

The attack of issue 14 #2: a file the app refuses at its route was a plain file at /media/<name>.
Here anonymous visitors and signed-in non-members try each address of a members-only document,
audio file, segment video and course image; members get them; in production mode the app only
says yes and nginx sends (X-Accel-Redirect); ranges go through the one implementation.
"""

import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from cms.models import SiteMedia
from cms.protected_media import ACCEL_PREFIX
from demo.media import tone_wav
from learning.models import ensure_members_only_collection

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def png_bytes(colour="teal"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 200), colour).save(buffer, "PNG")
    return buffer.getvalue()


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def members_only():
    return ensure_members_only_collection("Members-only learning media")


@pytest.fixture
def a_member(make_user):
    return make_user("ana", "Members")


@pytest.fixture
def a_non_member(make_user):
    return make_user("carla")


@pytest.fixture
def private_files(members_only):
    """A document, an audio file, a video and an image, each in the members-only collection."""
    document = get_document_model().objects.create(
        title="Safety plan", collection=members_only, file=ContentFile(b"My family's safety plan.", name="plan.txt")
    )
    audio = SiteMedia(title="Members' talk", type="audio", collection=members_only)
    audio.file.save("talk.wav", ContentFile(tone_wav(1.0)), save=False)
    audio.save()
    video = SiteMedia(title="A role play", type="video", collection=members_only)
    video.file.save("role-play.wav", ContentFile(tone_wav(1.0)), save=False)
    video.save()
    image = get_image_model().objects.create(
        title="Module hero", collection=members_only, file=ImageFile(io.BytesIO(png_bytes()), name="hero.png")
    )
    # The admin's listing thumbnail: made whenever an editor browses the images.
    rendition = image.get_rendition("max-165x165")
    return {"document": document, "audio": audio, "video": video, "image": image, "rendition": rendition}


def every_address(files):
    """Each file's addresses, the app's own first, then the raw /media/ paths of the files."""
    document, audio, video = files["document"], files["audio"], files["video"]
    image, rendition = files["image"], files["rendition"]
    rendition_name = Path(rendition.file.name).name
    return {
        "document": [
            document.url,
            f"/media/{document.file.name}",
        ],
        "audio": [
            f"/media-files/{audio.pk}/{audio.filename}",
            f"/podcast-audio/{audio.pk}/{audio.filename}",
            f"/media/{audio.file.name}",
        ],
        "video": [
            f"/learning/videos/{video.pk}/",
            f"/media-files/{video.pk}/{video.filename}",
            f"/media/{video.file.name}",
        ],
        "image": [
            f"/learning/images/{image.pk}/segment/",
            f"/learning/images/{image.pk}/hero/",
            rendition.url,
            f"/media/{rendition.file.name}",
            f"/media/images/{rendition_name}",
            f"/media/{image.file.name}",
        ],
    }


def refused(response):
    if response.status_code == 302:
        return "/accounts/login/" in response["Location"]
    return response.status_code in (403, 404)


@pytest.mark.parametrize("kind", ["document", "audio", "video", "image"])
@pytest.mark.parametrize("debug", [False, True], ids=["production", "runserver"])
def test_anonymous_visitors_and_non_members_get_no_private_file_by_any_address(
    private_files, kind, debug, settings, client, a_non_member
):
    # With DEBUG on, /media/ is answered by the development file serving: it must refuse too.
    settings.DEBUG = debug
    for visitor in (None, a_non_member):
        if visitor is not None:
            client.force_login(visitor)
        for url in every_address(private_files)[kind]:
            response = client.get(url)
            assert refused(response), f"{url} answered {response.status_code} to {visitor or 'an anonymous visitor'}"
            assert "X-Accel-Redirect" not in response


@pytest.mark.parametrize("kind", ["document", "audio", "video", "image"])
def test_members_get_each_private_file_at_its_app_address(private_files, kind, client, a_member):
    client.force_login(a_member)
    app_urls = [url for url in every_address(private_files)[kind] if not url.startswith("/media/")]
    if kind == "audio":
        # Podcast audio follows an episode; this recording is in none, so only its library address plays.
        app_urls.remove(f"/podcast-audio/{private_files['audio'].pk}/{private_files['audio'].filename}")
    stored = private_files["rendition" if kind == "image" else kind].file
    for url in app_urls:
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code} to a member"
        assert "private" in response["Cache-Control"]
        if url.startswith("/learning/images/"):
            assert response["Content-Type"] == "image/png"
        else:
            assert body(response) == stored.open("rb").read()


def test_private_renditions_are_filed_outside_the_public_folder_and_public_ones_stay_plain(private_files, settings):
    public = get_image_model().objects.create(
        title="Open day", collection=Collection.get_first_root_node(), file=ImageFile(io.BytesIO(png_bytes()), "a.png")
    )
    public_rendition = public.get_rendition("max-165x165")
    assert public_rendition.url == f"/media/{public_rendition.file.name}"
    assert public_rendition.file.name.startswith("images/")
    assert private_files["rendition"].file.name.startswith("private_images/")
    assert private_files["rendition"].url.startswith("/private-images/")

    settings.DEBUG = True
    from django.test import Client

    assert Client().get(public_rendition.url).status_code == 200


def test_moving_an_image_into_a_private_collection_retires_its_public_renditions(members_only):
    image = get_image_model().objects.create(title="Hero", file=ImageFile(io.BytesIO(png_bytes()), name="hero.png"))
    assert image.get_rendition("max-165x165").file.name.startswith("images/")

    image.collection = members_only
    image.save()

    assert not image.renditions.filter(file__startswith="images/").exists()
    assert image.get_rendition("max-165x165").file.name.startswith("private_images/")


def test_making_a_collection_private_retires_the_public_renditions_of_its_images():
    collection = Collection.get_first_root_node().add_child(name="Course pictures")
    image = get_image_model().objects.create(
        title="Hero", collection=collection, file=ImageFile(io.BytesIO(png_bytes()), name="hero.png")
    )
    public_name = image.get_rendition("max-165x165").file.name
    assert public_name.startswith("images/")

    CollectionViewRestriction.objects.create(collection=collection, restriction_type=CollectionViewRestriction.LOGIN)

    assert not image.renditions.filter(file=public_name).exists()
    assert image.get_rendition("max-165x165").file.name.startswith("private_images/")


def test_a_bulk_move_into_a_private_collection_retires_public_renditions(members_only, admin_client):
    image = get_image_model().objects.create(title="Hero", file=ImageFile(io.BytesIO(png_bytes()), name="hero.png"))
    image.get_rendition("max-165x165")

    response = admin_client.post(
        f"/admin/bulk/cms/creditedimage/add_to_collection/?id={image.pk}", {"collection": members_only.pk}
    )

    assert response.status_code == 302
    image.refresh_from_db()
    assert image.collection == members_only
    assert not image.renditions.filter(file__startswith="images/").exists()


def test_an_editor_previews_a_members_only_video_in_the_admin(private_files, client, an_editor):
    video = private_files["video"]
    assert video.url == f"/media-files/{video.pk}/{video.filename}"
    client.force_login(an_editor)
    assert client.get(video.url).status_code == 200


# --- Production: the app decides, nginx sends ----------------------------------------------------


@pytest.mark.parametrize("kind", ["document", "audio", "video", "rendition"])
def test_with_accel_on_the_app_answers_with_x_accel_redirect_and_no_bytes(
    private_files, kind, settings, client, a_member
):
    settings.PROTECTED_MEDIA_ACCEL = True
    item = private_files[kind]
    url = {
        "document": lambda: item.url,
        "audio": lambda: f"/media-files/{item.pk}/{item.filename}",
        "video": lambda: f"/learning/videos/{item.pk}/",
        "rendition": lambda: item.url,
    }[kind]()
    assert refused(client.get(url))

    client.force_login(a_member)
    response = client.get(url, headers={"Range": "bytes=0-9"})

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == ACCEL_PREFIX + item.file.name
    assert body(response) == b""
    assert "private" in response["Cache-Control"]
    # nginx answers the range itself: the app neither streams nor claims a Content-Range.
    assert "Content-Range" not in response


# --- One byte-range implementation ---------------------------------------------------------------


def test_a_range_of_a_segment_video_gets_206_with_those_bytes(private_files, client, a_member):
    video = private_files["video"]
    content = video.file.open("rb").read()
    client.force_login(a_member)

    response = client.get(f"/learning/videos/{video.pk}/", headers={"Range": "bytes=100-"})

    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-{len(content) - 1}/{len(content)}"
    assert body(response) == content[100:]
    assert response["Accept-Ranges"] == "bytes"


def test_if_range_and_etag_are_honoured_for_library_media(private_files, client, a_member):
    audio = private_files["audio"]
    url = f"/media-files/{audio.pk}/{audio.filename}"
    client.force_login(a_member)
    etag = client.head(url)["ETag"]

    assert client.get(url, headers={"Range": "bytes=0-9", "If-Range": etag}).status_code == 206
    stale = client.get(url, headers={"Range": "bytes=0-9", "If-Range": '"an-older-file"'})
    assert stale.status_code == 200 and len(body(stale)) == audio.file.size
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304


def test_no_second_byte_range_implementation_survives():
    """Only cms/protected_media.py reads Range headers or writes Content-Range."""
    readers = []
    for path in ROOT.glob("*/**/*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith((".venv/", "tests/", "bench/", "ops/")):
            continue
        text = path.read_text()
        if "Content-Range" in text or 'headers.get("Range")' in text or "HTTP_RANGE" in text:
            readers.append(relative)
    assert readers == ["cms/protected_media.py"]
