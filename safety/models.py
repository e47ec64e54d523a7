"""A member's private safety plan, and the steps staff write for everyone's plan."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, TranslatableMixin

from cms.localized_fields import translated
from cms.models import ReviewedTranslatableMixin

from .blocks import StepBlock


class SafetyPlanTemplate(ReviewedTranslatableMixin, models.Model):
    """What to do in an overdose or crisis, written by staff once per language, shown in every plan."""

    intro = models.TextField(_("introduction"), blank=True)
    steps = StreamField([("step", StepBlock())], verbose_name=_("steps"))

    panels = [FieldPanel("intro"), FieldPanel("steps")]
    translatable_fields = translated("intro", "steps")

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("safety plan template")
        verbose_name_plural = _("safety plan template")

    def __str__(self):
        return str(_("Safety plan template"))

    @classmethod
    def for_locale(cls, locale):
        """The template in `locale`, else in the default language (steps are better in English than missing)."""
        live = cls.objects.filter(live=True).select_related("locale")
        templates = {template.locale_id: template for template in live}
        return templates.get(locale.pk) or templates.get(Locale.get_default().pk)


class SafetyPlan(models.Model):
    """One member's plan. Private like the journal: no admin screen shows it, only its member."""

    member = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_plan")
    naloxone_location = models.TextField(_("where the naloxone is kept"), blank=True, max_length=500)
    # [{"name": str, "phone": str}], in the member's order.
    contacts = models.JSONField(_("people to call"), default=list, blank=True)
    services = models.JSONField(_("local services"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    updated_at = models.DateTimeField(_("last saved at"), auto_now=True)

    class Meta:
        verbose_name = _("safety plan")
        verbose_name_plural = _("safety plans")

    def __str__(self):
        # Never the plan's contents: they are private to the member.
        return f"safety plan of {self.member_id}"
