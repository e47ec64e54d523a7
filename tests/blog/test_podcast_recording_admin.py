"""A translated episode gets its own recording from the admin; review still decides when it goes live."""

import pytest
from django.db import transaction
from wagtail_localize.models import Translation, TranslationSource

from blog.models import PodcastEpisodePage
from cms.roles import SPANISH_REVIEWERS, TRANSLATORS, apply_roles
from home.models import HomePage

from .factories import INDEX_SPANISH, episode_spanish, make_audio, make_episode, make_podcast

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def a_spanish_episode(a_spanish_home_page, english, translate):
    podcast = make_podcast(HomePage.objects.get(locale=english))
    episode = make_episode(podcast, 1)
    with transaction.atomic():
        translate(podcast, INDEX_SPANISH)
    spanish = translate(episode, episode_spanish(1))
    apply_roles()
    return episode, spanish


def url(page):
    return f"/admin/podcast/episodes/{page.pk}/recording/"


def test_a_reviewer_gives_the_spanish_episode_a_spanish_recording_that_goes_live(
    a_spanish_episode, make_user, client, django_capture_on_commit_callbacks
):
    english_episode, spanish_episode = a_spanish_episode
    client.force_login(make_user("reviewer", SPANISH_REVIEWERS))
    explorer = client.get(f"/admin/pages/{spanish_episode.get_parent().pk}/").content.decode()
    assert url(spanish_episode) in explorer, "the page explorer offers the action on Spanish episodes"
    assert "Recording in this language" in client.get(url(spanish_episode)).content.decode()

    recording = make_audio(title="Grabación en español", name="episodio.wav")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(spanish_episode), {"recording": recording.pk})
    assert response.status_code == 302
    assert PodcastEpisodePage.objects.get(pk=spanish_episode.pk).audio == recording
    assert PodcastEpisodePage.objects.get(pk=english_episode.pk).audio != recording


def test_a_translators_choice_waits_until_the_translation_is_published(
    a_spanish_episode, make_user, client, django_capture_on_commit_callbacks
):
    english_episode, spanish_episode = a_spanish_episode
    live_audio = spanish_episode.audio
    client.force_login(make_user("translator", TRANSLATORS))
    recording = make_audio(title="Grabación en español", name="episodio.wav")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(spanish_episode), {"recording": recording.pk})
    spanish_episode.refresh_from_db()
    assert spanish_episode.audio == live_audio, "nothing goes live before a reviewer approves"

    source = TranslationSource.objects.get_for_instance(english_episode)
    with django_capture_on_commit_callbacks(execute=True):
        Translation.objects.get(source=source, target_locale=spanish_episode.locale).save_target(publish=True)
    assert PodcastEpisodePage.objects.get(pk=spanish_episode.pk).audio == recording


def test_the_english_episode_and_outsiders_get_no_such_action(a_spanish_episode, make_user, an_editor, client):
    english_episode, spanish_episode = a_spanish_episode
    client.force_login(an_editor)
    assert client.get(url(english_episode)).status_code in (302, 403)
    assert url(english_episode) not in client.get(f"/admin/pages/{english_episode.get_parent().pk}/").content.decode()
    client.force_login(make_user("someone_else"))
    assert client.get(url(spanish_episode)).status_code in (302, 403)
