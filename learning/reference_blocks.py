"""The block any app uses to reference "Module N, segment M" or "Exercise #N".

This module imports nothing from our other apps, so home.blocks (which learning.blocks builds on)
can use it too. It is re-exported as `learning.blocks.LearningReferenceBlock`.

Referencing a module, a segment or an exercise from a StreamField
-----------------------------------------------------------------
Add `LearningReferenceBlock` to any StreamField (home's StandardBodyBlock, the segment body and the
blog's blocks already have it)::

    from learning.blocks import LearningReferenceBlock

    body = StreamField([..., ("learning_reference", LearningReferenceBlock())])

The editor picks a module or segment page, or an exercise snippet. It is stored by id, so it
survives renames, renumbering and moves; the label ("Module 6, segment 1", "Exercise #16: Key
Observations") is worked out when the page is rendered, in the visitor's language. A target that
is unpublished, deleted or not yet translated-and-live renders as plain text, never a broken link.
Segment and exercise titles are shown to members only, since their content is members-only.

Referencing them from rich text
-------------------------------
Modules and segments: Wagtail's ordinary internal-page link. learning's wagtail_hooks replaces the
page link handler so an unpublished or missing target renders without an href (plain text) and a
live one links to its translation in the visitor's language.

Exercises: the editor links to the exercise's short route, typing `/learning/exercises/16/` as the
link's URL. On save it is stored as a reference to the exercise itself (`<a linktype="exercise"
id="...">`, see learning.rich_text), so it links to the exercise in the visitor's language while
the exercise is published, and renders as plain text once it is withdrawn or deleted.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock


class LearningReferenceBlock(blocks.StructBlock):
    """A link to "Module N, segment M" or "Exercise #N" that survives renames and moves.

    See this module's docstring for how other apps use it.
    """

    page = blocks.PageChooserBlock(
        label=_("module or segment"),
        page_type=["learning.ModulePage", "learning.SegmentPage"],
        required=False,
    )
    exercise = SnippetChooserBlock("learning.Exercise", label=_("exercise"), required=False)
    link_text = blocks.CharBlock(
        label=_("link text"),
        max_length=120,
        required=False,
        help_text=_('Leave empty to show, for example, "Module 6, segment 1".'),
    )

    class Meta:
        icon = "link"
        label = _("Learning module reference")
        template = "learning/blocks/learning_reference.html"
        description = _("A link to a learning module, a segment or an exercise.")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("exercise")):
            message = _("Choose either a module or segment, or an exercise (one of them).")
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "exercise": ValidationError(message)}
            )
        return value

    def get_context(self, value, parent_context=None):
        from learning.references import resolve_reference

        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        context["reference"] = resolve_reference(
            page=value.get("page"),
            exercise=value.get("exercise"),
            link_text=value.get("link_text"),
            request=request,
        )
        return context


# Keep the path migrations have always recorded for this block (it used to live in learning.blocks).
DECONSTRUCT_ALIASES = {LearningReferenceBlock: "learning.blocks.LearningReferenceBlock"}
