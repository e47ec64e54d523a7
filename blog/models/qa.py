"""The Discussion Blog: an index per language and the Q&A posts written for members who wrote in."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index

from cms.localized_fields import synchronized
from cms.membership import MEMBERS_GROUP
from cms.models import optional_account
from cms.privacy import public
from cms.routes import TranslatedRoutablePageMixin
from cms.routing import OneChildTypeRoutingMixin
from cms.shared_pieces import for_everyone, for_readers_of, render_part
from cms.translation_notice import TranslationNoticeMixin
from comments.models import CommentablePageMixin, visible_comment_count
from members.services import display_name

from ..blocks import AnswerBlock
from .featured_image import FeaturedImageMixin
from .topics import Topic, TopicLinksPageForm


class QAPostPageQuerySet(PageQuerySet):
    def for_listing(self):
        """Everything a post card touches (image and renditions, author, topics) in a fixed number of queries."""
        return self.select_related("featured_image", "author").prefetch_related(
            "featured_image__renditions",
            Prefetch(
                "topic_links",
                queryset=QAPostTopic.objects.filter(topic__live=True).select_related("topic").order_by("sort_order"),
            ),
        )

    def with_comment_counts(self):
        """Annotate `comment_count`: the visible comments of each post (see visible_comment_count)."""
        return self.annotate(
            comment_count=visible_comment_count(content_type__app_label="blog", content_type__model="qapostpage")
        )

    def newest_first(self):
        return self.order_by("-date", "-first_published_at", "-pk")


QAPostPageManager = PageManager.from_queryset(QAPostPageQuerySet)


class BlogIndexPage(TranslationNoticeMixin, TranslatedRoutablePageMixin, OneChildTypeRoutingMixin, Page):
    """The Discussion Blog of one language: the posts, newest first, with topic and month archives and feeds."""

    intro = models.TextField(_("introduction"), max_length=500, blank=True)

    posts_per_page = 6
    recent_posts_in_sidebar = 5

    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.QAPostPage"]
    child_select_related = ("featured_image", "author", "author__member_profile")
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("discussion blog")

    def posts(self):
        """The posts anyone may read: live, not behind a privacy restriction, in this blog."""
        return public(QAPostPage.objects.live().descendant_of(self))

    def get_context(self, request, *args, topic=None, month=None, topics=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        key = f"{self.pk}-{topic.pk if topic else ''}-{month or ''}-{request.GET.urlencode()}"
        listing = for_everyone(
            "blog-listing", key, lambda: self.listing(request, topic=topic, month=month, topics=topics), request
        )
        context.update(
            listing=listing["html"],
            canonical_url=listing["canonical_url"],
            topic=topic,
            month=month,
            feed_url=self.feed_url(request, topic),
        )
        return context

    def feed_url(self, request, topic=None):
        # Absolute paths: a relative "feed/" would resolve under /blog/2025/02/ or /blog/topic/x/.
        subpage = self.reverse_subpage("topic_feed", args=[topic.slug]) if topic else self.reverse_subpage("feed")
        return self.get_url(request) + subpage

    def listing(self, request, topic=None, month=None, topics=None):
        """The posts of one page of the listing with the sidebar, as HTML, and the page's canonical URL:
        the same for every reader (`cms.shared_pieces`)."""
        posts = self.posts()
        listed = posts.newest_first()
        if topic is not None:
            listed = listed.filter(topic_links__topic=topic)
        if month is not None:
            listed = listed.filter(date__year=month.year, date__month=month.month)
        # Page through ids only, then load the shown posts with their cards and comment counts:
        # with OFFSET, the comment-count subquery would otherwise run for every skipped post too.
        page_of_posts = Paginator(listed.values_list("pk", flat=True), self.posts_per_page).get_page(
            request.GET.get("page")
        )
        page_of_posts.object_list = self.posts_in_order(list(page_of_posts.object_list))
        if topic is not None:
            subpage = self.reverse_subpage("topic", args=[topic.slug])
        elif month is not None:
            subpage = self.reverse_subpage("month", args=[f"{month.year:04d}", f"{month.month:02d}"])
        else:
            subpage = ""
        canonical_url = self.get_full_url(request) + subpage
        if page_of_posts.number > 1:
            canonical_url += f"?page={page_of_posts.number}"
        part = {
            "page": self,
            "posts": page_of_posts,
            "topic": topic,
            "month": month,
            "topics": topics if topics is not None else Topic.objects.filter(locale_id=self.locale_id, live=True),
            "recent_posts": posts.newest_first().only("title", "url_path", "date")[: self.recent_posts_in_sidebar],
            "months": posts.dates("date", "month", order="DESC"),
            "feed_url": self.feed_url(request, topic),
        }
        if topic is not None and page_of_posts.number == 1:
            part["topic_episodes"] = self.episodes_about(topic)
        return {"html": render_part("blog/includes/blog_listing.html", part, request), "canonical_url": canonical_url}

    @staticmethod
    def posts_in_order(ids):
        """The posts `ids`, in that order, with everything a post card shows."""
        if not ids:
            return []
        loaded = {post.pk: post for post in QAPostPage.objects.filter(pk__in=ids).for_listing().with_comment_counts()}
        return [loaded[pk] for pk in ids if pk in loaded]

    def episodes_about(self, topic, limit=6):
        """The newest public podcast episodes of this language sharing `topic`: a topic gathers both."""
        from .podcasts import PodcastEpisodePage

        episodes = public(PodcastEpisodePage.objects.live())
        return list(
            episodes.filter(locale_id=self.locale_id, topic_links__topic=topic)
            .select_related("audio")
            .distinct()
            .order_by("-release_date", "-episode_number")[:limit]
        )

    def subpage_arguments_in(self, target, name, args, kwargs):
        """A topic archive's counterpart is the archive of the topic's translation (its slug differs)."""
        if name not in ("topic", "topic_feed"):
            return super().subpage_arguments_in(target, name, args, kwargs)
        this_topic = Topic.objects.filter(locale_id=self.locale_id, slug=kwargs["slug"]).values("translation_key")
        slug = (
            Topic.objects.filter(locale_id=target.locale_id, translation_key__in=this_topic, live=True)
            .values_list("slug", flat=True)
            .first()
        )
        return (args, {**kwargs, "slug": slug}) if slug else None

    @path("", name="index")
    def index_route(self, request):
        return self.render(request)

    @path(_("topic/<str:slug>/"), name="topic")
    def topic_route(self, request, slug):
        # The sidebar lists every topic of this language: find this one among them, one query for both.
        topics = list(Topic.objects.filter(locale_id=self.locale_id, live=True))
        topic = next((topic for topic in topics if topic.slug == slug), None)
        if topic is None:
            raise Http404
        return self.render(request, topic=topic, topics=topics)

    @re_path(r"^(?P<year>\d{4})/(?P<month>\d{2})/$", name="month")
    def month_route(self, request, year, month):
        try:
            first_day = datetime.date(int(year), int(month), 1)
        except ValueError as error:
            raise Http404 from error
        return self.render(request, month=first_day)

    @path("feed/", name="feed")
    def feed_route(self, request):
        from ..feeds import QAPostFeed

        return QAPostFeed()(request, blog=self)

    @path(_("topic/<str:slug>/feed/"), name="topic_feed")
    def topic_feed_route(self, request, slug):
        from ..feeds import QAPostFeed

        return QAPostFeed()(request, blog=self, topic=get_object_or_404(Topic, locale_id=self.locale_id, slug=slug))


def staff_accounts():
    """Active accounts that can open the Wagtail admin: the people who may sign an answer."""
    access_admin = Q(codename="access_admin", content_type__app_label="wagtailadmin")
    permission_ids = Permission.objects.filter(access_admin).values("pk")
    return get_user_model().objects.filter(
        Q(is_superuser=True) | Q(groups__permissions__in=permission_ids) | Q(user_permissions__in=permission_ids),
        is_active=True,
    )


class QAPostPageForm(TopicLinksPageForm):
    """Only members can be askers, listed by pseudonym, never by email address; only staff can be authors."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects
        if "asker" in self.fields:
            field = self.fields["asker"]
            field.queryset = users.filter(groups__name=MEMBERS_GROUP).order_by("username")
            field.label_from_instance = display_name
        if "author" in self.fields:
            # A post keeps its author even after they leave the staff, so old posts still save.
            staff = staff_accounts().values("pk")
            current = Q(pk=self.instance.author_id) if self.instance.author_id else Q(pk__in=[])
            self.fields["author"].queryset = users.filter(Q(pk__in=staff) | current).order_by("username")


