"""The admin screens editors use for the course: the segment's video chooser and the exercise listing."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtailmedia.widgets import AdminVideoChooser

from cms.models import SiteMedia
from learning.models import SegmentPage
from tests.blog.factories import make_audio
from tests.blog.test_podcast_media import mp4
from tests.learning.factories import make_exercise

pytestmark = pytest.mark.django_db


def make_video(title="Warm-up clip"):
    video = SiteMedia(title=title, type="video")
    video.file.save("clip.mp4", ContentFile(mp4(b"vide", b"soun")), save=False)
    video.save()
    return video


@pytest.fixture
def an_admin(django_user_model):
    return django_user_model.objects.create_superuser("admin-x", "admin-x@example.org", "not-the-demo-password")


def test_the_segments_uploaded_video_chooser_offers_videos_only(client, an_admin):
    make_video("Warm-up clip")
    make_audio("Podcast episode audio")
    form_class = SegmentPage.get_edit_handler().get_form_class()
    widget = form_class.base_fields["video"].widget
    assert isinstance(widget, AdminVideoChooser)

    client.force_login(an_admin)
    response = client.get(widget.get_chooser_modal_url())
    html = response.json()["html"]
    assert "Warm-up clip" in html
    assert "Podcast episode audio" not in html


def test_a_segment_refuses_an_audio_item_as_its_video(a_course):
    segment = SegmentPage.objects.first()
    segment.video = make_audio("Podcast episode audio")
    with pytest.raises(ValidationError) as refused:
        segment.clean()
    assert "Choose a video, not an audio item." in str(refused.value)


def test_the_exercise_listing_has_a_language_column_and_a_locale_filter(client, an_admin, english, spanish):
    make_exercise(16, "Key Observations", locale=english)
    make_exercise(16, "Observaciones clave", locale=spanish)
    client.force_login(an_admin)
    listing = reverse("wagtailsnippets_learning_exercise:list")

    soup = BeautifulSoup(client.get(listing, {"locale": ""}).content, "html.parser")
    headings = [th.get_text(" ", strip=True) for th in soup.select("table.listing thead th")]
    assert "Locale" in headings
    rows = {row.get_text(" ", strip=True) for row in soup.select("table.listing tbody tr")}
    assert any("Key Observations" in row and "English" in row for row in rows)
    assert any("Observaciones clave" in row and "Spanish" in row for row in rows)

    spanish_only = client.get(listing, {"locale": "es"}).content.decode()
    assert "Observaciones clave" in spanish_only and "Key Observations" not in spanish_only
