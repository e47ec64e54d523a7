"""The blog's pages and records for any app's tests: Q&A posts, topics, questions, the podcast.

Each page factory builds its whole line when given no parent (`QAPostPageFactory()` makes a home
page and a blog first); the `make_*` helpers build the fixed set most tests read, and
`post_spanish`/`episode_spanish` give the Spanish of what they wrote.
"""

import datetime
from datetime import UTC, timedelta

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

from blog.models import (
    BlogIndexPage,
    EpisodeGuest,
    Guest,
    PodcastEpisodePage,
    PodcastIndexPage,
    QAPostPage,
    QAPostTopic,
    QuestionSubmission,
    Topic,
)
from cms.models import CreditedImage, SiteMedia
from demo.media import tone_wav
from tests.home.factories import HomePageFactory, publish
from tests.members.factories import MemberFactory

FIRST_RELEASE = datetime.datetime(2025, 3, 4, 9, 0, tzinfo=UTC)


class BlogIndexPageFactory(wagtail_factories.PageFactory):
    title = "Discussion Blog"
    slug = "blog"
    intro = "Questions from families, answered."
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = BlogIndexPage


class QAPostPageFactory(wagtail_factories.PageFactory):
    number = factory.Sequence(lambda number: number + 1)
    title = factory.LazyAttribute(lambda post: f"How do I start talking about treatment {post.number}")
    slug = factory.LazyAttribute(lambda post: f"start-talking-{post.number}")
    asker_name = "Rosa"
    question = factory.LazyAttribute(lambda post: f"My partner drinks every night. Where do I begin? ({post.number})")
    answer = factory.LazyAttribute(
        lambda post: [("paragraph", RichText(f"<p>Dear Rosa, thank you for writing in ({post.number}).</p>"))]
    )
    excerpt = factory.LazyAttribute(lambda post: f"A first step toward a calmer conversation ({post.number}).")
    date = factory.LazyAttribute(lambda post: datetime.date(2025, 1, 1) + timedelta(days=post.number))
    parent = factory.SubFactory(BlogIndexPageFactory)

    class Meta:
        model = QAPostPage
        exclude = ["number"]


class TopicFactory(factory.django.DjangoModelFactory):
    name = "Partners"
    slug = factory.Sequence(lambda number: "partners" if number == 0 else f"partners-{number}")
    description = ""

    class Meta:
        model = Topic


class CreditedImageFactory(factory.django.DjangoModelFactory):
    title = "A quiet kitchen table"
    file = factory.LazyFunction(get_test_image_file)
    credit = "Ana Test"

    class Meta:
        model = CreditedImage


class AudioFactory(factory.django.DjangoModelFactory):
    """A real WAV file, so its duration and type are read from it as an upload's are."""

    title = "Episode audio"
    type = "audio"
    file = factory.LazyFunction(lambda: ContentFile(tone_wav(2.0), name="episode.wav"))

    class Meta:
        model = SiteMedia


class PodcastIndexPageFactory(wagtail_factories.PageFactory):
    title = "Family Conversations"
    slug = "podcast"
    description = "Clinicians and families talk about CRAFT skills."
    author = "CRAFT Family Support"
    owner_name = "Podcast team"
    owner_email = "podcast@example.org"
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = PodcastIndexPage


class PodcastEpisodePageFactory(wagtail_factories.PageFactory):
    episode_number = factory.Sequence(lambda number: number + 1)
    title = factory.LazyAttribute(lambda episode: f"Episode about listening {episode.episode_number}")
    slug = factory.LazyAttribute(lambda episode: f"listening-{episode.episode_number}")
    summary = factory.LazyAttribute(lambda episode: f"A conversation about listening, part {episode.episode_number}.")
    transcript = factory.LazyAttribute(
        lambda episode: [("text", RichText(f"<p>Host: welcome to part {episode.episode_number}.</p>"))]
    )
    release_date = factory.LazyAttribute(lambda episode: FIRST_RELEASE + timedelta(days=7 * episode.episode_number))
    audio = factory.SubFactory(AudioFactory)
    parent = factory.SubFactory(PodcastIndexPageFactory)

    class Meta:
        model = PodcastEpisodePage


