from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from cms.localized_fields import translated
from cms.models import ReviewedTranslatableMixin


class Topic(ReviewedTranslatableMixin, index.Indexed, models.Model):
    """A subject shared by Q&A posts and podcast episodes, e.g. Partners, Self-care, Relapse."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=True)
    description = models.TextField(_("description"), max_length=500, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    # The slug is translated too: Spanish topic archives live at /es/blog/topic/<spanish-slug>/.
    translatable_fields = translated("name", "slug", "description")
    search_fields = [index.SearchField("name"), index.FilterField("locale_id")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [models.UniqueConstraint(fields=["locale", "slug"], name="unique_topic_slug_per_locale")]

    def __str__(self):
        return self.name

    def clean(self):
        """A slug already used in this language is a form error, not a database error.

        The admin form has no locale field, so Django's own check of the (locale, slug) constraint
        is skipped for it and a duplicate would only fail at the database.
        """
        super().clean()
        if not self.slug or self.locale_id is None:
            return
        taken = Topic.objects.filter(locale_id=self.locale_id, slug=self.slug).exclude(pk=self.pk)
        if taken.exists():
            raise ValidationError(
                {"slug": _("Another topic in this language already uses this slug. Choose a different one.")},
                code="duplicate_slug",
            )


class TopicLinksPageForm(WagtailAdminPageForm):
    """The page editor's topic choosers offer only the topics of the page's own language.

    A Spanish post linked to an English topic would show an English name and sit in an archive
    that the Spanish blog never lists. Limiting the queryset also makes the form refuse one.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formset = self.formsets.get("topic_links")
        locale_id = getattr(self.instance, "locale_id", None)
        if formset is None or locale_id is None:
            return
        topics = Topic.objects.filter(locale_id=locale_id)

        class LocalTopicForm(formset.form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.fields["topic"].queryset = topics

        # Forms are built lazily (and the empty template form on every access), so swap the class.
        formset.form = LocalTopicForm
