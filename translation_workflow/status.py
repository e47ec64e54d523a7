"""The freshness of every Spanish translation: what the "Translation status" report and panel show.

Everything is discovered generically: every page in the English tree (whatever its type, so
learning, blog and podcast pages are covered as their apps add them) and every instance of every
translatable snippet model. A fixed number of queries per snippet model and for all pages, so the
report costs the same for ten pages or ten thousand (apart from the rows themselves).

Freshness compares publication dates. A snippet without draft state has none: it is live from its
first save. For those the question is the one wagtail-localize asks before a sync: is the English
snippet's content still what its translation source extracted? If not, the Spanish is outdated,
since the English edit logged after that extraction (Wagtail logs every edit in the admin).
And since only reviewers publish them in Spanish, a snippet whose Spanish strings were all
translated after it last went live (models.SnippetPublication) is "in review".
"""

import json
from dataclasses import dataclass
from datetime import datetime

from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.models import DraftStateMixin, Locale, ModelLogEntry, Page, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from .groups import TARGET_LANGUAGE, translatable_snippet_models
from .models import SnippetPublication

MISSING = "missing"
IN_PROGRESS = "in_progress"
CHANGES_REQUESTED = "changes_requested"
IN_REVIEW = "in_review"
OUTDATED = "outdated"
PUBLISHED = "published"

STATUS_CHOICES = [
    (MISSING, _("Missing")),
    (IN_PROGRESS, _("In progress")),
    (CHANGES_REQUESTED, _("Changes requested")),
    (IN_REVIEW, _("In review")),
    (OUTDATED, _("Outdated")),
    (PUBLISHED, _("Published")),
]
STATUS_LABELS = dict(STATUS_CHOICES)
SNIPPETS_SECTION = "snippets"
HOME_SECTION = "home"  # a locale's home page itself, which lives under no section


@dataclass
class TranslationStatus:
    """One English page or snippet and the state of its Spanish translation."""

    kind: str  # "page" or "snippet"
    title: str
    content_type: str
    section: str  # slug of the top-level page it lives under, or "snippets"
    section_title: str
    english_url: str
    english_published_at: datetime | None
    status: str
    outdated_since: datetime | None
    strings_total: int
    strings_translated: int
    action_label: str
    action_url: str
    spanish_edit_url: str

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def status_display(self):
        if self.status == OUTDATED and self.outdated_since:
            since = date_format(timezone.localtime(self.outdated_since), "DATE_FORMAT")
            return _("Outdated since %(date)s") % {"date": since}
        if self.status == OUTDATED:
            return str(_("Outdated: the English changed after the last translation"))
        return str(self.status_label)

    @property
    def translated_share(self):
        """Whole percent of the English strings that have a Spanish translation (None: not started)."""
        if not self.strings_total:
            return None
        return round(100 * self.strings_translated / self.strings_total)

    @property
    def translated_share_display(self):
        share = self.translated_share
        return "" if share is None else f"{share}%"


def _progress_by_source(source_ids, locale):
    """{source id: (total strings, translated strings)} in one query."""
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale=locale,
        has_error=False,
    )
    rows = (
        StringSegment.objects.filter(source_id__in=source_ids)
        .annotate(is_translated=Exists(translated))
        .values("source_id")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(is_translated=True)))
    )
    return {row["source_id"]: (row["total"], row["done"]) for row in rows}


def _status(english_published_at, spanish, review, has_translation, progress):
    """(status, outdated since) for one object. `spanish` is a dict of the Spanish row's fields."""
    if spanish is None:
        return MISSING, None
    if review == WorkflowState.STATUS_IN_PROGRESS:
        return IN_REVIEW, None
    if review == WorkflowState.STATUS_NEEDS_CHANGES:
        return CHANGES_REQUESTED, None
    if spanish["live"]:
        spanish_published_at = spanish["last_published_at"]
        if english_published_at and spanish_published_at and english_published_at > spanish_published_at:
            return OUTDATED, english_published_at
        total, done = progress
        if has_translation and total > done:
            return IN_PROGRESS, None
        return PUBLISHED, None
    return IN_PROGRESS, None


