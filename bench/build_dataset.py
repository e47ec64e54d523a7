"""Grow the demo site into a large bilingual dataset with bulk inserts (run by bench/run.sh).

Starts from `migrate` + `load_demo_content --force` (home, indexes, topics, demo media in both
languages) and adds, under the existing indexes:

- 10,000 members: auth users, Members group, verified allauth EmailAddress, MemberProfile;
- 20 topics per language, 1,000 Q&A posts in each language (same translation_key);
- 100,000 XtdComment rows on those posts: thread_id, parent_id, level, order and nested_count
  set as django-comments-xtd would, with some single threads of 500 comments four levels deep;
- a course of 8 modules x 6 segments per language, and completed segments for every member;
- 200 podcast episodes per language.

Pages are inserted as rows: treebeard `path`/`depth`/`numchild`, `url_path`, `locale`,
`translation_key`, `live`, `content_type`, then the specific table's row through the model's own
field preparation (`Manager._insert`, as `save_base(raw=True)` does, but many rows per statement).
Ids of pages and comments are allocated here (comments point at each other by id) and the
sequences are moved past them. `manage.py fixtree` checks the result afterwards.
"""

import os
import random
import sys
import time
import uuid
from datetime import timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Max  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_comments.models import Comment  # noqa: E402
from django_comments_xtd.models import XtdComment  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402

from blog.models import (  # noqa: E402
    BlogIndexPage,
    EpisodeGuest,
    EpisodeTopic,
    Guest,
    PodcastEpisodePage,
    PodcastIndexPage,
    QAPostPage,
    QAPostTopic,
    Topic,
)
from cms.membership import MEMBERS_GROUP  # noqa: E402
from cms.models import CreditedImage, SiteMedia  # noqa: E402
from learning.models import LearningIndexPage, ModulePage, SegmentCompletion, SegmentPage  # noqa: E402
from members.models import MemberProfile, Relationship  # noqa: E402

MEMBERS = int(os.environ.get("BENCH_MEMBERS", "10000"))
POSTS = int(os.environ.get("BENCH_POSTS", "1000"))
TOPICS = 20
COMMENTS = int(os.environ.get("BENCH_COMMENTS", "100000"))
HOT_THREAD_SIZE = 500
HOT_POSTS_PER_LANGUAGE = 10  # every 100th English post and its Spanish translation
MODULES, SEGMENTS = 8, 6
EPISODES = int(os.environ.get("BENCH_EPISODES", "200"))
BATCH = 2000
BENCH_PASSWORD = os.environ.get("BENCH_MEMBER_PASSWORD", "bench-member-password")  # noqa: S105 (throwaway db)

rng = random.Random(20240509)  # noqa: S311 (test data, not security)
NOW = timezone.now()
STARTED = time.monotonic()

WORDS = {
    "en": [
        "family",
        "partner",
        "son",
        "daughter",
        "treatment",
        "listening",
        "boundaries",
        "relapse",
        "recovery",
        "money",
        "sober",
        "conversation",
        "support",
        "self-care",
        "naloxone",
        "therapy",
        "reward",
        "calm",
        "trust",
        "hope",
        "worry",
        "sleep",
        "encouragement",
        "progress",
        "patience",
        "safety",
    ],
    "es": [
        "familia",
        "pareja",
        "hijo",
        "hija",
        "tratamiento",
        "escuchar",
        "límites",
        "recaída",
        "recuperación",
        "dinero",
        "sobrio",
        "conversación",
        "apoyo",
        "autocuidado",
        "naloxona",
        "terapia",
        "premio",
        "calma",
        "confianza",
        "esperanza",
        "preocupación",
        "sueño",
        "ánimo",
        "progreso",
        "paciencia",
        "seguridad",
    ],
}
TOPIC_NAMES = [
    ("Money", "Dinero"),
    ("Sleep", "Sueño"),
    ("Holidays", "Fiestas"),
    ("Work", "Trabajo"),
    ("Siblings", "Hermanos"),
    ("Grandparents", "Abuelos"),
    ("Alcohol", "Alcohol"),
    ("Cannabis", "Cannabis"),
    ("Stimulants", "Estimulantes"),
    ("Safety plans", "Planes de seguridad"),
    ("Boundaries", "Límites"),
    ("Celebrations", "Celebraciones"),
    ("Hope", "Esperanza"),
    ("Anger", "Enojo"),
    ("Grief", "Duelo"),
]


