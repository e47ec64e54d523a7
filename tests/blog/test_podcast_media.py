import struct
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import PageViewRestriction

from cms.models import SiteMedia
from cms.protected_media import UnsatisfiableRange, parse_byte_range
from demo.media import tone_wav

from .factories import make_audio, make_episode, make_podcast

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def an_episode(a_home_page):
    return make_episode(make_podcast(a_home_page), 1, audio=make_audio(seconds=2))


def body(response):
    return b"".join(response.streaming_content)


# --- What the media library reads from the file ---------------------------------------------------


def test_duration_size_and_type_are_read_from_the_audio_file():
    audio = make_audio(seconds=2.5)
    audio.refresh_from_db()
    assert audio.duration == 2.5
    assert audio.file_size == len(tone_wav(2.5)) == audio.file.size
    assert audio.mime_type == "audio/wav"


def test_uploading_a_file_that_is_not_audio_gives_a_clear_error(admin_client):
    response = admin_client.post(
        "/admin/media/audio/add/",
        {
            "title": "My notes",
            "file": SimpleUploadedFile("notes.mp3", b"These are my notes, not a recording.", "audio/mpeg"),
            "collection": 1,
        },
    )
    assert response.status_code == 200
    assert "This file is not an audio or video file we can read." in response.content.decode()
    assert not SiteMedia.objects.exists()


def test_uploading_real_audio_in_the_admin_measures_it(admin_client):
    response = admin_client.post(
        "/admin/media/audio/add/",
        {"title": "Interview", "file": SimpleUploadedFile("interview.wav", tone_wav(1), "audio/wav"), "collection": 1},
    )
    assert response.status_code == 302
    audio = SiteMedia.objects.get()
    assert (audio.type, audio.duration, audio.file_size) == ("audio", 1.0, len(tone_wav(1)))


def atom(kind, *children, data=b""):
    body = data + b"".join(children)
    return struct.pack(">I", 8 + len(body)) + kind + body


def track(handler, seconds=2, timescale=1000):
    """An MP4 track with the boxes that tell what it holds: its handler ("soun" or "vide") and length."""
    mdhd = atom(b"mdhd", data=struct.pack(">IIIII", 0, 0, 0, timescale, seconds * timescale) + b"\x55\xc4\x00\x00")
    hdlr = atom(b"hdlr", data=b"\x00" * 8 + handler + b"\x00" * 12 + b"track\x00")
    return atom(b"trak", atom(b"mdia", mdhd, hdlr))


def mp4(*handlers):
    """An MP4 (ISO BMFF) file with one track per handler, as a phone or camera writes the boxes."""
    mvhd = atom(b"mvhd", data=struct.pack(">IIIII", 0, 0, 0, 1000, 2000) + b"\x00" * 80)
    return atom(b"ftyp", data=b"isom\x00\x00\x02\x00isomiso2mp41") + atom(
        b"moov", mvhd, *(track(handler) for handler in handlers)
    )


def upload(admin_client, name, content, content_type):
    return admin_client.post(
        "/admin/media/audio/add/",
        {"title": name, "file": SimpleUploadedFile(name, content, content_type), "collection": 1},
    )


@pytest.mark.parametrize(
    ("name", "mime_type"),
    # Made with libsndfile 1.2 (LAME and libvorbis): one second of a 440 Hz tone, mono, 22,050 Hz.
    [("tone.mp3", "audio/mpeg"), ("tone.ogg", "audio/ogg")],
)
def test_mp3_and_ogg_uploads_get_the_standard_mime_types_feeds_need(admin_client, name, mime_type):
    content = (FIXTURES / name).read_bytes()

    response = upload(admin_client, name, content, "application/octet-stream")

    assert response.status_code == 302
    audio = SiteMedia.objects.get()
    assert (audio.mime_type, audio.duration, audio.file_size) == (mime_type, 1.0, len(content))


def test_an_m4a_recording_is_audio_in_an_mp4_container(admin_client):
    response = upload(admin_client, "interview.m4a", mp4(b"soun"), "audio/mp4")

    assert response.status_code == 302
    audio = SiteMedia.objects.get()
    assert (audio.type, audio.mime_type, audio.duration) == ("audio", "audio/mp4", 2.0)


@pytest.mark.parametrize(
    ("name", "error"),
    [
        # wagtailmedia refuses the video extensions for audio items...
        ("clip.mp4", "File extension “mp4” is not allowed."),
        # ...and the picture track gives away a video renamed to an audio extension.
        ("clip.m4a", "This is a video file. Upload it as a video, or choose an audio file for this item."),
    ],
)
def test_a_video_uploaded_as_audio_is_refused_whatever_its_name(admin_client, name, error):
    response = upload(admin_client, name, mp4(b"vide", b"soun"), "audio/mp4")

    assert response.status_code == 200
    assert error in str(response.context["form"].errors)
    assert not SiteMedia.objects.exists()


def test_the_same_video_is_accepted_as_a_video_item_with_a_video_type():
    video = SiteMedia(title="Clip", type="video")
    video.file.save("clip.mp4", ContentFile(mp4(b"vide", b"soun")), save=False)
    video.full_clean()
    video.save()
    assert video.mime_type == "video/mp4"