class StatusCollector:
    def __init__(self):
        self.english = Locale.get_default()
        self.spanish = Locale.objects.get(language_code=TARGET_LANGUAGE)

    def snippet_edit_url(self, model, pk):
        return reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:edit", args=[quote(pk)])

    def sources_for(self, keys):
        by_key, translations, progress, _sources = self.sources_with_content(keys)
        return by_key, translations, progress

    def sources_with_content(self, keys):
        """As sources_for, plus {translation key: (extracted content, extracted at)} of each source."""
        sources = TranslationSource.objects.filter(object_id__in=keys, locale=self.english).values(
            "pk", "object_id", "content_json", "last_updated_at"
        )
        by_key, content = {}, {}
        for source in sources:
            by_key[source["object_id"]] = source["pk"]
            content[source["object_id"]] = (source["content_json"], source["last_updated_at"])
        translations = set(
            Translation.objects.filter(
                source_id__in=by_key.values(), target_locale=self.spanish, enabled=True
            ).values_list("source_id", flat=True)
        )
        progress = _progress_by_source(by_key.values(), self.spanish)
        return by_key, translations, progress, content

    def page_rows(self):
        pages = list(
            Page.objects.filter(locale=self.english, depth__gt=1)
            .order_by("path")
            .values("pk", "title", "path", "depth", "translation_key", "content_type_id", "last_published_at", "live")
        )
        if not pages:
            return []
        keys = [page["translation_key"] for page in pages]
        sections = {
            page["path"]: (page["slug"], page["title"])
            for page in Page.objects.filter(locale=self.english, depth=3).values("path", "slug", "title")
        }
        spanish = {
            page["translation_key"]: page
            for page in Page.objects.filter(
                locale=self.spanish, translation_key__in=keys, alias_of__isnull=True
            ).values("pk", "translation_key", "live", "last_published_at")
        }
        page_type = ContentType.objects.get_for_model(Page)
        reviews = dict(
            WorkflowState.objects.active()
            .filter(base_content_type=page_type, object_id__in=[str(page["pk"]) for page in spanish.values()])
            .values_list("object_id", "status")
        )
        sources, translations, progress = self.sources_for(keys)
        rows = []
        for page in pages:
            key = page["translation_key"]
            section_slug, section_title = sections.get(page["path"][: 3 * Page.steplen], (HOME_SECTION, _("Home")))
            spanish_page = spanish.get(key)
            source_id = sources.get(key)
            review = reviews.get(str(spanish_page["pk"])) if spanish_page else None
            status, since = _status(
                page["last_published_at"],
                spanish_page,
                review,
                source_id in translations,
                progress.get(source_id, (0, 0)),
            )
            spanish_edit_url = reverse("wagtailadmin_pages:edit", args=[spanish_page["pk"]]) if spanish_page else ""
            action_label, action_url = self.page_action(status, page, source_id, spanish_page, spanish_edit_url)
            total, done = progress.get(source_id, (0, 0))
            rows.append(
                TranslationStatus(
                    kind="page",
                    title=page["title"],
                    content_type=str(ContentType.objects.get_for_id(page["content_type_id"]).name),
                    section=section_slug,
                    section_title=str(section_title),
                    english_url=reverse("wagtailadmin_pages:edit", args=[page["pk"]]),
                    english_published_at=page["last_published_at"],
                    status=status,
                    outdated_since=since,
                    strings_total=total,
                    strings_translated=done,
                    action_label=str(action_label),
                    action_url=action_url,
                    spanish_edit_url=spanish_edit_url,
                )
            )
        return rows

    def page_action(self, status, page, source_id, spanish_page, spanish_edit_url):
        if status == MISSING:
            if page["depth"] == 2:
                return "", ""  # a locale's home page is created with the locale, not translated here
            url = reverse("wagtail_localize:submit_page_translation", args=[page["pk"]])
            return _("Translate"), f"{url}?select_locale={TARGET_LANGUAGE}"
        if status == OUTDATED and source_id:
            return _("Update from English"), reverse("wagtail_localize:update_translations", args=[source_id])
        if status in (IN_REVIEW, CHANGES_REQUESTED):
            return _("Open review"), reverse("translation_workflow:review", args=[spanish_page["pk"]])
        return _("Edit translation"), spanish_edit_url

    def snippet_rows(self):
        rows = []
        for model in translatable_snippet_models():
            rows.extend(self.rows_for_snippet_model(model))
        return rows

    def rows_for_snippet_model(self, model):
        english = list(model.objects.filter(locale=self.english))
        if not english:
            return []
        keys = [snippet.translation_key for snippet in english]
        draftable = issubclass(model, DraftStateMixin)
        spanish_fields = ["pk", "translation_key"] + (["live", "last_published_at"] if draftable else [])
        spanish = {
            row["translation_key"]: {"live": True, "last_published_at": None, **row}
            for row in model.objects.filter(locale=self.spanish, translation_key__in=keys).values(*spanish_fields)
        }
        sources, translations, progress, extracted = self.sources_with_content(keys)
        edited_at = {} if draftable else last_edits(model, [snippet.pk for snippet in english])
        waiting = set() if draftable else self.translated_since_published(model, spanish)
        reviews = self.reviews_of(model, spanish) if draftable else {}
        label = str(model._meta.verbose_name)
        rows = []
        for snippet in english:
            key = snippet.translation_key
            spanish_row = spanish.get(key)
            source_id = sources.get(key)
            # Without draft state, the last edit is when the English went live.
            published_at = snippet.last_published_at if draftable else edited_at.get(str(snippet.pk))
            review = reviews.get(str(spanish_row["pk"])) if spanish_row else None
            status, since = _status(
                published_at, spanish_row, review, source_id in translations, progress.get(source_id, (0, 0))
            )
            # A live row holds the published text (a draft waits in a revision), so for snippets
            # with draft state too, a difference from what was extracted is an English change.
            if status not in (MISSING, IN_REVIEW, CHANGES_REQUESTED) and key in extracted:
                content_json, extracted_at = extracted[key]
                if changed_since_extraction(snippet, content_json):
                    status = OUTDATED
                    since = published_at if published_at and published_at > extracted_at else None
            if status == PUBLISHED and key in waiting:
                status = IN_REVIEW
            total, done = progress.get(source_id, (0, 0))
            spanish_edit_url = self.snippet_edit_url(model, spanish_row["pk"]) if spanish_row else ""
            if status == MISSING:
                url = reverse(
                    "wagtail_localize:submit_snippet_translation",
                    args=[model._meta.app_label, model._meta.model_name, quote(snippet.pk)],
                )
                action_label, action_url = _("Translate"), f"{url}?select_locale={TARGET_LANGUAGE}"
            elif status == OUTDATED and source_id:
                action_label = _("Update from English")
                action_url = reverse("wagtail_localize:update_translations", args=[source_id])
            elif status in (IN_REVIEW, CHANGES_REQUESTED) and review:
                opts = model._meta
                action_label = _("Open review")
                action_url = reverse(
                    "translation_workflow:review_snippet",
                    args=[opts.app_label, opts.model_name, quote(spanish_row["pk"])],
                )
            elif status == IN_REVIEW:
                action_label, action_url = _("Review and publish"), spanish_edit_url
            else:
                action_label, action_url = _("Edit translation"), spanish_edit_url
            rows.append(
                TranslationStatus(
                    kind="snippet",
                    title=str(snippet),
                    content_type=label,
                    section=SNIPPETS_SECTION,
                    section_title=str(_("Snippets")),
                    english_url=self.snippet_edit_url(model, snippet.pk),
                    english_published_at=published_at,
                    status=status,
                    outdated_since=since,
                    strings_total=total,
                    strings_translated=done,
                    action_label=str(action_label),
                    action_url=action_url,
                    spanish_edit_url=spanish_edit_url,
                )
            )
        return rows

    def reviews_of(self, model, spanish):
        """{Spanish snippet pk (text): status of its active review workflow}, in one query."""
        return dict(
            WorkflowState.objects.active()
            .filter(
                base_content_type=ContentType.objects.get_for_model(model),
                object_id__in=[str(row["pk"]) for row in spanish.values()],
            )
            .values_list("object_id", "status")
        )

    def translated_since_published(self, model, spanish):
        """Translation keys of Spanish snippets with a string translated after they last went live."""
        published = dict(
            SnippetPublication.objects.filter(
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=[str(row["pk"]) for row in spanish.values()],
            ).values_list("object_id", "published_at")
        )
        if not published:
            return set()
        last_translated = dict(
            StringTranslation.objects.filter(locale=self.spanish, context__object_id__in=list(spanish))
            .values("context__object_id")
            .annotate(last=Max("updated_at"))
            .values_list("context__object_id", "last")
        )
        return {
            key
            for key, row in spanish.items()
            if str(row["pk"]) in published
            and key in last_translated
            and last_translated[key] > published[str(row["pk"])]
        }