class GuestFactory(factory.django.DjangoModelFactory):
    name = "Dr. Ana Ruiz"
    role = "Family therapist"
    bio = "Ana teaches CRAFT to families."

    class Meta:
        model = Guest


class QuestionSubmissionFactory(factory.django.DjangoModelFactory):
    member = factory.SubFactory(MemberFactory)
    language = "en"
    subject = "Talking about treatment"
    question = "When is a good moment to suggest counselling?"
    relationship = QuestionSubmission.LovedOneIs.CHILD

    class Meta:
        model = QuestionSubmission


BLOG_SPANISH = {
    "Discussion Blog": "Blog de preguntas y respuestas",
    "blog": "blog",
    "Questions from families, answered.": "Preguntas de las familias, con respuesta.",
}


def make_blog(home):
    return publish(BlogIndexPageFactory(parent=home))


def make_topic(locale, name="Partners", slug="partners", description=""):
    return TopicFactory(locale=locale, name=name, slug=slug, description=description)


def make_image(title="A quiet kitchen table", credit="Ana Test"):
    return CreditedImageFactory(title=title, credit=credit)


def make_post(blog, number, topics=(), date=None, image=None, **fields):
    if date is not None:
        fields["date"] = date
    topic_links = [QAPostTopic(topic=topic) for topic in topics]
    post = QAPostPageFactory(parent=blog, number=number, featured_image=image, topic_links=topic_links, **fields)
    return publish(post)


def post_spanish(number):
    """The Spanish of every translatable string of `make_post(blog, number)`."""
    return {
        f"How do I start talking about treatment {number}": f"Cómo empiezo a hablar de tratamiento {number}",
        f"start-talking-{number}": f"empezar-a-hablar-{number}",
        f"My partner drinks every night. Where do I begin? ({number})": (
            f"Mi pareja bebe cada noche. ¿Por dónde empiezo? ({number})"
        ),
        f"Dear Rosa, thank you for writing in ({number}).": f"Hola, Rosa: gracias por escribirnos ({number}).",
        f"A first step toward a calmer conversation ({number}).": (
            f"Un primer paso hacia una conversación más tranquila ({number})."
        ),
    }


INDEX_SPANISH = {
    "Family Conversations": "Conversaciones en familia",
    "podcast": "podcast",
    "Clinicians and families talk about CRAFT skills.": "Profesionales y familias hablan de las habilidades de CRAFT.",
    "CRAFT Family Support": "CRAFT Apoyo Familiar",
}


def make_audio(title="Episode audio", seconds=2.0, name="episode.wav"):
    return AudioFactory(title=title, file=ContentFile(tone_wav(seconds), name=name))


def make_podcast(home, **fields):
    return publish(PodcastIndexPageFactory(parent=home, **fields))


def make_episode(index, number, audio=None, guests=(), **fields):
    if isinstance(fields.get("transcript"), str):
        fields["transcript"] = [("text", RichText(fields["transcript"]))] if fields["transcript"] else []
    if audio is not None:
        fields["audio"] = audio
    guest_appearances = [EpisodeGuest(guest=guest) for guest in guests]
    episode = PodcastEpisodePageFactory(
        parent=index, episode_number=number, guest_appearances=guest_appearances, **fields
    )
    return publish(episode)


def make_guest(locale, name="Dr. Ana Ruiz", role="Family therapist", bio="Ana teaches CRAFT to families."):
    return GuestFactory(locale=locale, name=name, role=role, bio=bio)


def episode_spanish(number):
    """The Spanish strings of `make_episode(index, number)`, for translating it."""
    return {
        f"Episode about listening {number}": f"Episodio sobre escuchar {number}",
        f"listening-{number}": f"escuchar-{number}",
        f"A conversation about listening, part {number}.": f"Una conversación sobre escuchar, parte {number}.",
        f"Host: welcome to part {number}.": f"Presentadora: bienvenidos a la parte {number}.",
    }
