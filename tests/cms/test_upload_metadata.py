"""A phone photo with GPS and camera tags, uploaded by every route: nothing of them is stored or served."""

import io
import struct

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import override_settings
from PIL import Image, PngImagePlugin

from cms.models import CreditedImage

pytestmark = pytest.mark.django_db

SECRETS = (b"Canon", b"EOS R5 Secret", b"XMP-STREET-NAME", b"IPTC-HOME-TOWN")
GPS_IFD = 0x8825
ORIENTATION, MAKE, MODEL = 0x0112, 0x010F, 0x0110
ROTATE_90_CLOCKWISE = 6


def phone_photo(image_format="JPEG"):
    """A 40 × 20 picture whose camera says "turn me 90° clockwise": red left half, blue right half.

    It carries GPS coordinates, Make/Model, an XMP packet and (JPEG only) an IPTC block.
    """
    image = Image.new("RGB", (40, 20), "blue")
    image.paste((255, 0, 0), (0, 0, 20, 20))
    exif = Image.Exif()
    exif[ORIENTATION] = ROTATE_90_CLOCKWISE
    exif[MAKE] = "Canon"
    exif[MODEL] = "EOS R5 Secret"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (40.0, 26.0, 46.0), 3: "W", 4: (79.0, 58.0, 56.0)})
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>XMP-STREET-NAME</rdf:Description></x:xmpmeta>'
    extra = {"JPEG": {"xmp": xmp, "quality": 95}, "WEBP": {"xmp": xmp}, "PNG": {"pnginfo": PngImagePlugin.PngInfo()}}
    if image_format == "PNG":
        extra["PNG"]["pnginfo"].add_itxt("XML:com.adobe.xmp", xmp.decode())
    output = io.BytesIO()
    image.save(output, format=image_format, exif=exif, **extra[image_format])
    data = output.getvalue()
    if image_format == "JPEG":
        # An APP13 "Photoshop 3.0" segment, where IPTC captions and locations live, right after SOI.
        payload = b"Photoshop 3.0\x00" + b"8BIM\x04\x04\x00\x00" + struct.pack(">I", 14) + b"IPTC-HOME-TOWN"
        data = data[:2] + b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload + data[2:]
    for secret in SECRETS if image_format == "JPEG" else SECRETS[:-1]:
        assert secret in data, "the test photo carries what a phone's does"
    with Image.open(io.BytesIO(data)) as photo:
        assert photo.getexif().get_ifd(GPS_IFD)[2] == (40.0, 26.0, 46.0)
    return data


def assert_clean_and_upright(data, size=(20, 40)):
    for secret in SECRETS:
        assert secret not in data
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif()
        assert not image.getexif().get_ifd(GPS_IFD)
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "photoshop", "comment"} & set(image.info)
        assert image.size == size
        if size == (20, 40):
            # Turned upright: the red half, once on the left, is now at the top.
            red, _green, blue = image.convert("RGB").getpixel((10, 5))
            assert red > 200 and blue < 60
            red, _green, blue = image.convert("RGB").getpixel((10, 35))
            assert blue > 200 and red < 60


def test_an_admin_image_upload_keeps_no_gps_or_camera_tags_in_the_original_or_any_rendition(client, an_editor):
    client.force_login(an_editor)
    response = client.post(
        "/admin/images/add/",
        {"title": "Family walk", "file": SimpleUploadedFile("walk.jpg", phone_photo(), content_type="image/jpeg")},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = CreditedImage.objects.get(title="Family walk")
    assert (image.width, image.height) == (20, 40)
    with image.open_file() as stored:
        original = stored.read()
    assert image.file_size == len(original)
    assert_clean_and_upright(original)
    for spec, size in [("max-165x165", (20, 40)), ("fill-1200x630", None), ("original", (20, 40))]:
        rendition = image.get_rendition(spec)
        with rendition.file.open("rb") as stored:
            data = stored.read()
        assert_clean_and_upright(data, size or (rendition.width, rendition.height))


def test_the_multiple_upload_is_cleaned_too(client, an_editor):
    client.force_login(an_editor)
    response = client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("walk.jpg", phone_photo(), content_type="image/jpeg")},
    )
    assert response.status_code == 200
    (image,) = CreditedImage.objects.all()
    with image.open_file() as stored:
        assert_clean_and_upright(stored.read())


def uploaded_through_django(data, name, content_type, *, max_memory=2_621_440):
    """What any view of the site receives in request.FILES for this upload."""
    received = {}

    def view(request):
        received["file"] = request.FILES["file"].read()
        return HttpResponse()

    with override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=max_memory):
        request = RequestFactory().post("/any-future-form/", {"file": SimpleUploadedFile(name, data, content_type)})
        view(request)
    return received["file"]


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_any_form_receives_pictures_without_metadata(image_format):
    data = uploaded_through_django(phone_photo(image_format), f"photo.{image_format.lower()}", "image/x")
    assert_clean_and_upright(data)


def test_large_uploads_written_to_disk_are_cleaned_too():
    data = uploaded_through_django(phone_photo(), "photo.jpg", "image/jpeg", max_memory=100)
    assert_clean_and_upright(data)


def test_files_that_are_not_pictures_arrive_unchanged():
    document = b"%PDF-1.4 not a picture at all"
    assert uploaded_through_django(document, "leaflet.pdf", "application/pdf") == document


def test_a_members_avatar_upload_keeps_nothing_either(client, make_user):
    from django.contrib.auth.models import Group

    Group.objects.get_or_create(name="Members")
    member = make_user("quiet_harbor", "Members")
    client.force_login(member)
    page = client.get("/members/me/")
    assert page.status_code == 200
    form = page.context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None and name != "avatar"}
    data["avatar"] = SimpleUploadedFile("me.jpg", phone_photo(), content_type="image/jpeg")
    response = client.post("/members/me/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    member.member_profile.refresh_from_db()
    with member.member_profile.avatar.open("rb") as stored:
        assert_clean_and_upright(stored.read(), size=(256, 256))


def test_images_stored_before_uploads_were_cleaned_are_cleaned_by_a_command(django_capture_on_commit_callbacks):
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    image = CreditedImage.objects.create(title="Old upload", file=ContentFile(phone_photo(), name="old.jpg"))
    old_name, storage = image.file.name, image.file.storage
    assert image.get_rendition("max-165x165")
    output = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("strip_image_metadata", stdout=output)
    assert "1 of 1 images cleaned." in output.getvalue()
    image.refresh_from_db()
    assert (image.width, image.height) == (20, 40)
    assert not image.renditions.exists(), "renditions made from the old file are gone"
    assert not storage.exists(old_name)
    with image.open_file() as stored:
        assert_clean_and_upright(stored.read())
    rendition = image.get_rendition("max-165x165")
    with rendition.file.open("rb") as stored:
        assert_clean_and_upright(stored.read())

    again = io.StringIO()
    call_command("strip_image_metadata", stdout=again)
    assert "0 of 1 images cleaned." in again.getvalue()


def test_a_clean_upload_is_stored_as_it_came():
    output = io.BytesIO()
    Image.new("RGB", (30, 30), "green").save(output, format="JPEG", quality=70)
    assert uploaded_through_django(output.getvalue(), "plain.jpg", "image/jpeg") == output.getvalue()
