"""Members edit their own profile at /members/me/: limits, clear errors, safe pictures."""

import io
import os
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from members.avatars import AVATAR_SIZE
from members.models import BIO_MAX_LENGTH, Relationship

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _test_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def profile_data(**changes):
    data = {
        "display_name": "Quiet Harbor",
        "relationship": Relationship.PARENT,
        "bio": "",
        "preferred_language": "en",
        "show_in_directory": "on",
        "notify_replies": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def photo_with_location(size=(800, 600)):
    """A JPEG carrying EXIF data, as a phone photo would (GPS, camera model)."""
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "Phone Maker"  # Make
    exif[0x0110] = "Phone Camera 12"  # Model
    exif[0x013B] = "A. Real Name"  # Artist: exactly what a pseudonymous member must not leak
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif)
    assert Image.open(io.BytesIO(output.getvalue())).getexif()[0x013B] == "A. Real Name"
    return SimpleUploadedFile("holiday.jpg", output.getvalue(), content_type="image/jpeg")


def png_claiming_size(width, height):
    """A tiny PNG whose header declares huge dimensions: a decompression bomb in a few bytes."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00")) + chunk(b"IEND", b"")
    return SimpleUploadedFile("bomb.png", body, content_type="image/png")


def test_anonymous_visitors_are_sent_to_log_in(client):
    for path in ["/members/me/", "/members/me/data/", "/members/me/delete/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")


def test_members_update_their_profile(member_client, a_member):
    response = member_client.post(
        "/members/me/",
        profile_data(
            display_name="  Calm   Harbor ",
            relationship=Relationship.ADULT_CHILD,
            bio="Trying the communication skills this week.",
            preferred_language="es",
            show_in_directory=None,
            notify_replies=None,
        ),
    )
    assert response.status_code == 302
    profile = a_member.member_profile
    profile.refresh_from_db()
    assert profile.display_name == "Calm Harbor"
    assert profile.relationship == Relationship.ADULT_CHILD
    assert profile.preferred_language == "es"
    assert profile.show_in_directory is False
    assert profile.notify_replies is False


def test_a_cleared_display_name_falls_back_to_the_username_never_the_email(member_client, a_member):
    member_client.post("/members/me/", profile_data(display_name=""))
    a_member.member_profile.refresh_from_db()
    assert a_member.member_profile.public_name == "quiet_harbor"
    assert "quiet_harbor@example.org" not in member_client.get("/members/quiet_harbor/").content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"bio": "x" * (BIO_MAX_LENGTH + 1)}, "bio", "Ensure this value has at most 600 characters"),
        ({"display_name": "x" * 51}, "display_name", "Ensure this value has at most 50 characters"),
        ({"display_name": "me@example.org"}, "display_name", "Please do not use an email address"),
        ({"display_name": "Moderator"}, "display_name", "is reserved for the site and its team"),
        ({"relationship": "enemy"}, "relationship", "Select a valid choice"),
        ({"preferred_language": "fr"}, "preferred_language", "Select a valid choice"),
    ],
)
def test_profile_errors_are_clear(member_client, changes, field, message):
    response = member_client.post("/members/me/", profile_data(**changes))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])


def test_profile_errors_are_in_spanish_on_the_spanish_site(member_client):
    response = member_client.post("/es/miembros/mi-perfil/", profile_data(display_name="me@example.org"))
    assert "No use una dirección de correo electrónico" in response.content.decode()


def test_a_picture_is_cropped_to_a_small_square_without_its_metadata(member_client, a_member):
    response = member_client.post("/members/me/", {**profile_data(), "avatar": photo_with_location()})
    assert response.status_code == 302
    profile = a_member.member_profile
    profile.refresh_from_db()
    assert profile.avatar.name.endswith(".webp")
    assert "holiday" not in profile.avatar.name
    with Image.open(profile.avatar.path) as stored:
        assert stored.size == (AVATAR_SIZE, AVATAR_SIZE)
        assert stored.format == "WEBP"
        assert not stored.getexif()
        assert "exif" not in stored.info
    served = member_client.get("/members/quiet_harbor/picture/")
    assert served.status_code == 200
    assert served["Content-Type"] == "image/webp"
    assert "private" in served["Cache-Control"]


def test_replacing_a_picture_deletes_the_old_file(member_client, a_member, django_capture_on_commit_callbacks):
    member_client.post("/members/me/", {**profile_data(), "avatar": photo_with_location()})
    a_member.member_profile.refresh_from_db()
    first = a_member.member_profile.avatar.path
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post("/members/me/", {**profile_data(), "avatar": photo_with_location((300, 900))})
    a_member.member_profile.refresh_from_db()
    assert a_member.member_profile.avatar.path != first
    assert not os.path.exists(first)


def test_a_file_that_is_not_an_image_is_refused_clearly(member_client, a_member):
    fake = SimpleUploadedFile("notes.jpg", b"These are my private notes, not a picture.", content_type="image/jpeg")
    response = member_client.post("/members/me/", {**profile_data(), "avatar": fake})
    assert response.status_code == 200
    assert response.context["form"].errors["avatar"] == [
        "This file is not a picture we can read. Please upload a JPEG, PNG, WebP or GIF image."
    ]
    a_member.member_profile.refresh_from_db()
    assert not a_member.member_profile.avatar


def test_a_decompression_bomb_is_refused_before_it_is_decoded(member_client, a_member):
    response = member_client.post("/members/me/", {**profile_data(), "avatar": png_claiming_size(50_000, 50_000)})
    assert response.status_code == 200
    assert response.context["form"].errors["avatar"] == ["This picture is too large. Please upload a smaller one."]


def test_a_picture_with_too_many_pixels_is_refused_with_its_size(member_client, a_member):
    response = member_client.post("/members/me/", {**profile_data(), "avatar": png_claiming_size(9000, 9000)})
    assert response.context["form"].errors["avatar"] == [
        "This picture is 9000 × 9000 pixels, which is too large. Please upload a smaller one."
    ]
    a_member.member_profile.refresh_from_db()
    assert not a_member.member_profile.avatar


def test_a_huge_picture_is_refused_in_spanish_too(member_client):
    response = member_client.post(
        "/es/miembros/mi-perfil/", {**profile_data(), "avatar": png_claiming_size(9000, 9000)}
    )
    assert "demasiado grande" in response.content.decode()


def test_the_data_download_carries_the_members_own_picture(member_client, a_member):
    import base64
    import json

    member_client.post("/members/me/", {**profile_data(), "avatar": photo_with_location()})
    picture = json.loads(member_client.get("/members/me/data/").content)["profile"]["picture"]
    assert picture.startswith("data:image/webp;base64,")
    with Image.open(io.BytesIO(base64.b64decode(picture.split(",", 1)[1]))) as exported:
        assert exported.size == (AVATAR_SIZE, AVATAR_SIZE)


@pytest.mark.parametrize(("language", "label"), [("en", "Always open"), ("es", "Siempre abiertos")])
def test_members_choose_to_always_open_passages_with_a_content_note(member_client, a_member, language, label):
    profile_url = "/es/miembros/mi-perfil/" if language == "es" else "/members/me/"
    form = member_client.get(profile_url).content.decode()
    assert label in form and 'name="expand_content_notes"' in form
    assert member_client.post("/members/me/", profile_data(expand_content_notes="True")).status_code == 302
    a_member.member_profile.refresh_from_db()
    assert a_member.member_profile.expand_content_notes is True
    # Left out of the form (an older page), the choice falls back to collapsed rather than an error.
    assert member_client.post("/members/me/", profile_data()).status_code == 302
    a_member.member_profile.refresh_from_db()
    assert a_member.member_profile.expand_content_notes is False
