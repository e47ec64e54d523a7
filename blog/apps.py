from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = "Discussion Blog and podcast"

    def ready(self):
        self.ready_qa()

    def ready_qa(self):
        """Q&A posts: answered questions on publish, posts on the asker's profile, questions in their export."""
        from wagtail.signals import page_published

        from members.registry import activity, data_export

        from . import inbox
        from .models import QAPostPage

        page_published.connect(inbox.on_page_published, sender=QAPostPage, dispatch_uid="blog_qa_answer_published")
        activity.register("blog_posts", inbox.posts_written_for)
        data_export.register("blog_questions", inbox.questions_for_export)
