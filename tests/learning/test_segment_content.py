"""What a member sees in a module and a segment: the body blocks, images, video and module details."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.models import Locale

from home.models import StandardPage
from learning.models import SegmentPage

from .factories import add_segment, make_exercise, module, segment, spanish_for_module

pytestmark = pytest.mark.django_db

SEGMENT_URL = "/learning/module-1/segment-3/"


def make_image(title="Two people talking", credit="© Jane Doe", size=(1200, 600)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (40, 120, 90)).save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title, credit=credit, file=ImageFile(io.BytesIO(buffer.getvalue()), name="talking.png")
    )


@pytest.fixture
def an_image():
    return make_image()


@pytest.fixture
def a_rich_segment(a_course, an_image):
    exercise = make_exercise()
    body = [
        ("key_points", {"heading": "Remember", "points": ["Stay calm", "Notice the good moments"]}),
        ("callout", {"tone": "tip", "heading": "", "text": "<p>Pick a calm moment to talk.</p>"}),
        ("callout", {"tone": "safety", "heading": "", "text": "<p>Leave if you feel unsafe.</p>"}),
        ("quote", {"quote": "Small steps add up.", "attribution": "A CRAFT parent"}),
        ("image", {"image": an_image, "alt_text": "Two people at a table", "caption": "Talking calmly"}),
        ("try_this", {"heading": "Try this week", "prompt": "<p>Thank them for one thing today.</p>"}),
        ("exercise", {"exercise": exercise}),
    ]
    return add_segment(module(1), 3, body=body)


@pytest.fixture
def member_client(client, a_member):
    client.force_login(a_member)
    return client


def segment_html(member_client, url=SEGMENT_URL):
    response = member_client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_key_points_render_as_a_list_under_their_heading(a_rich_segment, member_client):
    html = segment_html(member_client)
    assert "Remember" in html
    assert "<li>Stay calm</li>" in html and "<li>Notice the good moments</li>" in html


def test_tip_and_safety_callouts_are_told_apart_in_words_not_colour_alone(a_rich_segment, member_client):
    html = segment_html(member_client)
    assert "callout--tip" in html and "Pick a calm moment to talk." in html
    assert "callout--safety" in html and "Leave if you feel unsafe." in html
    assert '<p class="callout__kind">Tip</p>' in html and '<p class="callout__kind">Safety</p>' in html


def test_a_quote_renders_with_its_attribution(a_rich_segment, member_client):
    html = segment_html(member_client)
    assert "Small steps add up." in html and "A CRAFT parent" in html


def test_an_image_renders_with_its_alt_text_caption_and_credit(a_rich_segment, member_client, an_image):
    html = segment_html(member_client)
    assert f'src="/learning/images/{an_image.pk}/segment/"' in html
    assert 'alt="Two people at a table"' in html
    assert 'width="800" height="400"' in html
    assert "Talking calmly" in html and "Image: © Jane Doe" in html


def test_a_try_this_prompt_renders_its_heading_and_practice(a_rich_segment, member_client):
    html = segment_html(member_client)
    assert "Try this week" in html and "Thank them for one thing today." in html


def test_an_exercise_block_places_the_exercise_with_the_journal_form(a_rich_segment, member_client):
    html = segment_html(member_client)
    assert '<span class="exercise__number">Exercise #16</span>' in html and "Key Observations" in html
    assert "Watch for the good moments." in html
    assert "What did you notice this week?" in html
    assert 'action="/learning/exercise-16/"' in html


def test_a_segment_references_no_public_media_url_for_its_images(a_rich_segment, member_client, an_image):
    html = segment_html(member_client)
    assert "/media/" not in html
    assert an_image.file.url not in html
    assert not an_image.renditions.exists()  # no public rendition file was even written


def test_segment_images_are_refused_to_anonymous_visitors_and_non_members(a_rich_segment, client, make_user, an_image):
    url = f"/learning/images/{an_image.pk}/segment/"
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(make_user("carla"))
    assert client.get(url).status_code == 403


def test_a_member_is_served_the_segment_image_privately(a_rich_segment, member_client, an_image):
    response = member_client.get(f"/learning/images/{an_image.pk}/segment/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "private" in response["Cache-Control"]
    assert PILImage.open(io.BytesIO(response.content)).size == (800, 400)
    again = member_client.get(f"/learning/images/{an_image.pk}/segment/", headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    assert not an_image.renditions.exists()


def test_the_image_view_renders_only_the_sizes_the_course_uses(a_rich_segment, member_client, an_image):
    assert member_client.get(f"/learning/images/{an_image.pk}/original/").status_code == 404


def test_an_external_video_is_a_labelled_link_out_not_an_embed(a_course, member_client):
    page = segment(1, 1)
    page.video_url = "https://www.youtube.com/watch?v=abc123"
    page.save_revision().publish()
    html = segment_html(member_client, "/learning/module-1/segment-1/")
    assert "<iframe" not in html
    assert 'href="https://www.youtube.com/watch?v=abc123"' in html
    assert "Watch this video on youtube.com" in html
    assert 'target="_blank"' in html and "noopener" in html
    assert not Embed.objects.exists()  # nothing was fetched from the video service either


def test_the_module_page_shows_its_hero_credit_time_and_goals(a_course, member_client, an_image):
    page = module(1)
    page.hero_image = an_image
    page.estimated_minutes = 25
    page.learning_goals = [("goal", "Notice the good moments"), ("goal", "Reward them")]
    page.save_revision().publish()
    html = segment_html(member_client, "/learning/module-1/")
    assert f'src="/learning/images/{an_image.pk}/hero/"' in html and 'width="960" height="400"' in html
    assert "Image: © Jane Doe" in html
    assert "About 25 minutes" in html
    assert "In this module you will learn" in html
    assert "<li>Notice the good moments</li>" in html and "<li>Reward them</li>" in html
    assert "/media/" not in html


def test_hero_image_time_and_video_stay_synchronised_in_the_spanish_translation(
    a_bilingual_course, an_image, translate
):
    english_module = module(1)
    english_module.hero_image = an_image
    english_module.estimated_minutes = 35
    english_module.save_revision().publish()
    english_segment = segment(1, 1)
    english_segment.video_url = "https://vimeo.com/123"
    english_segment.save_revision().publish()
    translate(english_module, spanish_for_module(1))
    from .factories import spanish_for_segment

    translate(english_segment, spanish_for_segment(1, 1))
    spanish_module, spanish_segment = module(1, "es"), segment(1, 1, "es")
    assert spanish_module.hero_image_id == an_image.pk
    assert spanish_module.estimated_minutes == 35
    assert spanish_segment.video_url == "https://vimeo.com/123"
    assert spanish_segment.locale == Locale.objects.get(language_code="es")


def test_a_spanish_segment_links_out_to_its_synchronised_video(a_bilingual_course, client, a_member, translate):
    from .factories import spanish_for_segment

    english_segment = segment(1, 1)
    english_segment.video_url = "https://vimeo.com/123"
    english_segment.save_revision().publish()
    translate(english_segment, spanish_for_segment(1, 1))
    client.force_login(a_member)
    html = client.get("/es/aprendizaje/modulo-1/segmento-1/").content.decode()
    assert 'href="https://vimeo.com/123"' in html and "vimeo.com" in html
    assert "<iframe" not in html


def test_a_learning_reference_renders_in_a_standard_page(a_course, a_home_page, client):
    page = a_home_page.add_child(
        instance=StandardPage(
            title="About CRAFT",
            slug="about",
            body=[("learning_reference", {"page": segment(1, 2), "exercise": None, "link_text": ""})],
        )
    )
    html = client.get(page.url).content.decode()
    assert '<a href="/learning/module-1/segment-2/">Module 1, segment 2</a>' in html


def test_a_segment_body_can_reference_another_segment(a_course, member_client):
    add_segment(
        module(2),
        3,
        body=[("learning_reference", {"page": segment(1, 2), "exercise": None, "link_text": ""})],
    )
    html = segment_html(member_client, "/learning/module-2/segment-3/")
    assert '<a href="/learning/module-1/segment-2/">Module 1, segment 2: Segment text 1.2</a>' in html
    assert SegmentPage.objects.count() == 5
