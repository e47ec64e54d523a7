from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    label = "comments"
    verbose_name = _("Comments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, pre_save
        from django_comments_xtd.models import XtdComment
        from wagtail.models import Page

        from cms.search import crisis_checks
        from members.registry import account_deletion, activity, data_export

        from . import language, member_data, services, signals

        # Comments hang on a generic key: without this, a deleted page's comments would wait for
        # a new page to reuse its id and then appear under it.
        post_delete.connect(signals.delete_comments_of_page, sender=Page, dispatch_uid="comments_page_deleted")
        pre_save.connect(services.never_store_email, sender=XtdComment, dispatch_uid="comments_never_store_email")
        activity.register("comments", signals.recent_comments)
        data_export.register("comments", member_data.comments_as_data)
        account_deletion.register("comments", member_data.release_comments)
        # A search with the safety hold's words shows the crisis lines above its results.
        crisis_checks.register("comments_safety_terms", language.mentions_self_harm)
