"""Labels and links for "Module N, segment M" and "Exercise #N" references, in the visitor's language.

From a StreamField: `cms.blocks.LearningReferenceBlock` (see its docstring); its template asks this
module through the `learning_reference` tag.

From rich text: modules and segments use Wagtail's ordinary internal-page link. learning's
wagtail_hooks replaces the page link handler so an unpublished or missing target renders without an
href (plain text) and a live one links to its translation in the visitor's language. Exercises: the
editor links to the exercise's short route, typing `/learning/exercises/16/` as the link's URL. On
save it is stored as a reference to the exercise itself (`<a linktype="exercise" id="...">`, see
learning.rich_text), so it links to the exercise in the visitor's language while the exercise is
published, and renders as plain text once it is withdrawn or deleted.
"""

from django.utils.translation import gettext as _

from cms.locales import active_locale, default_locale, localized
from cms.membership import is_member

from .models import LearningIndexPage, ModulePage, SegmentPage


def learning_index_for_language():
    """The live learning index of the active language, else of the default language."""
    for locale in (active_locale(), default_locale()):
        index = LearningIndexPage.objects.live().filter(locale=locale).first()
        if index is not None:
            return index
    return None


def page_label(page, member):
    if isinstance(page, ModulePage):
        return _("Module %(number)s: %(title)s") % {"number": page.number, "title": page.title}
    module = ModulePage.objects.filter(pk=page.get_parent().pk).only("number").first()
    label = _("Module %(module)s, segment %(segment)s") % {
        "module": module.number if module else "?",
        "segment": page.number,
    }
    # Segment titles are members-only content; visitors see only the numbers.
    return f"{label}: {page.title}" if member else label


def exercise_label(exercise, member):
    if member:
        return exercise.label
    return _("Exercise #%(number)s") % {"number": exercise.number}


def resolve_reference(page=None, exercise=None, link_text="", request=None):
    """{"label", "url"} for a referenced module, segment or exercise; `url` is None when unavailable."""
    member = request is not None and is_member(request.user)
    if page is not None:
        target = localized(page.specific)
        if isinstance(target, (ModulePage, SegmentPage)):
            url = target.get_url(request) if target.live else None
            return {"label": link_text or page_label(target, member), "url": url}
    if exercise is not None:
        target = localized(exercise)
        index = learning_index_for_language()
        url = None
        if target.live and index is not None:
            url = index.get_url(request) + index.reverse_subpage("exercise", args=[target.number])
        return {"label": link_text or exercise_label(target, member), "url": url}
    return {"label": link_text or _("a part of the course that is no longer available"), "url": None}
