"""Online support meetings: a bilingual index of weekly groups, each with its calendar file.

Times are kept as the organiser keeps them, a weekday and a wall-clock time in their IANA zone,
because that is what stays fixed when daylight saving changes; instants are worked out per date.
"""

import datetime
from zoneinfo import ZoneInfo, available_timezones

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from cms.localized_fields import synchronized, translated
from cms.privacy import public
from cms.translation_notice import TranslationNoticeMixin

LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
INTERVALS = [(1, _("Every week")), (2, _("Every other week"))]
# The index shows what is coming in the next two weeks: every meeting, even fortnightly ones, once.
LISTING_WINDOW = datetime.timedelta(days=14)


def validate_time_zone(value):
    if value not in available_timezones():
        raise ValidationError(_("Use an IANA time zone name, such as America/Chicago or Europe/Madrid."))


class Occurrence:
    """One date of a meeting: its start as the organiser's wall clock and as an instant."""

    def __init__(self, meeting, date, cancellation=None):
        self.meeting = meeting
        self.date = date
        self.cancellation = cancellation
        self.local_start = meeting.local_start_on(date)
        self.utc_start = self.local_start.astimezone(datetime.UTC)

    @property
    def cancelled(self):
        return self.cancellation is not None


def is_scheduled(date, first_date, interval_weeks):
    return date >= first_date and (date - first_date).days % (7 * interval_weeks) == 0


class MeetingPageForm(WagtailAdminPageForm):
    """A cancelled date must be one the group meets on: any other date would be silently ignored,
    and members would still expect the meeting it was meant to call off."""

    def clean(self):
        cleaned_data = super().clean()
        first_date, interval = cleaned_data.get("first_date"), cleaned_data.get("interval_weeks")
        if first_date is None or interval is None:
            return cleaned_data
        for form in self.formsets["cancellations"].forms:
            # The page's own fields are cleaned before its formsets: clean each row here first.
            if not form.is_valid():
                continue
            date = form.cleaned_data.get("date")
            if date and not form.cleaned_data.get("DELETE") and not is_scheduled(date, first_date, int(interval)):
                form.add_error("date", _("The meeting does not take place on this date."))
        return cleaned_data


class MeetingIndexPage(TranslationNoticeMixin, RoutablePageMixin, Page):
    """The list of upcoming meetings in one language, and that language's calendar feed."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["meetings.MeetingPage"]
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("meeting index page")

    def meetings(self):
        """This language's published meetings anyone may see, with their cancellations."""
        return public(MeetingPage.objects.child_of(self).live()).prefetch_related("cancellations").order_by("title")

    def upcoming(self, meetings, now=None):
        """Each meeting's dates in the next two weeks, soonest first (cancelled dates included)."""
        now = now or timezone.now()
        occurrences = [o for meeting in meetings for o in meeting.occurrences_between(now, now + LISTING_WINDOW)]
        return sorted(occurrences, key=lambda occurrence: occurrence.utc_start)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        meetings = self.meetings()
        language = request.GET.get("language", "")
        if language in dict(LANGUAGES):
            meetings = meetings.filter(meeting_language=language)
        else:
            language = ""
        weekday = request.GET.get("weekday", "")
        if weekday in {str(number) for number, _name in WEEKDAYS}:
            meetings = meetings.filter(weekday=int(weekday))
        else:
            weekday = ""
        context.update(
            occurrences=self.upcoming(meetings),
            language_choices=LANGUAGES,
            weekday_choices=WEEKDAYS,
            chosen_language=language,
            chosen_weekday=weekday,
        )
        return context

    @path("calendar.ics/", name="calendar")
    def calendar(self, request):
        from .calendar import calendar_response

        return calendar_response(request, self.meetings(), filename=f"{self.slug}.ics")

    def get_calendar_url(self, request=None):
        # Page routing sees "calendar.ics/"; the address people and calendar apps use has no slash.
        return self.get_url(request) + self.reverse_subpage("calendar").rstrip("/")


