"""Every public and member page type of the demo site, in both languages (issue 18's checks).

Read from a database loaded with `load_demo_content`: the page weight test and the phone-first
browser journey visit the same list.
"""

from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from blog.models import BlogIndexPage, PodcastEpisodePage, PodcastIndexPage, QAPostPage, Topic
from home.models import HomePage
from learning.models import LearningIndexPage, ModulePage, SegmentPage

DEMO_MEMBER = "member"  # listed in the directory, in the Members group (members/demo.py)


def demo_page_types(language):
    """(label, path, as a member) for each page type, in `language` ("en" or "es")."""
    locale = Locale.objects.get(language_code=language)
    home = HomePage.objects.get(locale=locale)
    learning = LearningIndexPage.objects.get(locale=locale)
    module = ModulePage.objects.child_of(learning).live().order_by("number").first()
    segment = SegmentPage.objects.child_of(module).live().order_by("number").first()
    blog = BlogIndexPage.objects.get(locale=locale)
    topic = Topic.objects.filter(locale=locale).order_by("pk").first()
    post = QAPostPage.objects.live().filter(locale=locale).order_by("-date", "pk").first()
    podcast = PodcastIndexPage.objects.get(locale=locale)
    episode = PodcastEpisodePage.objects.child_of(podcast).live().order_by("-release_date").first()
    with translation.override(language):
        search = reverse("search") + ("?q=familia" if language == "es" else "?q=family")
        return [
            ("home", home.url, False),
            ("learning index", learning.url, False),
            ("Q&A index", blog.url, False),
            ("topic archive", blog.url + blog.reverse_subpage("topic", args=[topic.slug]), False),
            ("Q&A post", post.url, False),
            ("podcast index", podcast.url, False),
            ("podcast episode", episode.url, False),
            ("search", search, False),
            ("log in", reverse("account_login"), False),
            ("sign up", reverse("account_signup"), False),
            ("exit explanation", reverse("quick_exit_help"), False),
            ("module (member)", module.url, True),
            ("segment (member)", segment.url, True),
            ("Q&A post (member)", post.url, True),
            ("members' area (member)", reverse("members:directory"), True),
            ("profile (member)", reverse("members:profile", args=[DEMO_MEMBER]), True),
            ("your profile (member)", reverse("members:edit_profile"), True),
            ("ask a question (member)", reverse("blog:ask_question"), True),
            ("safety plan (member)", reverse("safety:plan"), True),
        ]