# --- Range requests ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-99", (0, 99)),
        ("bytes=100-", (100, 999)),
        ("bytes=-100", (900, 999)),
        ("bytes=-5000", (0, 999)),
        ("bytes=990-5000", (990, 999)),
        ("bytes=0-1,5-9", None),
        ("bytes=9-1", None),
        ("items=0-9", None),
        ("", None),
        (None, None),
    ],
)
def test_byte_ranges_are_read_as_rfc_9110_says(header, expected):
    assert parse_byte_range(header, 1000) == expected


@pytest.mark.parametrize("header", ["bytes=1000-", "bytes=-0"])
def test_a_range_past_the_end_cannot_be_satisfied(header):
    with pytest.raises(UnsatisfiableRange):
        parse_byte_range(header, 1000)


def test_the_whole_file_is_served_with_accept_ranges(an_episode, client):
    response = client.get(an_episode.audio_url())
    content = an_episode.audio.file.open("rb").read()
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "audio/wav"
    assert response["Content-Length"] == str(len(content))
    assert body(response) == content


def test_a_range_request_gets_206_with_exactly_those_bytes(an_episode, client):
    content = an_episode.audio.file.open("rb").read()

    response = client.get(an_episode.audio_url(), HTTP_RANGE="bytes=1000-1999")

    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 1000-1999/{len(content)}"
    assert response["Content-Length"] == "1000"
    assert response["Accept-Ranges"] == "bytes"
    assert body(response) == content[1000:2000]


def test_an_open_ended_range_runs_to_the_end_of_the_file(an_episode, client):
    content = an_episode.audio.file.open("rb").read()
    response = client.get(an_episode.audio_url(), HTTP_RANGE="bytes=30000-")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 30000-{len(content) - 1}/{len(content)}"
    assert body(response) == content[30000:]


def test_a_range_beyond_the_file_gets_416(an_episode, client):
    size = an_episode.audio.file_size
    response = client.get(an_episode.audio_url(), HTTP_RANGE=f"bytes={size}-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{size}"


def test_a_range_for_an_older_version_of_the_file_gets_the_whole_new_file(an_episode, client):
    response = client.get(an_episode.audio_url(), HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"an-older-etag"')
    assert response.status_code == 200
    assert len(body(response)) == an_episode.audio.file_size


def test_a_range_that_still_matches_the_etag_is_honoured(an_episode, client):
    etag = client.head(an_episode.audio_url())["ETag"]
    response = client.get(an_episode.audio_url(), HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=etag)
    assert response.status_code == 206
    assert len(body(response)) == 10


def test_head_tells_the_size_without_the_body(an_episode, client):
    response = client.head(an_episode.audio_url(), HTTP_RANGE="bytes=0-9")
    assert response.status_code == 206
    assert response["Content-Length"] == "10"
    assert response.content == b""


def test_an_unchanged_file_gets_304(an_episode, client):
    etag = client.head(an_episode.audio_url())["ETag"]
    assert client.get(an_episode.audio_url(), HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_the_download_link_asks_the_browser_to_save_the_file(an_episode, client):
    response = client.get(an_episode.audio_download_url())
    assert response["Content-Disposition"] == f'attachment; filename="{an_episode.audio.filename}"'


def test_public_audio_may_be_cached_by_shared_caches(an_episode, client):
    assert "public" in client.head(an_episode.audio_url())["Cache-Control"]


def test_only_post_like_methods_are_refused(an_episode, client):
    assert client.post(an_episode.audio_url()).status_code == 405


def test_a_wrong_file_name_is_not_found(an_episode, client):
    assert client.get(f"/podcast-audio/{an_episode.audio.pk}/other.wav").status_code == 404


# --- Audio follows its episode's privacy ----------------------------------------------------------


def test_a_draft_episodes_audio_is_not_served_to_visitors_but_plays_for_editors(an_episode, client, an_editor):
    an_episode.unpublish()
    assert client.get(an_episode.audio_url()).status_code == 404
    client.force_login(an_editor)
    assert client.get(an_episode.audio_url()).status_code == 200


def test_a_members_only_episodes_audio_is_hidden_from_anonymous_visitors(an_episode, client, make_user):
    PageViewRestriction.objects.create(page=an_episode, restriction_type=PageViewRestriction.GROUPS).groups.add(
        make_user("a-member", "Members").groups.get()
    )
    assert client.get(an_episode.audio_url()).status_code == 404

    client.force_login(make_user("another-member", "Members"))
    response = client.get(an_episode.audio_url(), HTTP_RANGE="bytes=0-9")
    assert response.status_code == 206
    assert "private" in response["Cache-Control"]


def test_a_video_is_not_served_as_podcast_audio(an_episode, client):
    SiteMedia.objects.filter(pk=an_episode.audio.pk).update(type="video")
    assert client.get(an_episode.audio_url()).status_code == 404


def test_a_members_only_episodes_audio_is_hidden_at_its_media_library_address_too(an_episode, client, make_user):
    PageViewRestriction.objects.create(page=an_episode, restriction_type=PageViewRestriction.GROUPS).groups.add(
        make_user("a-member", "Members").groups.get()
    )
    library_url = an_episode.audio.url
    assert library_url == f"/media-files/{an_episode.audio.pk}/{an_episode.audio.filename}"
    assert client.get(library_url).status_code == 404

    client.force_login(make_user("another-member", "Members"))
    assert client.get(library_url).status_code == 200