class MeetingPage(TranslationNoticeMixin, RoutablePageMixin, Page):
    """One recurring support group. Its joining link is for signed-in members only."""

    description = models.TextField(_("description"), max_length=2000)
    meeting_language = models.CharField(_("language of the meeting"), max_length=2, choices=LANGUAGES, default="en")
    first_date = models.DateField(_("first date"), help_text=_("The date of the first meeting; it sets the weekday."))
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=WEEKDAYS, editable=False)
    start_time = models.TimeField(_("start time"), help_text=_("The organiser's local time."))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="America/Chicago",
        validators=[validate_time_zone],
        help_text=_("The organiser's IANA time zone, such as America/Chicago or Europe/Madrid."),
    )
    duration_minutes = models.PositiveSmallIntegerField(_("duration in minutes"), default=60)
    interval_weeks = models.PositiveSmallIntegerField(_("recurrence"), choices=INTERVALS, default=1)
    joining_link = models.URLField(
        _("joining link"), help_text=_("Shown to signed-in members only, never in public calendars.")
    )
    facilitator = models.CharField(_("facilitator"), max_length=120)
    capacity_note = models.CharField(_("capacity note"), max_length=200, blank=True)

    parent_page_types = ["meetings.MeetingIndexPage"]
    subpage_types = []
    base_form_class = MeetingPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("meeting_language"), FieldPanel("facilitator")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("first_date"), FieldPanel("start_time"), FieldPanel("time_zone")]),
                FieldRowPanel([FieldPanel("duration_minutes"), FieldPanel("interval_weeks")]),
            ],
            heading=_("When"),
        ),
        FieldPanel("joining_link"),
        FieldPanel("capacity_note"),
        InlinePanel("cancellations", heading=_("Cancelled dates"), label=_("cancelled date")),
    ]
    # The joining link is left out of the search index on purpose: search is public.
    search_fields = [*Page.search_fields, index.SearchField("description"), index.FilterField("meeting_language")]
    # A Spanish page may point at a Spanish-speaking room of the same group: the link is overridable.
    override_translatable_fields = [
        *synchronized(
            "meeting_language",
            "first_date",
            "start_time",
            "time_zone",
            "duration_minutes",
            "interval_weeks",
            "facilitator",
            overridable=False,
        ),
        *synchronized("joining_link"),
        *translated("capacity_note", "cancellations"),
    ]

    class Meta:
        verbose_name = _("meeting page")

    def save(self, *args, **kwargs):
        self.weekday = self.first_date.weekday()
        return super().save(*args, **kwargs)

    @property
    def zone(self):
        return ZoneInfo(self.time_zone)

    @property
    def duration(self):
        return datetime.timedelta(minutes=self.duration_minutes)

    def local_start_on(self, date):
        """The start on `date` by the organiser's clock: the same wall time whatever the season."""
        return datetime.datetime.combine(date, self.start_time, tzinfo=self.zone)

    def cancelled_dates(self):
        return {cancellation.date: cancellation for cancellation in self.cancellations.all()}

    def occurrences_between(self, start, end):
        """The meeting's dates whose start falls in [start, end), cancelled ones marked."""
        cancelled = self.cancelled_dates()
        step = datetime.timedelta(weeks=self.interval_weeks)
        local_start = start.astimezone(self.zone).date()
        date = self.first_date
        if local_start > date:
            # Jump to the first scheduled date on or after the window's start, in whole steps.
            steps = (local_start - date).days // step.days
            date += steps * step
        occurrences = []
        while True:
            occurrence = Occurrence(self, date, cancelled.get(date))
            if occurrence.utc_start >= end:
                return occurrences
            if occurrence.utc_start >= start:
                occurrences.append(occurrence)
            date += step

    def next_occurrences(self, count=4, now=None):
        now = now or timezone.now()
        return self.occurrences_between(now, now + datetime.timedelta(weeks=self.interval_weeks * count))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["occurrences"] = self.next_occurrences()
        context["index"] = self.get_parent().specific
        return context

    @path("calendar.ics/", name="calendar")
    def calendar(self, request):
        from .calendar import calendar_response

        return calendar_response(request, [self], filename=f"{self.slug}.ics", attachment=True)

    def get_calendar_url(self, request=None):
        # Page routing sees "calendar.ics/"; the address people and calendar apps use has no slash.
        return self.get_url(request) + self.reverse_subpage("calendar").rstrip("/")


class MeetingCancellation(TranslatableMixin, Orderable):
    """One date the group does not meet; the listing says so and calendars drop that date."""

    page = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="cancellations")
    date = models.DateField(_("date"), help_text=_("A date the meeting would otherwise take place."))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    panels = [FieldPanel("date"), FieldPanel("reason")]
    translatable_fields = [*synchronized("date"), *translated("reason")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["date"]
        verbose_name = _("cancelled date")
