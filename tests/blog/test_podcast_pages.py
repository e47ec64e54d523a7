import pytest
from django.db import transaction
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from blog.models import PodcastEpisodePage, PodcastIndexPage
from blog.models.podcasts import EPISODES_PER_PAGE, use_translated_recording
from home.models import HomePage

from .factories import INDEX_SPANISH, make_audio, make_episode, make_guest, make_podcast

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


class TestPodcastPageTree(WagtailPageTestCase):
    def test_the_podcast_index_sits_on_the_home_page_and_holds_only_episodes(self):
        self.assertAllowedParentPageTypes(PodcastIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(PodcastIndexPage, {PodcastEpisodePage})

    def test_episodes_sit_only_in_a_podcast_index_and_have_no_children(self):
        self.assertAllowedParentPageTypes(PodcastEpisodePage, {PodcastIndexPage})
        self.assertAllowedSubpageTypes(PodcastEpisodePage, set())

    def test_the_home_page_accepts_a_podcast_index(self):
        self.assertCanCreateAt(HomePage, PodcastIndexPage)
        self.assertCanNotCreateAt(Page, PodcastIndexPage)


def test_the_index_lists_public_live_episodes_newest_first_with_player_duration_and_guests(
    a_home_page, english, client
):
    podcast = make_podcast(a_home_page)
    guest = make_guest(english)
    make_episode(podcast, 1, audio=make_audio(seconds=2.5))
    make_episode(podcast, 2, guests=[guest])
    draft = make_episode(podcast, 3, title="Not ready yet")
    draft.unpublish()
    members_only = make_episode(podcast, 4, title="For members only")
    PageViewRestriction.objects.create(page=members_only, restriction_type=PageViewRestriction.LOGIN)

    html = client.get(podcast.url).content.decode()

    assert html.index("Episode about listening 2") < html.index("Episode about listening 1")
    assert "Not ready yet" not in html
    assert "For members only" not in html
    assert html.count('preload="none"') == 2
    assert 'datetime="PT3S">0:03</time>' in html, "2.5 seconds of audio round to 0:03"
    assert "Dr. Ana Ruiz (Family therapist)" in html
    assert f'href="{podcast.get_feed_url()}"' in html
    assert 'type="application/rss+xml"' in html


def test_the_index_paginates_its_episodes(a_home_page, client):
    podcast = make_podcast(a_home_page)
    audio = make_audio()
    for number in range(1, EPISODES_PER_PAGE + 3):
        make_episode(podcast, number, audio=audio)

    first = client.get(podcast.url).content.decode()
    second = client.get(podcast.url, {"page": 2}).content.decode()

    assert f"Episode about listening {EPISODES_PER_PAGE + 2}<" in first
    assert "Episode about listening 1<" not in first
    assert "Episode about listening 1<" in second
    assert "Page 2 of 2" in second


def test_the_index_costs_the_same_queries_for_2_and_12_episodes(
    a_home_page, english, client, django_assert_max_num_queries, production_caching
):
    podcast = make_podcast(a_home_page)
    audio = make_audio()
    guests = [make_guest(english, name=f"Guest {n}") for n in range(3)]

    def add_episodes(numbers):
        for number in numbers:
            make_episode(podcast, number, audio=audio, guests=guests)

    add_episodes(range(1, 3))
    client.get(podcast.url)  # the first request fills Wagtail's site cache: count the steady state
    with django_assert_max_num_queries(20) as small:
        response = client.get(podcast.url)
    assert response.content.decode().count("<audio") == 2
    add_episodes(range(3, 13))
    client.get(podcast.url)
    with django_assert_max_num_queries(20) as large:
        response = client.get(podcast.url)
    assert response.content.decode().count("<audio") == EPISODES_PER_PAGE

    assert len(large) == len(small), "\n".join(query["sql"] for query in large.captured_queries)


def test_an_episode_page_has_an_accessible_player_chapters_guests_notes_and_a_collapsible_transcript(
    a_home_page, english, client
):
    podcast = make_podcast(a_home_page)
    guest = make_guest(english)
    episode = make_episode(
        podcast,
        7,
        season_number=2,
        guests=[guest],
        show_notes=[
            ("chapter", {"minutes": 1, "seconds": 5, "title": "Why we listen first"}),
            ("paragraph", "<p>We talked about reflective listening.</p>"),
            ("resource_link", {"title": "Find treatment", "url": "https://findtreatment.gov/"}),
        ],
        transcript="<p>Host: what does listening change at home?</p>",
    )

    html = client.get(episode.url).content.decode()

    assert "Season 2, episode 7" in html
    assert f'src="{episode.audio_url()}"' in html
    assert 'preload="none"' in html and "controls" in html
    assert f'href="{episode.audio_download_url()}" download' in html
    assert 'data-seek="65"' in html and "Why we listen first" in html
    assert '<details class="podcast-transcript"' in html
    assert "what does listening change at home?" in html
    assert "Ana teaches CRAFT to families." in html
    assert "reflective listening" in html and 'href="https://findtreatment.gov/"' in html


def test_an_episode_whose_recording_was_deleted_still_shows_its_transcript(a_home_page, client):
    podcast = make_podcast(a_home_page)
    episode = make_episode(podcast, 1, transcript="<p>Host: this conversation is written out in full.</p>")
    episode.audio.delete()
    episode.refresh_from_db()
    assert episode.live and episode.audio is None

    html = client.get(episode.url).content.decode()

    assert "<audio" not in html
    assert '<details class="podcast-transcript" id="transcript">' in html
    assert "this conversation is written out in full." in html


def test_an_episode_refuses_a_video_as_its_audio(a_home_page):
    podcast = make_podcast(a_home_page)
    episode = make_episode(podcast, 1)
    episode.audio.type = "video"
    with pytest.raises(Exception, match="Choose an audio item, not a video"):
        episode.full_clean()


def test_a_spanish_episode_keeps_number_date_and_audio_and_links_the_spanish_guest(
    a_spanish_home_page, english, spanish, translate, client
):
    home = HomePage.objects.get(locale=english)
    podcast = make_podcast(home)
    guest = make_guest(english)
    spanish_guest = translate(
        guest,
        {"Family therapist": "Terapeuta familiar", "Ana teaches CRAFT to families.": "Ana enseña CRAFT a familias."},
    )
    episode = make_episode(podcast, 3, guests=[guest])
    with transaction.atomic():
        translate(podcast, INDEX_SPANISH)
    spanish_episode = translate(
        episode,
        {
            "Episode about listening 3": "Episodio sobre escuchar 3",
            "listening-3": "escuchar-3",
            "A conversation about listening, part 3.": "Una conversación sobre escuchar, parte 3.",
            "Host: welcome to part 3.": "Presentadora: bienvenidos a la parte 3.",
        },
    )

    assert spanish_episode.episode_number == 3
    assert spanish_episode.release_date == episode.release_date
    assert spanish_episode.audio_id == episode.audio_id
    assert spanish_episode.guests == [spanish_guest]
    html = client.get(spanish_episode.url).content.decode()
    assert spanish_episode.url.startswith("/es/podcast/")
    assert "Terapeuta familiar" in html and "Presentadora: bienvenidos" in html


def test_a_spanish_translation_can_carry_its_own_spanish_recording(
    a_spanish_home_page, english, spanish, translate, client, django_capture_on_commit_callbacks
):
    home = HomePage.objects.get(locale=english)
    podcast = make_podcast(home)
    episode = make_episode(podcast, 1)
    with transaction.atomic():
        translate(podcast, INDEX_SPANISH)
    mapping = {
        "Episode about listening 1": "Episodio sobre escuchar 1",
        "listening-1": "escuchar-1",
        "A conversation about listening, part 1.": "Una conversación sobre escuchar, parte 1.",
        "Host: welcome to part 1.": "Presentadora: bienvenidos a la parte 1.",
    }
    translate(episode, mapping)
    spanish_recording = make_audio(title="Grabación en español", name="episodio.wav")

    with django_capture_on_commit_callbacks(execute=True):
        use_translated_recording(episode, spanish_recording, spanish)
    # A later sync from English keeps the Spanish recording.
    episode.save_revision().publish()
    spanish_episode = translate(episode, mapping)

    assert spanish_episode.audio == spanish_recording
    assert PodcastEpisodePage.objects.get(pk=episode.pk).audio != spanish_recording
    assert spanish_recording.filename in client.get(spanish_episode.url).content.decode()
