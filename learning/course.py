"""The course in order, with a member's progress: what the index, module and segment pages show.

Every function here costs a fixed number of queries however many modules, segments and completed
segments there are (the index and module pages' query counts are tested at two sizes). The course's
shape (its live modules and segments) is the same for every member, so it is kept under the page
cache's generation (`cached_with_pages`: any publication retires it); only the member's completed
segments are asked on every view.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext
from wagtail.models import Locale

from cms.page_cache import cached_with_pages

from .models import LearningIndexPage, ModulePage, SegmentCompletion, SegmentPage


def completed_segment_keys(member):
    """Translation keys of the segments `member` completed, in any language."""
    if member is None or not member.is_authenticated:
        return set()
    return set(SegmentCompletion.objects.filter(member=member).values_list("segment_key", flat=True))


@dataclass
class ModuleOutline:
    module: ModulePage
    segments: list = field(default_factory=list)
    # The learning index above the module, for the module page's breadcrumb.
    course: object = None

    @property
    def total(self):
        return len(self.segments)

    @property
    def completed(self):
        return sum(1 for segment in self.segments if segment.is_complete)

    @property
    def percent(self):
        return round(100 * self.completed / self.total) if self.total else 0

    @property
    def is_complete(self):
        return self.total > 0 and self.completed == self.total


@dataclass
class CourseOutline:
    modules: list

    @property
    def segments(self):
        """Every live segment in course order: by module number, then segment number."""
        return [segment for outline in self.modules for segment in outline.segments]

    @property
    def has_started(self):
        return any(segment.is_complete for segment in self.segments)

    @property
    def continue_segment(self):
        """Where the member left off: the first unfinished segment in course order."""
        return next((segment for segment in self.segments if not segment.is_complete), None)

    def outline_of(self, module):
        return next((outline for outline in self.modules if outline.module.pk == module.pk), None)


def _mark(segments, done):
    for segment in segments:
        segment.is_complete = segment.translation_key in done
    return segments


def live_modules(index):
    return ModulePage.objects.child_of(index).live().defer_streamfields().order_by("number")


def _course_shape(index):
    """(live modules, live segments) of the course, each in number order."""

    def build():
        segments = SegmentPage.objects.descendant_of(index).live().defer_streamfields().order_by("number")
        return list(live_modules(index)), list(segments)

    return cached_with_pages("course", index.pk, build)


def course_outline(index, member=None):
    """Modules and their segments in course order, each segment marked `is_complete` for `member`."""
    modules, segments = _course_shape(index)
    outlines = {module.path: ModuleOutline(module) for module in modules}
    done = completed_segment_keys(member)
    for segment in _mark(segments, done):
        outline = outlines.get(segment.path[: -SegmentPage.steplen])
        if outline is not None:  # a live segment under an unpublished module is not in the course
            outline.segments.append(segment)
    return CourseOutline(modules=list(outlines.values()))


def module_outline(module, member=None):
    def build():
        segments = SegmentPage.objects.child_of(module).live().defer_streamfields().order_by("number")
        return module.get_parent(), list(segments)

    course, segments = cached_with_pages("module-segments", module.pk, build)
    return ModuleOutline(module, _mark(segments, completed_segment_keys(member)), course=course)


def public_modules(index):
    """What visitors may see of the course: module numbers, titles and summaries."""
    return list(live_modules(index).only("title", "number", "summary", "path", "depth", "url_path", "locale"))


def _course_of(segment):
    """The segment's module and learning index (kept under the page cache's generation)."""
    return cached_with_pages("course-of", segment.pk, lambda: _find_course_of(segment))


def _find_course_of(segment):
    module = segment.get_parent()
    module = module.specific if module is not None else None
    index = module.get_parent() if module is not None else None
    index = index.specific if index is not None else None
    if not isinstance(index, LearningIndexPage):
        index = LearningIndexPage.objects.ancestor_of(segment).first()
    return (module if isinstance(module, ModulePage) else None), index


def segment_context(segment, member=None):
    """The segment's module, its completion and its neighbours across module boundaries."""
    module, index = _course_of(segment)
    if index is None:
        return {"is_complete": False}
    course = course_outline(index, member)
    order = course.segments
    position = next((i for i, other in enumerate(order) if other.pk == segment.pk), None)
    module_path = segment.path[: -SegmentPage.steplen]
    outline = next((outline for outline in course.modules if outline.module.path == module_path), None)
    return {
        "learning_index": index,
        "module": outline.module if outline else module,
        "module_outline": outline,
        "is_complete": (
            order[position].is_complete
            if position is not None
            else segment.translation_key in completed_segment_keys(member)
        ),
        "previous_segment": order[position - 1] if position else None,
        "next_segment": order[position + 1] if position is not None and position + 1 < len(order) else None,
    }


def resume_point(member):
    """The next segment of the course, in the reader's language, once the member has begun it.

    Offered on the home page and in the members' area (members.registry.resume_points); the
    learning index has its own button. Members who have not started see nothing: the site does
    not nag.
    """
    done = completed_segment_keys(member)
    if not done:
        return None
    index = LearningIndexPage.objects.live().filter(locale=Locale.get_active()).first()
    if index is None:
        return None
    course = course_outline(index, member)
    segment = course.continue_segment
    if segment is None:
        return None
    return {"label": gettext("Your next segment in the course"), "title": segment.title, "url": segment.url}
