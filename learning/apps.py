from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("Learning modules")

    def ready(self):
        from wagtail.models import PageViewRestriction
        from wagtail.signals import pre_page_move

        from members.registry import account_deletion, data_export, resume_points

        from .course import resume_point
        from .member_data import delete_learning_data, learning_data_for
        from .models import LearningIndexPage, refuse_duplicate_number_on_move

        data_export.register("learning", learning_data_for)
        account_deletion.register("learning", delete_learning_data)
        resume_points.register("learning", resume_point)
        post_save.connect(
            _keep_course_members_only,
            sender=LearningIndexPage,
            dispatch_uid="learning_index_members_only",
        )
        # Sitemaps, the API and site search keep the course out through `.public()`, that is through
        # this one restriction: whatever an editor does to it, the Members restriction comes back.
        post_delete.connect(
            _restore_after_restriction_deleted, sender=PageViewRestriction, dispatch_uid="learning_restriction_deleted"
        )
        post_save.connect(
            _restore_after_restriction_loosened, sender=PageViewRestriction, dispatch_uid="learning_restriction_saved"
        )
        m2m_changed.connect(
            _restore_after_members_removed,
            sender=PageViewRestriction.groups.through,
            dispatch_uid="learning_restriction_groups",
        )
        pre_page_move.connect(refuse_duplicate_number_on_move, dispatch_uid="learning_numbers_on_move")


def _keep_course_members_only(sender, instance, created, raw=False, **kwargs):
    """Every learning index, in every language, is members-only from the moment it exists.

    Translations get the restriction too: wagtail-localize copies privacy only on translate/sync.
    """
    if raw:
        return
    from .models import ensure_members_only

    ensure_members_only(instance)


def _restore_members_only(page_id):
    from .models import LearningIndexPage, ensure_members_only

    index = LearningIndexPage.objects.filter(pk=page_id).first()
    if index is not None:
        ensure_members_only(index)


def _restore_after_restriction_deleted(sender, instance, origin=None, **kwargs):
    from wagtail.models import Page

    # Deleting the index itself deletes its restriction first: leave that alone.
    if isinstance(origin, Page) or getattr(origin, "model", None) is not None and issubclass(origin.model, Page):
        return
    _restore_members_only(instance.page_id)


def _restore_after_restriction_loosened(sender, instance, raw=False, **kwargs):
    # A group restriction is checked once its groups are saved (below); any other type is looser.
    if not raw and instance.restriction_type != instance.GROUPS:
        _restore_members_only(instance.page_id)


def _restore_after_members_removed(sender, instance, action, reverse, **kwargs):
    if action in ("post_remove", "post_clear") and not reverse:
        _restore_members_only(instance.page_id)
