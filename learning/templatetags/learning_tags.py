"""Template tags of the course: an exercise with the member's journal form, progress bars, images."""

from urllib.parse import urlsplit

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.images.models import Filter

from cms.locales import localized
from cms.shared_pieces import for_readers_of
from learning.journal import JournalForm, exercise_url
from learning.models import JournalEntry, LearningIndexPage
from learning.references import resolve_reference
from learning.views import COURSE_IMAGE_SIZES

register = template.Library()


@register.simple_tag(takes_context=True)
def segment_body(context, page):
    """The segment's body: its passages rendered once for every reader of one kind
    (`cms.shared_pieces`), its exercises, which hold each member's own journal form, on every view.

    The kept passages are rendered from the page, the request and the learning index alone, as
    `render_part` renders a part; an exercise keeps its place by its position in the body.
    """
    request = context["request"]

    def build():
        passage_context = {"page": page, "request": request, "learning_index": context.get("learning_index")}
        return [
            position if block.block_type == "exercise" else block.render_as_block(context=passage_context)
            for position, block in enumerate(page.body)
        ]

    pieces = for_readers_of(page, "segment-body", build, request)
    full_context = context.flatten()
    return mark_safe(  # noqa: S308 (each piece is a block's own rendering)
        "".join(
            page.body[piece].render_as_block(context=full_context) if isinstance(piece, int) else piece
            for piece in pieces
        )
    )


@register.simple_tag(takes_context=True)
def learning_reference(context, value):
    """`{% learning_reference value as reference %}`: the label and link of a
    `cms.blocks.LearningReferenceBlock` value, in the visitor's language (cms imports no app, so the
    block leaves this to learning's template)."""
    return resolve_reference(
        page=value.get("page"),
        exercise=value.get("exercise"),
        link_text=value.get("link_text"),
        request=context.get("request"),
    )


@register.inclusion_tag("learning/includes/exercise.html", takes_context=True)
def exercise_with_journal(context, exercise, heading_level=2):
    """An exercise placed in a segment: its instructions and the member's private answers form.

    The form posts to the exercise's own page, which returns the member to this segment.
    """
    request = context["request"]
    exercise = localized(exercise) if exercise is not None else None
    if exercise is None or not exercise.live:
        return {"exercise": None}
    page = context.get("page")
    # The segment page already knows its learning index (segment_context); other pages look it up.
    index = context.get("learning_index")
    if index is None and page is not None:
        index = LearningIndexPage.objects.ancestor_of(page).first()
    if index is None:
        return {"exercise": None}
    entry = None
    if request.user.is_authenticated:
        entry = JournalEntry.objects.filter(member=request.user, exercise_key=exercise.translation_key).first()
    return {
        "request": request,
        "exercise": exercise,
        "entry": entry,
        "form": JournalForm(exercise=exercise, entry=entry, initial={"next": request.path}),
        "action_url": exercise_url(index, exercise),
        "heading_level": heading_level,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("learning/includes/progress_bar.html")
def progress_bar(completed, total, label):
    percent = round(100 * completed / total) if total else 0
    return {"completed": completed, "total": total, "percent": percent, "label": label}


@register.simple_tag
def course_image(image, size, alt=""):
    """An `<img>` served by the members-only image view, never a public /media/ rendition URL."""
    width, height = Filter(spec=COURSE_IMAGE_SIZES[size]).get_transform(image).size
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" loading="lazy">',
        reverse("learning:course_image", args=[image.pk, size]),
        width,
        height,
        alt,
    )


@register.filter
def video_host(url):
    """The site a video link leads to, as visitors know it: "youtube.com", "vimeo.com"."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")