def say(text):
    sys.stdout.write(f"[{time.monotonic() - STARTED:6.1f}s] {text}\n")
    sys.stdout.flush()


class Progress:
    """A progress bar: redrawn in place on a terminal, a line per 10 % otherwise (logs, make)."""

    def __init__(self, label, total):
        self.label, self.total, self.done, self.shown = label, max(total, 1), 0, None
        self.tty = sys.stdout.isatty()
        self.update(0)

    def update(self, step):
        self.done += step
        percent = min(100, self.done * 100 // self.total)
        mark = percent if self.tty else percent // 10
        if mark == self.shown:
            return
        self.shown = mark
        bar = "#" * (percent // 4) + "." * (25 - percent // 4)
        line = (
            f"[{time.monotonic() - STARTED:6.1f}s] {self.label:<22} [{bar}] {percent:3d}% {self.done:,}/{self.total:,}"
        )
        if self.tty:
            sys.stdout.write("\r" + line + ("\n" if percent == 100 else ""))
        else:
            sys.stdout.write(line + "\n")
        sys.stdout.flush()


def batched(items, size=BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def sentence(language, words=12):
    text = " ".join(rng.choice(WORDS[language]) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(language, sentences=4):
    return " ".join(sentence(language, rng.randint(8, 16)) for _ in range(sentences))


def reset_sequence(model):
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"  # noqa: S608
        )


# --- Pages ------------------------------------------------------------------------------------------

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def step(number):
    """Treebeard's MP_Node path step: `number` in base 36, four characters."""
    digits = ""
    for _ in range(Page.steplen):
        number, digit = divmod(number, 36)
        digits = ALPHABET[digit] + digits
    if number:
        raise ValueError("too many children for one treebeard step")
    return digits


class PageRows:
    """Collects new pages (base row + specific row), then writes them in bulk."""

    def __init__(self):
        self.next_id = (Page.objects.aggregate(Max("id"))["id__max"] or 0) + 1
        self.last_step = {}  # parent path -> number of its last child
        self.added = {}  # parent path -> children added (numchild of existing parents)
        self.new = {}  # path -> Page row (new pages)
        self.specific = {}  # model -> [specific rows]
        self.content_types = {}

    def _last_step(self, parent_path):
        if parent_path not in self.last_step:
            if parent_path in self.new:
                self.last_step[parent_path] = 0
            else:
                last = Page.objects.filter(
                    path__startswith=parent_path, depth=len(parent_path) // Page.steplen + 1
                ).aggregate(Max("path"))["path__max"]
                self.last_step[parent_path] = int(last[-Page.steplen :], 36) if last else 0
        return self.last_step[parent_path]

    def add(self, parent, model, *, title, slug, locale, translation_key=None, published=None, **fields):
        """Queue a live page `model` under `parent` (a Page row, existing or queued); returns the Page row."""
        number = self._last_step(parent.path) + 1
        self.last_step[parent.path] = number
        if parent.path in self.new:
            parent.numchild += 1
        else:
            self.added[parent.path] = self.added.get(parent.path, 0) + 1
        if model not in self.content_types:
            self.content_types[model] = ContentType.objects.get_for_model(model)
        published = published or NOW
        base = {
            "id": self.next_id,
            "path": parent.path + step(number),
            "depth": parent.depth + 1,
            "numchild": 0,
            "translation_key": translation_key or uuid.uuid4(),
            "locale_id": locale.pk,
            "live": True,
            "has_unpublished_changes": False,
            "first_published_at": published,
            "last_published_at": published,
            "title": title,
            "draft_title": title,
            "slug": slug,
            "content_type_id": self.content_types[model].pk,
            "url_path": f"{parent.url_path}{slug}/",
            "show_in_menus": False,
            "seo_title": "",
            "search_description": "",
        }
        self.next_id += 1
        row = Page(**base)
        self.new[row.path] = row
        specific = model(**base, **fields)
        specific.page_ptr_id = base["id"]
        self.specific.setdefault(model, []).append(specific)
        return row

    def write(self):
        rows = list(self.new.values())
        progress = Progress("pages", len(rows) * 2)
        for chunk in batched(rows):
            Page.objects.bulk_create(chunk)
            progress.update(len(chunk))
        for model, objects in self.specific.items():
            fields = model._meta.local_concrete_fields
            for chunk in batched(objects, 500):
                model._base_manager._insert(chunk, fields=fields, raw=True)
                progress.update(len(chunk))
        for path, count in self.added.items():
            Page.objects.filter(path=path).update(numchild=Page.objects.get(path=path).numchild + count)
        reset_sequence(Page)
        say(f"{len(rows):,} pages written ({', '.join(f'{m.__name__} {len(o):,}' for m, o in self.specific.items())})")


# --- Members ----------------------------------------------------------------------------------------


def build_members():
    User = get_user_model()
    password = make_password(BENCH_PASSWORD)
    group = Group.objects.get_or_create(name=MEMBERS_GROUP)[0]
    progress = Progress("members", MEMBERS)
    relationships = [choice for choice, _label in Relationship.choices]
    ids = []
    for chunk_start in range(0, MEMBERS, BATCH):
        numbers = range(chunk_start + 1, min(MEMBERS, chunk_start + BATCH) + 1)
        users = User.objects.bulk_create(
            User(
                username=f"member{n:05d}",
                email=f"member{n:05d}@example.org",
                password=password,
                is_active=True,
                date_joined=NOW - timedelta(days=rng.randint(1, 1500)),
                last_login=NOW - timedelta(days=rng.randint(0, 30)),
            )
            for n in numbers
        )
        User.groups.through.objects.bulk_create(User.groups.through(user_id=u.pk, group_id=group.pk) for u in users)
        EmailAddress.objects.bulk_create(
            EmailAddress(user_id=u.pk, email=u.email, verified=True, primary=True) for u in users
        )
        MemberProfile.objects.bulk_create(
            MemberProfile(
                user_id=u.pk,
                display_name=f"{rng.choice(['Rosa', 'Sam', 'Lena', 'Ana', 'Tom', 'Mei', 'Luis'])} {u.pk}"
                if u.pk % 2
                else "",
                relationship=rng.choice(relationships),
                bio=sentence("en", 20) if u.pk % 5 == 0 else "",
                show_in_directory=u.pk % 3 != 0,
                preferred_language="es" if u.pk % 4 == 0 else "en",
            )
            for u in users
        )
        ids.extend(u.pk for u in users)
        progress.update(len(users))
    return ids


# --- Content ----------------------------------------------------------------------------------------


def build_topics(english, spanish):
    existing = list(Topic.objects.filter(locale=english))
    new_en, new_es = [], []
    for number, (name_en, name_es) in enumerate(TOPIC_NAMES[: max(0, TOPICS - len(existing))], start=1):
        key = uuid.uuid4()
        new_en.append(Topic(locale=english, translation_key=key, name=name_en, slug=f"bench-{number}-en"))
        new_es.append(Topic(locale=spanish, translation_key=key, name=name_es, slug=f"bench-{number}-es"))
    Topic.objects.bulk_create(new_en + new_es)
    topics_en = list(Topic.objects.filter(locale=english).order_by("pk"))
    spanish_by_key = {t.translation_key: t for t in Topic.objects.filter(locale=spanish)}
    pairs = [(t, spanish_by_key[t.translation_key]) for t in topics_en if t.translation_key in spanish_by_key]
    say(f"{len(pairs)} topics per language")
    return pairs


def translation_of(page, locale):
    return Page.objects.get(translation_key=page.translation_key, locale=locale)


def build_posts(rows, english, spanish, topic_pairs, member_ids):
    blog_en = Page.objects.get(pk=BlogIndexPage.objects.get(locale=english).pk)
    blog_es = translation_of(blog_en, spanish)
    image_ids = list(CreditedImage.objects.values_list("pk", flat=True)[:7]) or [None]
    posts = []  # (english row, spanish row, topic pairs, hot)
    topic_links = []
    progress = Progress("Q&A posts (queued)", POSTS)
    for n in range(POSTS):
        words_en = [rng.choice(WORDS["en"]) for _ in range(3)]
        words_es = [rng.choice(WORDS["es"]) for _ in range(3)]
        date = (NOW - timedelta(days=n // 2, hours=n % 2)).date()
        published = NOW - timedelta(days=n // 2, hours=n % 2)
        chosen = rng.sample(topic_pairs, rng.choice([1, 1, 2]))
        common = {
            "date": date,
            "asker_id": rng.choice(member_ids) if n % 3 == 0 else None,
            "asker_name": f"Reader {n}",
            "featured_image_id": image_ids[n % len(image_ids)],
            "allow_comments": True,
            "published": published,
        }
        key = uuid.uuid4()
        en = rows.add(
            blog_en,
            QAPostPage,
            title=f"{' '.join(words_en).capitalize()}: question {n + 1}",
            slug=f"bench-question-{n + 1}",
            locale=english,
            translation_key=key,
            question=paragraph("en", 3),
            answer=[("paragraph", f"<p>{paragraph('en')}</p><p>{paragraph('en')}</p>")],
            excerpt=sentence("en", 20)[:300],
            featured_image_alt=sentence("en", 6),
            **common,
        )
        es = rows.add(
            blog_es,
            QAPostPage,
            title=f"{' '.join(words_es).capitalize()}: pregunta {n + 1}",
            slug=f"pregunta-bench-{n + 1}",
            locale=spanish,
            translation_key=key,
            question=paragraph("es", 3),
            answer=[("paragraph", f"<p>{paragraph('es')}</p><p>{paragraph('es')}</p>")],
            excerpt=sentence("es", 20)[:300],
            featured_image_alt=sentence("es", 6),
            **common,
        )
        for order, (topic_en, topic_es) in enumerate(chosen):
            link_key = uuid.uuid4()
            topic_links.append(
                QAPostTopic(page_id=en.pk, topic=topic_en, sort_order=order, locale=english, translation_key=link_key)
            )
            topic_links.append(
                QAPostTopic(page_id=es.pk, topic=topic_es, sort_order=order, locale=spanish, translation_key=link_key)
            )
        posts.append((en, es, n % (POSTS // HOT_POSTS_PER_LANGUAGE or 1) == 0))
        progress.update(1)
    return posts, topic_links


def copy_untranslated_modules(english, spanish):
    """The demo leaves its newest module in English only, work waiting for the translators; the bench
    measures the course in both languages, so that module and its segments are copied into Spanish
    (before PageRows numbers the bulk-inserted pages)."""
    for module in ModulePage.objects.filter(locale=english).order_by("path"):
        for page in [module, *SegmentPage.objects.child_of(module).specific()]:
            if not Page.objects.filter(translation_key=page.translation_key, locale=spanish).exists():
                page.copy_for_translation(spanish).save_revision().publish()


def build_course(rows, english, spanish):
    index_en = Page.objects.get(pk=LearningIndexPage.objects.get(locale=english).pk)
    index_es = translation_of(index_en, spanish)
    modules = {m.number: m for m in ModulePage.objects.filter(locale=english)}
    segment_keys = []
    for number in range(1, MODULES + 1):
        module_en = modules.get(number)
        if module_en is None:
            key = uuid.uuid4()
            fields = {"number": number, "estimated_minutes": 30, "learning_goals": []}
            module_en = rows.add(
                index_en,
                ModulePage,
                title=f"Module {number}: {sentence('en', 3)[:-1]}",
                slug=f"module-{number}",
                locale=english,
                translation_key=key,
                summary=sentence("en", 25),
                **fields,
            )
            module_es = rows.add(
                index_es,
                ModulePage,
                title=f"Módulo {number}: {sentence('es', 3)[:-1]}",
                slug=f"modulo-{number}",
                locale=spanish,
                translation_key=key,
                summary=sentence("es", 25),
                **fields,
            )
            existing = {}
        else:
            module_en = Page.objects.get(pk=module_en.pk)
            module_es = translation_of(module_en, spanish)
            existing = {s.number: s for s in SegmentPage.objects.child_of(module_en)}
        for segment_number in range(1, SEGMENTS + 1):
            if segment_number in existing:
                segment_keys.append(existing[segment_number].translation_key)
                continue
            key = uuid.uuid4()
            for parent, language, locale, word in (
                (module_en, "en", english, "segment"),
                (module_es, "es", spanish, "segmento"),
            ):
                rows.add(
                    parent,
                    SegmentPage,
                    title=sentence(language, 4)[:-1],
                    slug=f"{word}-{segment_number}",
                    locale=locale,
                    translation_key=key,
                    number=segment_number,
                    allow_comments=False,
                    video_url="",
                    body=[
                        ("paragraph", f"<p>{paragraph(language, 6)}</p>"),
                        ("paragraph", f"<p>{paragraph(language, 6)}</p>"),
                    ],
                )
            segment_keys.append(key)
    return segment_keys


def build_episodes(rows, english, spanish, topic_pairs):
    index_en = Page.objects.get(pk=PodcastIndexPage.objects.get(locale=english).pk)
    index_es = translation_of(index_en, spanish)
    audio_ids = list(SiteMedia.objects.filter(type="audio").values_list("pk", flat=True)[:3])
    first_number = (PodcastEpisodePage.objects.aggregate(Max("episode_number"))["episode_number__max"] or 0) + 1
    guests = list(Guest.objects.filter(locale=english))
    spanish_guests = {g.translation_key: g for g in Guest.objects.filter(locale=spanish)}
    links = []
    for n in range(EPISODES):
        number = first_number + n
        released = NOW - timedelta(days=7 * (n + 1))
        common = {
            "episode_number": number,
            "release_date": released,
            "audio_id": audio_ids[n % len(audio_ids)],
            "allow_comments": True,
            "explicit": False,
            "published": released,
        }
        key = uuid.uuid4()
        pages = []
        for parent, language, locale, slug in (
            (index_en, "en", english, f"bench-episode-{number}"),
            (index_es, "es", spanish, f"episodio-bench-{number}"),
        ):
            pages.append(
                rows.add(
                    parent,
                    PodcastEpisodePage,
                    title=f"{sentence(language, 4)[:-1]} ({number})",
                    slug=slug,
                    locale=locale,
                    translation_key=key,
                    summary=sentence(language, 25)[:600],
                    show_notes=[
                        ("paragraph", f"<p>{paragraph(language)}</p>"),
                        ("chapter", {"minutes": 0, "seconds": 0, "title": sentence(language, 3)}),
                        ("chapter", {"minutes": 12, "seconds": 30, "title": sentence(language, 3)}),
                    ],
                    transcript="".join(f"<p>{paragraph(language, 5)}</p>" for _ in range(8)),
                    **common,
                )
            )
        topic_en, topic_es = topic_pairs[n % len(topic_pairs)]
        link_key = uuid.uuid4()
        links.append(
            EpisodeTopic(page_id=pages[0].pk, topic=topic_en, sort_order=0, locale=english, translation_key=link_key)
        )
        links.append(
            EpisodeTopic(page_id=pages[1].pk, topic=topic_es, sort_order=0, locale=spanish, translation_key=link_key)
        )
        if guests:
            guest = guests[n % len(guests)]
            link_key = uuid.uuid4()
            links.append(
                EpisodeGuest(page_id=pages[0].pk, guest=guest, sort_order=0, locale=english, translation_key=link_key)
            )
            if guest.translation_key in spanish_guests:
                links.append(
                    EpisodeGuest(
                        page_id=pages[1].pk,
                        guest=spanish_guests[guest.translation_key],
                        sort_order=0,
                        locale=spanish,
                        translation_key=link_key,
                    )
                )
    return links


# --- Comments ---------------------------------------------------------------------------------------


def thread_shape(size, max_level):
    """A random reply tree of `size` comments: [(parent index or None, level)] in creation order."""
    nodes = [(None, 0)]
    for index in range(1, size):
        # Mostly answer one of the recent comments, sometimes the opening one.
        candidates = [i for i in range(max(0, index - 8), index) if nodes[i][1] < max_level] or [0]
        parent = 0 if rng.random() < 0.2 else rng.choice(candidates)
        nodes.append((parent, nodes[parent][1] + 1))
    return nodes


def comment_counts(posts):
    """How many comments each page gets: hot pages one thread of 500, the rest share what is left."""
    pages = [(row, hot) for en, es, hot in posts for row in (en, es)]
    hot_total = sum(HOT_THREAD_SIZE for _row, hot in pages if hot)
    rest = [row for row, hot in pages if not hot]
    remaining = max(0, COMMENTS - hot_total)
    weights = [min(rng.paretovariate(1.5), 12) for _ in rest]
    scale = remaining / sum(weights) if weights else 0
    counts = {row.pk: int(weight * scale) for row, weight in zip(rest, weights, strict=True)}
    shortfall = remaining - sum(counts.values())
    for row in rest[:shortfall] if shortfall > 0 else []:
        counts[row.pk] += 1
    plan = []
    for row, hot in pages:
        if hot:
            plan.append((row, [HOT_THREAD_SIZE]))
        else:
            total, threads = counts[row.pk], []
            while total > 0:
                size = min(total, rng.choice([1, 1, 2, 3, 5, 8, 13, 21]))
                threads.append(size)
                total -= size
            plan.append((row, threads))
    return plan


def build_comments(posts, member_ids, names):
    content_type = ContentType.objects.get_for_model(QAPostPage)
    next_id = (Comment.objects.aggregate(Max("id"))["id__max"] or 0) + 1
    max_level = settings.COMMENTS_XTD_MAX_THREAD_LEVEL
    plan = comment_counts(posts)
    total = sum(sum(threads) for _row, threads in plan)
    progress = Progress("comments", total)
    base_rows, xtd_rows = [], []

    def flush():
        Comment.objects.bulk_create(base_rows, batch_size=BATCH)
        for chunk in batched(xtd_rows, 1000):
            XtdComment._base_manager._insert(chunk, fields=XtdComment._meta.local_concrete_fields, raw=True)
        progress.update(len(base_rows))
        base_rows.clear()
        xtd_rows.clear()

    for row, threads in plan:
        language = "es" if row.locale_id != Locale.get_default().pk else "en"
        when = NOW - timedelta(days=60)
        for size in threads:
            shape = thread_shape(size, max_level)
            ids = list(range(next_id, next_id + size))
            next_id += size
            children = {i: [] for i in range(size)}
            for i, (parent, _level) in enumerate(shape):
                if parent is not None:
                    children[parent].append(i)
            order, nested = {}, {}

            def walk(i, _order=order, _nested=nested, _children=children):
                _order[i] = len(_order) + 1
                count = 0
                for child in _children[i]:
                    count += 1 + walk(child)
                _nested[i] = count
                return count

            walk(0)
            for i, (parent, level) in enumerate(shape):
                when += timedelta(minutes=rng.randint(1, 90))
                user_id = rng.choice(member_ids)
                fields = {
                    "id": ids[i],
                    "content_type_id": content_type.pk,
                    "object_pk": str(row.pk),
                    "site_id": settings.SITE_ID,
                    "user_id": user_id,
                    "user_name": names[user_id][:50],
                    "user_email": "",
                    "user_url": "",
                    "comment": sentence(language, rng.randint(8, 40)),
                    "submit_date": when,
                    "is_public": True,
                    "is_removed": rng.random() < 0.01,
                }
                base_rows.append(Comment(**fields))
                xtd = XtdComment(
                    **fields,
                    thread_id=ids[0],
                    parent_id=ids[parent] if parent is not None else ids[0],
                    level=level,
                    order=order[i],
                    nested_count=nested[i],
                    followup=False,
                )
                xtd.comment_ptr_id = ids[i]
                xtd_rows.append(xtd)
            if len(base_rows) >= 10 * BATCH:
                flush()
    flush()
    reset_sequence(Comment)


def build_completions(member_ids, segment_keys):
    progress = Progress("segment completions", len(member_ids))
    rows = []
    written = 0
    for member_id in member_ids:
        done = rng.randint(1, len(segment_keys))
        rows.extend(SegmentCompletion(member_id=member_id, segment_key=key) for key in segment_keys[:done])
        if len(rows) >= 20000:
            SegmentCompletion.objects.bulk_create(rows, batch_size=5000)
            written += len(rows)
            rows = []
        progress.update(1)
    SegmentCompletion.objects.bulk_create(rows, batch_size=5000)
    say(f"{written + len(rows):,} segment completions")


def build_search_index(models_and_querysets):
    """Index the new pages (Wagtail's database backend), so search works at full size."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    total = sum(qs.count() for _model, qs in models_and_querysets)
    progress = Progress("search index", total)
    for model, queryset in models_and_querysets:
        index = backend.get_index_for_model(model)
        objects = list(queryset.order_by("pk"))
        for chunk in batched(objects, 500):
            index.add_items(model, chunk)
            progress.update(len(chunk))
    # Site search reads its own per-language index (cms.search_index), filled on publication:
    # bulk inserts publish nothing, so index the new pages here.
    from cms import search_index

    progress = Progress("site search index", total)
    for _model, queryset in models_and_querysets:
        for page in queryset.order_by("pk").iterator(chunk_size=500):
            search_index.index_page(page)
            progress.update(1)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cms_searchentry")
        cursor.execute("ANALYZE cms_searchword")


def main():
    english, spanish = Locale.objects.get(language_code="en"), Locale.objects.get(language_code="es")
    if QAPostPage.objects.filter(slug="bench-question-1").exists():
        say("The dataset is already there.")
        return
    say(f"Building: {MEMBERS:,} members, {POSTS:,} posts x2 languages, {COMMENTS:,} comments, {EPISODES} episodes x2")
    with transaction.atomic():
        member_ids = build_members()
        names = {
            user_id: display or username
            for user_id, display, username in MemberProfile.objects.filter(user_id__in=member_ids).values_list(
                "user_id", "display_name", "user__username"
            )
        }
        topic_pairs = build_topics(english, spanish)
        copy_untranslated_modules(english, spanish)
        rows = PageRows()
        posts, topic_links = build_posts(rows, english, spanish, topic_pairs, member_ids)
        segment_keys = build_course(rows, english, spanish)
        episode_links = build_episodes(rows, english, spanish, topic_pairs)
        rows.write()
        QAPostTopic.objects.bulk_create(topic_links, batch_size=BATCH)
        EpisodeTopic.objects.bulk_create([x for x in episode_links if isinstance(x, EpisodeTopic)], batch_size=BATCH)
        EpisodeGuest.objects.bulk_create([x for x in episode_links if isinstance(x, EpisodeGuest)], batch_size=BATCH)
        say(f"{len(topic_links):,} post topic links, {len(episode_links):,} episode guest and topic links")
        build_comments(posts, member_ids, names)
        build_completions(member_ids, segment_keys)
    new_pages = [row.pk for row in rows.new.values()]
    build_search_index(
        [
            (QAPostPage, QAPostPage.objects.filter(pk__in=new_pages)),
            (PodcastEpisodePage, PodcastEpisodePage.objects.filter(pk__in=new_pages)),
            (ModulePage, ModulePage.objects.filter(pk__in=new_pages)),
            (SegmentPage, SegmentPage.objects.filter(pk__in=new_pages)),
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    say(
        f"Done: {get_user_model().objects.count():,} users, {Page.objects.count():,} pages, "
        f"{XtdComment.objects.count():,} comments, {SegmentCompletion.objects.count():,} completions"
    )


if __name__ == "__main__":
    main()
