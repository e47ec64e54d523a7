"""When each translated snippet without draft state last went live.

Snippets without `DraftStateMixin` have no publication date: saving one is publishing it. The
status report needs that moment to tell Spanish strings translated since (waiting for a reviewer
to publish them, see wagtail_hooks.py) from strings already live.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, Locale, TranslatableMixin


class SnippetPublication(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=255)
    published_at = models.DateTimeField(_("published at"))

    class Meta:
        verbose_name = _("snippet publication")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_publication_per_snippet")
        ]

    def __str__(self):
        return f"{self.content_type.model} {self.object_id}: {self.published_at:%Y-%m-%d %H:%M}"


@receiver(post_save)
def snippet_saved(sender, instance, raw=False, **kwargs):
    if raw or not isinstance(instance, TranslatableMixin) or isinstance(instance, DraftStateMixin):
        return
    from .groups import translatable_snippet_models

    if sender not in translatable_snippet_models() or instance.locale_id == Locale.get_default().pk:
        return
    SnippetPublication.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(sender),
        object_id=str(instance.pk),
        defaults={"published_at": timezone.now()},
    )
