from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("Learning modules")

    def ready(self):
        from members.registry import account_deletion, data_export

        from .member_data import delete_learning_data, learning_data_for
        from .models import LearningIndexPage

        data_export.register("learning", learning_data_for)
        account_deletion.register("learning", delete_learning_data)
        post_save.connect(
            _keep_course_members_only,
            sender=LearningIndexPage,
            dispatch_uid="learning_index_members_only",
        )


def _keep_course_members_only(sender, instance, created, raw=False, **kwargs):
    """Every learning index, in every language, is members-only from the moment it exists.

    Translations get the restriction too: wagtail-localize copies privacy only on translate/sync.
    """
    if raw:
        return
    from .models import ensure_members_only

    ensure_members_only(instance)
