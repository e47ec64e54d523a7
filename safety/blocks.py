"""The blocks of the staff's safety plan template."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class StepBlock(blocks.StructBlock):
    """One thing to do in an overdose or crisis; a step that names a help line links to it."""

    text = blocks.TextBlock(label=_("what to do"), max_length=400)
    # A crisis resource, not a typed number: its call and text links (988's AYUDA in Spanish) are
    # kept in one place, the footer's, and are the same in the plan.
    crisis_line = SnippetChooserBlock(
        "cms.CrisisResource",
        label=_("help line to call"),
        required=False,
        help_text=_("Shows tap-to-call (and text) links to this help line beside the step."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Step")
        description = _("One step of what to do in an overdose or crisis.")
        preview_value = {"text": "Check whether the person is breathing."}