def changed_since_extraction(instance, content_json):
    """Whether `instance` differs from the content its translation source extracted, compared
    exactly as wagtail-localize decides whether a source needs updating."""
    if isinstance(instance, ClusterableModel):
        current = instance.to_json()
    else:
        current = json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder)
    return _content_only(json.loads(current)) != _content_only(json.loads(content_json))


# Draft state, revisions and locking change with every draft saved, submitted or locked, while the
# text readers see stays the same: only the content tells whether the English changed.
WAGTAIL_STATE_FIELDS = {
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision",
    "latest_revision",
    "go_live_at",
    "expire_at",
    "expired",
    "locked",
    "locked_at",
    "locked_by",
}


def _content_only(data):
    return {name: value for name, value in data.items() if name not in WAGTAIL_STATE_FIELDS}


def last_edits(model, pks):
    """{str(pk): when it was last created or edited in the admin}, from Wagtail's log, in one query."""
    return dict(
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
            object_id__in=[str(pk) for pk in pks],
            action__in=["wagtail.create", "wagtail.edit"],
        )
        .values("object_id")
        .annotate(last=Max("timestamp"))
        .values_list("object_id", "last")
    )


def translation_statuses():
    """Every English page and translatable snippet with the state of its Spanish translation."""
    collector = StatusCollector()
    return collector.page_rows() + collector.snippet_rows()


def section_choices():
    english = Locale.get_default()
    sections = [
        (page["slug"], page["title"])
        for page in Page.objects.filter(locale=english, depth=3).order_by("path").values("slug", "title")
    ]
    return [(HOME_SECTION, _("Home")), *sections, (SNIPPETS_SECTION, _("Snippets"))]


def status_counts(rows=None):
    rows = translation_statuses() if rows is None else rows
    counts = dict.fromkeys(STATUS_LABELS, 0)
    for row in rows:
        counts[row.status] += 1
    return counts
