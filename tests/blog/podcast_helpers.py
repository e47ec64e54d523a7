"""Builders for the podcast tests: real WAV audio, a podcast index and its episodes."""

from datetime import UTC, datetime, timedelta

from django.core.files.base import ContentFile
from wagtail.rich_text import RichText

from blog.models import EpisodeGuest, Guest, PodcastEpisodePage, PodcastIndexPage
from cms.models import SiteMedia
from demo.media import tone_wav

FIRST_RELEASE = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)

INDEX_SPANISH = {
    "Family Conversations": "Conversaciones en familia",
    "podcast": "podcast",
    "Clinicians and families talk about CRAFT skills.": "Profesionales y familias hablan de las habilidades de CRAFT.",
    "CRAFT Family Support": "CRAFT Apoyo Familiar",
}


def publish(page):
    """Publish through a revision, as editors do, so the page has its publication dates."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_audio(title="Episode audio", seconds=2.0, name="episode.wav"):
    audio = SiteMedia(title=title, type="audio")
    audio.file.save(name, ContentFile(tone_wav(seconds)), save=False)
    audio.save()
    return audio


def make_podcast(home, **fields):
    fields = {
        "title": "Family Conversations",
        "slug": "podcast",
        "description": "Clinicians and families talk about CRAFT skills.",
        "author": "CRAFT Family Support",
        "owner_name": "Podcast team",
        "owner_email": "podcast@example.org",
        **fields,
    }
    return publish(home.add_child(instance=PodcastIndexPage(**fields)))


def make_episode(index, number, audio=None, guests=(), **fields):
    fields = {
        "title": f"Episode about listening {number}",
        "slug": f"listening-{number}",
        "summary": f"A conversation about listening, part {number}.",
        "transcript": f"<p>Host: welcome to part {number}.</p>",
        "release_date": FIRST_RELEASE + timedelta(days=7 * number),
        **fields,
    }
    if isinstance(fields["transcript"], str):
        fields["transcript"] = [("text", RichText(fields["transcript"]))] if fields["transcript"] else []
    episode = PodcastEpisodePage(
        episode_number=number,
        audio=audio or make_audio(),
        guest_appearances=[EpisodeGuest(guest=guest) for guest in guests],
        **fields,
    )
    return publish(index.add_child(instance=episode))


def make_guest(locale, name="Dr. Ana Ruiz", role="Family therapist", bio="Ana teaches CRAFT to families."):
    return Guest.objects.create(locale=locale, name=name, role=role, bio=bio)


def episode_spanish(number):
    """The Spanish strings of `make_episode(index, number)`, for translating it."""
    return {
        f"Episode about listening {number}": f"Episodio sobre escuchar {number}",
        f"listening-{number}": f"escuchar-{number}",
        f"A conversation about listening, part {number}.": f"Una conversación sobre escuchar, parte {number}.",
        f"Host: welcome to part {number}.": f"Presentadora: bienvenidos a la parte {number}.",
    }