class QAPostPage(TranslationNoticeMixin, CommentablePageMixin, FeaturedImageMixin, Page):
    """A member's question and the staff answer addressed to them, e.g. "Dear Rosa, thank you for writing in..."."""

    date = models.DateField(_("post date"), default=timezone.localdate)
    author = optional_account(_("staff author"))
    asker = optional_account(
        _("asker's member account"),
        related_name="qa_posts_written_for_me",
        help_text=_("Optional. The member sees this post on their profile and gets an email when it is published."),
    )
    asker_name = models.CharField(
        _("asker's name as shown"),
        max_length=80,
        help_text=_("Their pseudonym, exactly as it should appear in the post. Never a real name or email address."),
    )
    question = models.TextField(_("the member's question"), max_length=4000)
    answer = StreamField(AnswerBlock(), verbose_name=_("answer"))
    excerpt = models.TextField(
        _("excerpt"), max_length=300, help_text=_("One or two sentences shown in listings and feeds.")
    )

    objects = QAPostPageManager()

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []
    base_form_class = QAPostPageForm

    # The asker's pseudonym is a name, not prose: it stays the same in every language.
    override_translatable_fields = synchronized("asker_name")
    # The question is the member's own words: translated by a person, never sent to a machine.
    member_written_fields = ["question"]

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("asker"), FieldPanel("asker_name")], heading=_("Asker")),
        FieldPanel("question"),
        FieldPanel("answer"),
        *FeaturedImageMixin.featured_image_panels,
        FieldPanel("excerpt"),
        InlinePanel("topic_links", label=_("Topics"), min_num=1),
        InlinePanel("related_post_links", label=_("Related posts"), max_num=3),
    ]
    settings_panels = [
        *Page.settings_panels,
        FieldPanel("date"),
        FieldPanel("author"),
        *CommentablePageMixin.comment_panels,
        *TranslationNoticeMixin.translation_notice_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("question"),
        index.SearchField("answer"),
        index.SearchField("excerpt"),
        # Topic names rank with the summary in site search (cms.search_index).
        index.RelatedFields("topic_links", [index.RelatedFields("topic", [index.SearchField("name")])]),
        index.FilterField("date"),
    ]

    class Meta:
        verbose_name = _("Q&A post")
        verbose_name_plural = _("Q&A posts")

    def clean(self):
        super().clean()
        if self.asker_id and not self.asker_name:
            raise ValidationError({"asker_name": _("Give the asker's pseudonym as it should appear in the post.")})

    @property
    def author_name(self):
        """Staff sign with their real name; a staff account without one falls back to its display name."""
        if self.author is None:
            return _("The CRAFT team")
        return self.author.get_full_name() or display_name(self.author)

    @cached_property
    def topics(self):
        """Prefetched in listings; on the post's own page one query for links and topics together."""
        links = self.topic_links.all()
        if "topic_links" not in getattr(self, "_prefetched_objects_cache", {}):
            links = links.select_related("topic")
        return [link.topic for link in links if link.topic.live]

    def related_posts(self, limit=3):
        """Hand-picked related posts in this language, topped up with the newest posts sharing a topic.

        Picks are synchronised across translations (they point at the English post), so they are
        matched here by translation key to this page's language.
        """
        keys = list(self.related_post_links.filter(post__isnull=False).values_list("post__translation_key", flat=True))
        # The cards show a title, a link and the excerpt: nothing else of the posts is loaded.
        readable = (
            public(QAPostPage.objects.live())
            .filter(locale_id=self.locale_id)
            .exclude(pk=self.pk)
            .only(
                "title",
                "slug",
                "url_path",
                "path",
                "depth",
                "locale",
                "translation_key",
                "excerpt",
                "date",
                "first_published_at",
            )
        )
        picked = list(readable.filter(translation_key__in=keys)) if keys else []
        order = {key: position for position, key in enumerate(keys)}
        picked.sort(key=lambda post: order[post.translation_key])
        if len(picked) < limit:
            sharing = (
                readable.filter(topic_links__topic__in=self.topics)
                .exclude(pk__in=[post.pk for post in picked])
                .distinct()
                .newest_first()
            )
            picked += list(sharing[: limit - len(picked)])
        return picked[:limit]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["post"] = for_readers_of(self, "qa-post", lambda: self.parts(request), request)
        return context

    def parts(self, request):
        """The post as every reader of one kind sees it (`cms.shared_pieces`): its share picture and
        what else it adds to the page's head, and the article before its comments."""
        context = {"page": self, "blog": self.get_parent().specific, "related_posts": self.related_posts()}
        return {
            "og_image": render_part("blog/includes/qa_post_og_image.html", context, request),
            "head": render_part("blog/includes/qa_post_head.html", context, request),
            "article": render_part("blog/includes/qa_post_article.html", context, request),
        }


class QAPostTopic(TranslatableMixin, Orderable):
    """A post's topic. Translatable so that the Spanish post points at the Spanish topic."""

    page = ParentalKey(QAPostPage, on_delete=models.CASCADE, related_name="topic_links")
    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="qa_post_links")

    panels = [FieldPanel("topic")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("topic")


class QARelatedPost(Orderable):
    """A hand-picked related post; it points at one language's post and is matched by translation key."""

    page = ParentalKey(QAPostPage, on_delete=models.CASCADE, related_name="related_post_links")
    post = models.ForeignKey(QAPostPage, verbose_name=_("post"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("post")]

    class Meta(Orderable.Meta):
        verbose_name = _("related post")
