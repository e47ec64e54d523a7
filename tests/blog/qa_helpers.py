"""Builders for the Q&A tests: a blog, topics, posts with images, and their Spanish translations."""

import datetime

from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

from blog.models import BlogIndexPage, QAPostPage, QAPostTopic, Topic
from cms.models import CreditedImage

BLOG_SPANISH = {
    "Discussion Blog": "Blog de preguntas y respuestas",
    "blog": "blog",
    "Questions from families, answered.": "Preguntas de las familias, con respuesta.",
}


def make_blog(home):
    blog = home.add_child(
        instance=BlogIndexPage(title="Discussion Blog", slug="blog", intro="Questions from families, answered.")
    )
    blog.save_revision().publish()
    return blog


def make_topic(locale, name="Partners", slug="partners", description=""):
    return Topic.objects.create(locale=locale, name=name, slug=slug, description=description)


def make_image(title="A quiet kitchen table", credit="Ana Test"):
    return CreditedImage.objects.create(title=title, file=get_test_image_file(), credit=credit)


def make_post(blog, number, topics=(), date=None, image=None, **fields):
    fields = {
        "title": f"How do I start talking about treatment {number}",
        "slug": f"start-talking-{number}",
        "asker_name": "Rosa",
        "question": f"My partner drinks every night. Where do I begin? ({number})",
        "answer": [("paragraph", RichText(f"<p>Dear Rosa, thank you for writing in ({number}).</p>"))],
        "excerpt": f"A first step toward a calmer conversation ({number}).",
        "date": date or datetime.date(2025, 1, 1) + datetime.timedelta(days=number),
        **fields,
    }
    post = QAPostPage(featured_image=image, **fields)
    post.topic_links = [QAPostTopic(topic=topic) for topic in topics]
    blog.add_child(instance=post)
    post.save_revision().publish()
    return QAPostPage.objects.get(pk=post.pk)


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
