"""Serve the bench database with gunicorn and measure every page type (run by bench/run.sh).

For each page: queries per request (X-Bench-Queries from bench.middleware), server time p50/p95
from one sequential client, and throughput at 8 connections with wrk for a fixed duration. The
floor is a static file of about the page's size served by the same gunicorn + WhiteNoise stack;
each page is also given as a ratio to it. Writes bench/results/latest.{json,md,svg}.
"""

import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django_comments_xtd.models import XtdComment  # noqa: E402
from wagtail.models import Locale  # noqa: E402

from bench.profile import markdown as profile_markdown  # noqa: E402
from bench.profile import profile_pages  # noqa: E402
from blog.models import BlogIndexPage, PodcastEpisodePage, PodcastIndexPage, QAPostPage, Topic  # noqa: E402
from cms.membership import MEMBERS_GROUP  # noqa: E402
from cms.page_weight import BUDGET_BYTES, page_weight  # noqa: E402
from cms.security import SESSION_LAST_SEEN, SESSION_STARTED  # noqa: E402
from learning.models import LearningIndexPage, ModulePage, SegmentPage  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(os.environ.get("BENCH_RESULTS", ROOT / "bench" / "results"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "50"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "5"))
DURATION = int(os.environ.get("BENCH_DURATION", "5"))
CONNECTIONS = [int(n) for n in os.environ.get("BENCH_CONNECTIONS", "8,32").split(",")]
# The shipped gunicorn configuration (ops/gunicorn.conf.py) is what is measured; these pick its size.
WORKERS = int(os.environ.get("GUNICORN_WORKERS", "2"))
THREADS = int(os.environ.get("GUNICORN_THREADS", "1"))
# "tenth": a quick sequential pass on the dataset at a tenth of its size, kept for the growth factors.
PHASE = os.environ.get("BENCH_PHASE", "full")
FLOOR_SIZES_KB = [4, 8, 16, 32, 64, 128, 256, 512, 1024]

TARGETS = {
    "p50_ms": 60,
    "p95_ms": 150,
    "queries": 20,
    "qa_member_p50_ms": 120,
    "search_p95_ms": 50,
    "rss_mb": 300,
    # Under load, the slowest 1% may take at most this many times the median of that same load.
    "p99_x_p50_under_load": 3,
    # Time and queries may grow at most this much from a tenth of the dataset to all of it.
    "growth": 1.2,
}
# p50 as a multiple of the static-file floor: half the reference Wagtail site's time (issue 19).
FLOOR_TARGETS = {
    "home": 20,
    "learning_index": 18,
    "module": 18,
    "segment": 18,
    "blog_p1": 33,
    "blog_p40": 33,
    "topic": 33,
    "qa_small": 21,
    "podcast_index": 33,
    "episode": 16,
    "search_en": 30,
    "search_es": 30,
}
# The feed is no page, and no reader is sent to the whole 500-comment thread at once.
NO_PAGE_WEIGHT = ("feed", "qa_whole")
STARTED = time.monotonic()


def say(text):
    sys.stdout.write(f"[{time.monotonic() - STARTED:6.1f}s] {text}\n")
    sys.stdout.flush()


# --- What to measure --------------------------------------------------------------------------------


def member_session():
    """A logged-in member's session cookie, made with Django's SessionStore in the bench database."""
    group = Group.objects.get(name=MEMBERS_GROUP)
    user = (
        group.user_set.filter(username__regex=r"^member[0-9]+$", is_active=True, member_profile__suspended=False)
        .order_by("pk")
        .first()
    )
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    now = int(time.time())
    session[SESSION_STARTED] = now
    session[SESSION_LAST_SEEN] = now
    session.create()
    return user, f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def page_types():
    """(label, title, url, as member) for every page type of the issue."""
    english = Locale.objects.get(language_code="en")

    def url(page):
        return page.get_url()

    learning = LearningIndexPage.objects.get(locale=english)
    module = ModulePage.objects.child_of(learning).live().order_by("number").first()
    segment = SegmentPage.objects.child_of(module).live().order_by("number").first()
    blog = BlogIndexPage.objects.get(locale=english)
    topic = Topic.objects.filter(locale=english).order_by("pk").first()
    hot = QAPostPage.objects.get(locale=english, slug="bench-question-1")
    small = small_thread_post(english)
    podcast = PodcastIndexPage.objects.get(locale=english)
    episode = PodcastEpisodePage.objects.child_of(podcast).live().order_by("-release_date").first()
    return [
        ("home", "Home", "/", False),
        ("learning_index", "Learning index (member)", url(learning), True),
        ("module", "Module (member)", url(module), True),
        ("segment", "Segment (member)", url(segment), True),
        ("blog_p1", "Blog index, page 1", url(blog), False),
        ("blog_p40", "Blog index, page 40", url(blog) + "?page=40", False),
        ("topic", "Topic archive", url(blog) + blog.reverse_subpage("topic", args=[topic.slug]), False),
        ("qa_small", f"Q&A post, {small.comment_count} comments", url(small), False),
        ("qa_anon", "Q&A post, 500 comments (anonymous)", url(hot), False),
        ("qa_member", "Q&A post, 500 comments (member)", url(hot), True),
        # A page view shows a long discussion in parts (comments.tree.shown_threads); this is all of it.
        ("qa_whole", "Q&A post, 500 comments, whole thread (member)", url(hot) + "?comments=all", True),
        ("podcast_index", "Podcast index", url(podcast), False),
        ("episode", "Podcast episode", url(episode), False),
        ("feed", "Podcast feed", url(podcast) + podcast.reverse_subpage("feed"), False),
        ("directory", "Member directory (member)", "/members/", True),
        ("search_en", "Search, English", "/search/?q=family+treatment", False),
        ("search_es", "Search, Spanish", "/es/buscar/?q=familia+tratamiento", False),
        # Misspelt: full text finds nothing, pg_trgm proposes the words, the corrected search runs.
        ("search_en_typo", "Search, English, misspelt", "/search/?q=famly+tretment", False),
        ("search_es_typo", "Search, Spanish, misspelt", "/es/buscar/?q=familai+tratamento", False),
    ]


def small_thread_post(english):
    """The English Q&A post with the most visible comments up to 20: the issue's everyday post."""
    counts = (
        XtdComment.objects.filter(
            content_type=ContentType.objects.get_for_model(QAPostPage), is_public=True, is_removed=False
        )
        .values("object_pk")
        .annotate(total=Count("pk"))
        .filter(total__lte=20)
        .order_by("-total", "object_pk")
    )
    english_posts = set(QAPostPage.objects.filter(locale=english).live().values_list("pk", flat=True))
    for row in counts.iterator():
        if int(row["object_pk"]) in english_posts:
            post = QAPostPage.objects.get(pk=row["object_pk"])
            post.comment_count = row["total"]
            return post
    raise SystemExit("No English Q&A post with 20 comments or fewer in the bench dataset")


def write_floor_files():
    """Static files of several sizes under STATIC_ROOT, served by WhiteNoise like the site's CSS."""
    folder = Path(settings.STATIC_ROOT) / "bench-floor"
    folder.mkdir(parents=True, exist_ok=True)
    line = "<p>" + "CRAFT family support static floor file. " * 3 + "</p>\n"
    for size in FLOOR_SIZES_KB:
        body = "<!doctype html><html><body>\n" + line * (size * 1024 // len(line) + 1)
        (folder / f"floor-{size}k.html").write_text(body[: size * 1024])
    return folder


# --- HTTP -------------------------------------------------------------------------------------------


class Server:
    def __init__(self, **environment):
        self.environment = {**os.environ, **environment}
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process = None

    def start(self):
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.log = open(RESULTS / "gunicorn.log", "a")  # noqa: SIM115 (closed in stop)
        # The shipped configuration, sized by GUNICORN_WORKERS / GUNICORN_THREADS from the environment;
        # only the address, the log and a generous timeout (a profile run is slow) are the bench's own.
        self.process = subprocess.Popen(  # noqa: S603 (fixed arguments)
            [
                str(gunicorn),
                "--config",
                str(ROOT / "ops" / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "120",
                "--graceful-timeout",
                "5",
                "--log-level",
                "warning",
                "--access-logfile",
                "/dev/null",
            ],
            cwd=ROOT,
            env=self.environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        pidfile = os.environ.get("BENCH_PIDFILE")
        if pidfile:
            Path(pidfile).write_text(str(self.process.pid))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited early, see {RESULTS / 'gunicorn.log'}")
            try:
                status, *_ = request(self.port, "/healthz")
                if status == 200 and len(self.worker_pids()) == int(self.environment.get("GUNICORN_WORKERS", WORKERS)):
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit("gunicorn did not answer within 60 s")

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def worker_rss_mb(self):
        sizes = {}
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            match = re.search(r"VmRSS:\s+(\d+) kB", status)
            if match:
                sizes[pid] = round(int(match.group(1)) / 1024, 1)
        return sizes

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if getattr(self, "log", None):
            self.log.close()


def request(port, path, cookie=None, label=None):
    """One GET on a new connection (gunicorn's sync workers close after each response)."""
    headers = {"Host": "127.0.0.1"}
    if cookie:
        headers["Cookie"] = cookie
    if label:
        headers["X-Bench-Label"] = label
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    elapsed = (time.perf_counter() - started) * 1000
    return response.status, elapsed, body, dict(response.getheaders())


def percentile(values, fraction):
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def sequential(port, path, cookie=None, label=None):
    for _ in range(WARMUP):
        request(port, path, cookie)
    times, app, query_ms, queries, statuses, size = [], [], [], [], Counter(), 0
    for number in range(REQUESTS):
        status, elapsed, body, headers = request(port, path, cookie, label if number == REQUESTS - 1 else None)
        statuses[status] += 1
        times.append(elapsed)
        size = len(body)
        if "X-Bench-Queries" in headers:
            queries.append(int(headers["X-Bench-Queries"]))
            app.append(float(headers["X-Bench-App-Ms"]))
            query_ms.append(float(headers["X-Bench-Query-Ms"]))
    return {
        "status": dict(statuses),
        "bytes": size,
        "p50_ms": round(percentile(times, 0.5), 2),
        "p95_ms": round(percentile(times, 0.95), 2),
        "mean_ms": round(statistics.fmean(times), 2),
        "queries": max(queries) if queries else None,
        "queries_p50": round(percentile(queries, 0.5)) if queries else None,
        "app_p50_ms": round(percentile(app, 0.5), 2) if app else None,
        "sql_p50_ms": round(percentile(query_ms, 0.5), 2) if query_ms else None,
    }


LATENCY_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def throughput(port, path, cookie=None, connections=None):
    """Requests per second and latency percentiles under `connections` connections, with wrk."""
    wrk = shutil.which("wrk")
    if wrk is None:
        return {"rps": None, "errors": "wrk not installed"}
    connections = connections or CONNECTIONS[0]
    command = [wrk, "-t", "2", "-c", str(connections), "-d", f"{DURATION}s", "--timeout", "30s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(f"http://127.0.0.1:{port}{path}")
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non_ok = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:(.*)", output)
    latency = {
        f"load_p{share}_ms": round(float(number) * LATENCY_UNITS[unit], 2)
        for share, number, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
    }
    return {
        "rps": float(rps.group(1)) if rps else None,
        "non_2xx": int(non_ok.group(1)) if non_ok else 0,
        "socket_errors": errors.group(1).strip() if errors else "",
        **latency,
    }


def under_load(port, path, cookie=None):
    """wrk at each of CONNECTIONS: {connections: figures}; the first count also gives req/s."""
    return {str(count): throughput(port, path, cookie, count) for count in CONNECTIONS}


# --- Analysis ---------------------------------------------------------------------------------------


def normalise(sql):
    sql = re.sub(r"'[^']*'", "?", sql)
    sql = re.sub(r"\b\d+\b", "?", sql)
    return re.sub(r"\s+", " ", sql)


def query_report(label):
    """The slowest queries and repeated query shapes of one logged request."""
    path = RESULTS / "queries" / f"{label}.json"
    if not path.exists():
        return None
    queries = json.loads(path.read_text())
    slowest = sorted(queries, key=lambda q: float(q["time"]), reverse=True)[:5]
    shapes = Counter(normalise(q["sql"]) for q in queries)
    return {
        "total": len(queries),
        "sql_ms": round(sum(float(q["time"]) for q in queries) * 1000, 2),
        "slowest": [{"ms": round(float(q["time"]) * 1000, 2), "sql": q["sql"][:400]} for q in slowest],
        "repeated": [{"count": n, "sql": sql[:300]} for sql, n in shapes.most_common(5) if n > 1],
    }


def floor_bucket(size):
    return min(FLOOR_SIZES_KB, key=lambda kb: abs(kb * 1024 - size) / (kb * 1024))


def verdicts(label, row, results):
    failed = []
    if row["p50_ms"] >= TARGETS["p50_ms"]:
        failed.append(f"p50 {row['p50_ms']:.0f} ≥ {TARGETS['p50_ms']} ms")
    if row["p95_ms"] >= TARGETS["p95_ms"]:
        failed.append(f"p95 {row['p95_ms']:.0f} ≥ {TARGETS['p95_ms']} ms")
    if row["queries"] is not None and row["queries"] > TARGETS["queries"]:
        failed.append(f"{row['queries']} queries > {TARGETS['queries']}")
    if label == "qa_member" and row["p50_ms"] >= TARGETS["qa_member_p50_ms"]:
        failed.append(f"member p50 {row['p50_ms']:.0f} ≥ {TARGETS['qa_member_p50_ms']} ms")
    if label.startswith("search") and row["p95_ms"] >= TARGETS["search_p95_ms"]:
        failed.append(f"search p95 {row['p95_ms']:.0f} ≥ {TARGETS['search_p95_ms']} ms")
    if label == "blog_p40":
        first = results.get("blog_p1")
        if first and row["p50_ms"] > first["p50_ms"] * 1.2 + 2:
            failed.append(f"page 40 p50 {row['p50_ms']:.0f} ms vs page 1 {first['p50_ms']:.0f} ms")
    limit = FLOOR_TARGETS.get(label)
    if limit is not None and row.get("p50_x_floor") is not None and row["p50_x_floor"] > limit:
        failed.append(f"p50 {row['p50_x_floor']:.0f}x floor > {limit}x")
    for connections, load in row.get("load", {}).items():
        ratio = load.get("p99_x_p50")
        if ratio is not None and ratio > TARGETS["p99_x_p50_under_load"]:
            failed.append(f"p99 {ratio:.1f}x p50 @{connections}")
    for measure, factor in (row.get("growth") or {}).items():
        if factor is not None and factor > TARGETS["growth"]:
            failed.append(f"{measure} grew {factor:.2f}x from a tenth")
    if set(row["status"]) != {200}:
        failed.append(f"status {row['status']}")
    weight = row.get("weight")
    if weight and label not in NO_PAGE_WEIGHT and weight["total"] >= BUDGET_BYTES:
        failed.append(f"HTML+CSS+JS {weight['total'] / 1024:.0f} ≥ {BUDGET_BYTES // 1024} KB")
    return failed


def weigh(port, path, cookie=None):
    """HTML+CSS+JS bytes of one page, as a browser with an empty cache would fetch them (cms.page_weight)."""
    _status, _elapsed, body, _headers = request(port, path, cookie)
    return page_weight(body, lambda url: request(port, url)[2])


# --- Output -----------------------------------------------------------------------------------------


def fmt(value, digits=1):
    return "–" if value is None else f"{value:.{digits}f}"


def markdown(report):
    lines = [
        f"# `make bench` — {report['finished_at']}",
        "",
        f"Dataset: {report['dataset']}. gunicorn from ops/gunicorn.conf.py, {WORKERS} workers x {THREADS} "
        f"thread(s), production settings, DEBUG off, {REQUESTS} sequential requests per page (after {WARMUP} "
        f"warm-up), wrk at {', '.join(map(str, CONNECTIONS))} connections x {DURATION} s. Floor: a static file "
        "of about the page's size through the same stack (WhiteNoise). Targets: p50 / floor at most the "
        "page's limit (in brackets), p99 under load at most "
        f"{TARGETS['p99_x_p50_under_load']}x that load's p50, growth from a tenth of the data at most "
        f"{TARGETS['growth']}x.",
        "",
        "| Page | Queries | p50 ms | p95 ms | p50 / floor | "
        + " | ".join(f"p50 / p99 @{n}" for n in CONNECTIONS)
        + " | req/s @"
        + str(CONNECTIONS[0])
        + " | growth time / queries | KB | Targets |",
        "|---|---:|---:|---:|---:|" + "---:|" * len(CONNECTIONS) + "---:|---:|---:|---|",
    ]
    for row in report["pages"]:
        limit = FLOOR_TARGETS.get(row["label"])
        loads = " | ".join(
            f"{fmt(row['load'][str(n)].get('load_p50_ms'), 0)} / {fmt(row['load'][str(n)].get('load_p99_ms'), 0)}"
            for n in CONNECTIONS
        )
        grown = row.get("growth") or {}
        lines.append(
            f"| {row['title']} | {row['queries'] if row['queries'] is not None else '–'} | {fmt(row['p50_ms'])} | "
            f"{fmt(row['p95_ms'])} | {fmt(row['p50_x_floor'])}x{f' ({limit}x)' if limit else ''} | {loads} | "
            f"{fmt(row['rps'])} | {fmt(grown.get('time'), 2)} / {fmt(grown.get('queries'), 2)} | "
            f"{row['bytes'] / 1024:.0f} | "
            f"{'ok' if not row['failed'] else '**' + '; '.join(row['failed']) + '**'} |"
        )
    lines += [
        "",
        f"Page weight, images aside (HTML + CSS + JS as sent, uncompressed; budget {BUDGET_BYTES // 1024} KB "
        "a page, the feed is no page):",
        "",
        "| Page | HTML KB | CSS+JS KB | Total KB | Under budget |",
        "|---|---:|---:|---:|---|",
    ]
    for row in report["pages"]:
        weight = row["weight"]
        assets = sum(weight["assets"].values())
        verdict = "ok" if weight["total"] < BUDGET_BYTES else "**no**"
        if row["label"] in NO_PAGE_WEIGHT:
            verdict = "–"
        lines.append(
            f"| {row['title']} | {weight['html'] / 1024:.1f} | {assets / 1024:.1f} | {weight['total'] / 1024:.1f} | "
            f"{verdict} |"
        )
    if report.get("tenth_dataset"):
        lines += [
            "",
            f"Growth compares the medians (time and queries) with a tenth of the data: {report['tenth_dataset']}.",
        ]
    lines += [
        "",
        "Worker configurations on the everyday Q&A post (uncached), p50 / p99 ms and req/s:",
        "",
        "| gunicorn | connections | slow clients | req/s | p50 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in report["workers"]:
        lines.append(
            f"| {row['config']} | {row['connections']} | {row['slow_clients']} | {fmt(row.get('rps'))} | "
            f"{fmt(row.get('load_p50_ms'))} | {fmt(row.get('load_p99_ms'))} |"
        )
    lines += ["", "| Floor (static file) | p50 ms | p95 ms | req/s @8 |", "|---|---:|---:|---:|"]
    for kb, floor in sorted(report["floors"].items(), key=lambda item: int(item[0])):
        lines.append(f"| {kb} KB | {fmt(floor['p50_ms'])} | {fmt(floor['p95_ms'])} | {fmt(floor['rps'])} |")
    lines += [
        "",
        "Anonymous pages with the page cache warm (target: at least half the floor's throughput):",
        "",
        "| Page | Queries (median) | p50 ms | p95 ms | req/s @8 | req/s / floor | ≥ ½ floor |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in report["pages"]:
        cached = row.get("cached")
        if cached:
            verdict = "ok" if cached["half_floor_ok"] else "**no**"
            if not cached["stored"]:
                verdict = "never stored (per reader)"
            lines.append(
                f"| {row['title']} | {cached['queries_p50'] if cached['queries_p50'] is not None else '–'} | "
                f"{fmt(cached['p50_ms'])} | {fmt(cached['p95_ms'])} | {fmt(cached['rps'])} | "
                f"{fmt(cached['rps_x_floor'], 2)} | {verdict} |"
            )
    rss = ", ".join(f"{mb:.0f} MB" for mb in report["worker_rss_mb"].values())
    lines += [
        "",
        f"Worker RSS after the run: {rss} (target < {TARGETS['rss_mb']} MB: "
        f"{'ok' if report['rss_ok'] else '**fails**'}).",
        "",
        f"Targets met by {report['pages_ok']} of {len(report['pages'])} page types.",
    ]
    return "\n".join(lines) + "\n"


def svg_chart(report):
    """Horizontal bars: p50 (dark) and p95 (light) per page type, with the 60/150 ms targets."""
    rows = report["pages"]
    width, left, bar, gap, top = 900, 290, 11, 8, 40
    height = top + len(rows) * (2 * bar + gap) + 50
    scale_max = max(200, max(row["p95_ms"] for row in rows) * 1.05)
    plot = width - left - 30

    def x(ms):
        return left + min(ms, scale_max) / scale_max * plot

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
        f'font-size="12"><rect width="100%" height="100%" fill="white"/>',
        f'<text x="{left}" y="20" font-size="14" font-weight="bold">Server time per page type, ms '
        f"(p50 dark, p95 light; {report['finished_at']})</text>",
    ]
    for target, colour in ((60, "#c0392b"), (150, "#e67e22")):
        parts.append(
            f'<line x1="{x(target):.1f}" y1="{top - 8}" x2="{x(target):.1f}" y2="{height - 40}" stroke="{colour}" '
            f'stroke-dasharray="4 3"/><text x="{x(target) + 3:.1f}" y="{height - 28}" fill="{colour}">'
            f"{target} ms</text>"
        )
    for i, row in enumerate(rows):
        y = top + i * (2 * bar + gap)
        colour = "#2c7fb8" if not row["failed"] else "#b83c2c"
        light = "#a6cee3" if not row["failed"] else "#f4a582"
        title = row["title"].replace("&", "&amp;")
        parts.append(f'<text x="{left - 8}" y="{y + bar + 4}" text-anchor="end">{title}</text>')
        parts.append(f'<rect x="{left}" y="{y}" width="{x(row["p50_ms"]) - left:.1f}" height="{bar}" fill="{colour}"/>')
        parts.append(
            f'<rect x="{left}" y="{y + bar}" width="{x(row["p95_ms"]) - left:.1f}" height="{bar}" fill="{light}"/>'
        )
        parts.append(
            f'<text x="{x(row["p95_ms"]) + 4:.1f}" y="{y + bar + 4}" fill="#333">'
            f"{row['p50_ms']:.0f} / {row['p95_ms']:.0f}</text>"
        )
    for tick in range(0, int(scale_max) + 1, 100 if scale_max > 500 else 50):
        parts.append(
            f'<text x="{x(tick):.1f}" y="{height - 12}" text-anchor="middle" fill="#666">{tick}</text>'
            f'<line x1="{x(tick):.1f}" y1="{height - 40}" x2="{x(tick):.1f}" y2="{height - 35}" stroke="#666"/>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


# --- Main -------------------------------------------------------------------------------------------


def dataset_summary():
    with connection.cursor() as cursor:
        counts = {}
        for name, sql in {
            "users": "SELECT count(*) FROM auth_user",
            "pages": "SELECT count(*) FROM wagtailcore_page",
            "comments": "SELECT count(*) FROM django_comments_xtd_xtdcomment",
            "completions": "SELECT count(*) FROM learning_segmentcompletion",
        }.items():
            cursor.execute(sql)
            counts[name] = cursor.fetchone()[0]
    return counts


class SlowClients:
    """Clients that trickle their request in over ~2 s, again and again, as a slow phone link does
    without a buffering proxy in front: each holds a sync worker for that long."""

    def __init__(self, port, path, count):
        self.port, self.path, self.count = port, path, count
        self.stop_event = threading.Event()
        self.threads = [threading.Thread(target=self.run, daemon=True) for _ in range(count)]

    def run(self):
        lines = [f"GET {self.path} HTTP/1.1", "Host: 127.0.0.1", "User-Agent: slow-phone", "Accept: text/html"]
        while not self.stop_event.is_set():
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=30) as slow:
                    for line in lines:
                        slow.sendall(line.encode() + b"\r\n")
                        if self.stop_event.wait(0.5):
                            return
                    slow.sendall(b"Connection: close\r\n\r\n")
                    while slow.recv(4096):
                        time.sleep(0.05)
            except OSError:
                time.sleep(0.2)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop_event.set()
        for thread in self.threads:
            thread.join(timeout=5)


WORKER_CONFIGS = [
    # (label, workers, threads): gunicorn uses its gthread worker whenever threads > 1.
    tuple(item.split(":")[0:1]) + tuple(int(n) for n in item.split(":")[1:])
    for item in os.environ.get("BENCH_WORKER_CONFIGS", "sync:2:1,sync:4:1,gthread:2:4,gthread:2:8").split(",")
]
SLOW_CLIENTS = int(os.environ.get("BENCH_SLOW_CLIENTS", "4"))


def compare_workers(path):
    """p50/p99 and req/s of one page under each worker configuration, at each connection count,
    with and without slow clients."""
    rows = []
    for name, workers, threads in WORKER_CONFIGS:
        server = Server(BENCH_PAGE_CACHE="0", GUNICORN_WORKERS=str(workers), GUNICORN_THREADS=str(threads))
        try:
            server.start()
            for connections in CONNECTIONS:
                for slow in (0, SLOW_CLIENTS):
                    with SlowClients(server.port, path, slow):
                        load = throughput(server.port, path, connections=connections)
                    row = {"config": f"{name} {workers}x{threads}", "connections": connections, "slow_clients": slow}
                    row.update(load)
                    rows.append(row)
                    say(
                        f"{row['config']:<14} @{connections:<3} slow {slow}: {load.get('rps') or 0:6.1f} req/s  "
                        f"p50 {load.get('load_p50_ms', 0):7.1f} ms  p99 {load.get('load_p99_ms', 0):7.1f} ms"
                    )
        finally:
            server.stop()
    return rows


def add_load(row, load):
    """wrk's figures per connection count into the row, with p99 as a multiple of that load's p50."""
    for figures in load.values():
        if figures.get("load_p50_ms") and figures.get("load_p99_ms"):
            figures["p99_x_p50"] = round(figures["load_p99_ms"] / figures["load_p50_ms"], 2)
    row["load"] = load
    first = load[str(CONNECTIONS[0])]
    row["rps"] = first.get("rps")
    row["non_2xx"] = first.get("non_2xx")


def growth(results):
    """Per page, full size over a tenth of it, from the tenth pass's results (bench/run.sh)."""
    tenth_path = RESULTS / "tenth.json"
    if not tenth_path.exists():
        return None
    tenth = json.loads(tenth_path.read_text())
    for label, row in results.items():
        small = tenth["pages"].get(label)
        if not small:
            continue
        row["growth"] = {
            "time": round(row["p50_ms"] / small["p50_ms"], 2) if small["p50_ms"] else None,
            # Medians, as for time: the most of 50 requests also counts the one that rebuilt a kept part
            # whose two minutes ran out (cms.page_cache), which says nothing about the data's size.
            "queries": round(row["queries_p50"] / small["queries_p50"], 2) if small.get("queries_p50") else None,
        }
    return tenth["dataset"]


def main():
    # A SIGTERM (make interrupted, bench/run.sh's trap) still runs the `finally` that stops gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    RESULTS.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(RESULTS / "queries", ignore_errors=True)
    os.environ["BENCH_QUERY_LOG"] = str(RESULTS / "queries")
    counts = dataset_summary()
    member, cookie = member_session()
    pages = page_types()
    write_floor_files()
    if PHASE == "tenth":
        return measure_tenth(pages, cookie, counts)
    say("Profile: one request per page type, in-process under cProfile")
    profiles = profile_pages(pages, cookie, RESULTS / "profile")
    (RESULTS / "gunicorn.log").write_text("")
    results, floors = {}, {}
    say(f"Phase 1: uncached (the anonymous page cache, cms.page_cache, taken out); wrk at {CONNECTIONS}")
    server = Server(BENCH_PAGE_CACHE="0")
    try:
        server.start()
        say(f"gunicorn on 127.0.0.1:{server.port}, workers {server.worker_pids()}; member {member.username}")
        for label, title, path, as_member in pages:
            row = sequential(server.port, path, cookie if as_member else None, label)
            row.update(label=label, title=title, url=path, as_member=as_member)
            add_load(row, under_load(server.port, path, cookie if as_member else None))
            row["weight"] = weigh(server.port, path, cookie if as_member else None)
            row["profile"] = profiles[label]
            results[label] = row
            loads = "  ".join(
                f"@{n}: p50 {figures.get('load_p50_ms', 0):.0f} p99 {figures.get('load_p99_ms', 0):.0f} ms"
                for n, figures in row["load"].items()
            )
            say(
                f"{title:<38} {row['status']} {row['queries']} queries  p50 {row['p50_ms']:7.1f} ms  "
                f"p95 {row['p95_ms']:7.1f} ms  {row['rps'] or 0:6.1f} req/s  {row['bytes'] / 1024:6.1f} KB  "
                f"HTML+CSS+JS {row['weight']['total'] / 1024:5.1f} KB  {loads}"
            )
        for kb in sorted({floor_bucket(row["bytes"]) for row in results.values()}):
            path = f"{settings.STATIC_URL}bench-floor/floor-{kb}k.html"
            floor = sequential(server.port, path)
            floor.update(throughput(server.port, path))
            floors[kb] = floor
            say(
                f"floor {kb:>5} KB static file               p50 {floor['p50_ms']:7.1f} ms  "
                f"p95 {floor['p95_ms']:7.1f} ms  {floor['rps'] or 0:6.1f} req/s"
            )
        rss = server.worker_rss_mb()
    finally:
        server.stop()

    say("Phase 2: anonymous pages with the page cache warm (production as configured)")
    server = Server(BENCH_PAGE_CACHE="1")
    try:
        server.start()
        for label, title, path, as_member in pages:
            if as_member:
                continue
            cached = sequential(server.port, path)
            cached.update(throughput(server.port, path))
            # Search answers per reader (members find more): its view says so, and the cache obeys.
            cached["stored"] = "private" not in request(server.port, path)[3].get("Cache-Control", "")
            results[label]["cached"] = cached
            say(
                f"{title:<38} cached: {cached['queries_p50']} queries  p50 {cached['p50_ms']:7.1f} ms  "
                f"p95 {cached['p95_ms']:7.1f} ms  {cached['rps'] or 0:6.1f} req/s"
            )
        rss_cached = server.worker_rss_mb()
    finally:
        server.stop()

    say(f"Phase 3: worker configurations on the everyday Q&A post, with {SLOW_CLIENTS} slow clients and without")
    workers = compare_workers(results["qa_small"]["url"])

    tenth_dataset = growth(results)
    for row in results.values():
        floor = floors[floor_bucket(row["bytes"])]
        row["floor_kb"] = floor_bucket(row["bytes"])
        row["p50_x_floor"] = round(row["p50_ms"] / floor["p50_ms"], 1)
        row["p95_x_floor"] = round(row["p95_ms"] / floor["p95_ms"], 1)
        row["rps_x_floor"] = round(row["rps"] / floor["rps"], 3) if row.get("rps") and floor.get("rps") else None
        row["failed"] = verdicts(row["label"], row, results)
        row["query_report"] = query_report(row["label"])
        cached = row.get("cached")
        if cached:
            cached["rps_x_floor"] = (
                round(cached["rps"] / floor["rps"], 3) if cached.get("rps") and floor.get("rps") else None
            )
            cached["half_floor_ok"] = bool(cached["rps_x_floor"] and cached["rps_x_floor"] >= 0.5)
    report = {
        "finished_at": time.strftime("%Y-%m-%d %H:%M:%S"),
        "dataset": ", ".join(f"{n:,} {name}" for name, n in counts.items()),
        "tenth_dataset": tenth_dataset,
        "counts": counts,
        "settings": {
            "workers": WORKERS,
            "threads": THREADS,
            "requests": REQUESTS,
            "warmup": WARMUP,
            "wrk_connections": CONNECTIONS,
            "wrk_duration_s": DURATION,
            "cpus": os.cpu_count(),
        },
        "targets": TARGETS,
        "floor_targets": FLOOR_TARGETS,
        "pages": list(results.values()),
        "floors": {str(kb): floor for kb, floor in floors.items()},
        "workers": workers,
        "worker_rss_mb": {str(pid): mb for pid, mb in rss.items()},
        "worker_rss_mb_cached_phase": {str(pid): mb for pid, mb in rss_cached.items()},
        "rss_ok": all(mb < TARGETS["rss_mb"] for mb in rss.values()),
    }
    report["pages_ok"] = sum(1 for row in report["pages"] if not row["failed"])
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2, default=str))
    table = markdown(report) + "\n" + profile_markdown(pages, profiles)
    (RESULTS / "latest.md").write_text(table)
    (RESULTS / "latest.svg").write_text(svg_chart(report))
    sys.stdout.write("\n" + table + "\n")
    for row in report["pages"]:
        if row["failed"] and row["query_report"]:
            top = row["query_report"]["slowest"][0] if row["query_report"]["slowest"] else None
            sys.stdout.write(
                f"- {row['title']}: {row['query_report']['total']} queries, {row['query_report']['sql_ms']} ms SQL"
                + (f"; slowest {top['ms']} ms: {top['sql'][:160]}" if top else "")
                + "\n"
            )
    say(f"Wrote {RESULTS / 'latest.json'}, latest.md, latest.svg (query logs in {RESULTS / 'queries'})")


def measure_tenth(pages, cookie, counts):
    """The quick pass at a tenth of the size: sequential timings and queries only."""
    say("Tenth-size pass: sequential requests only, for the growth factors")
    server = Server(BENCH_PAGE_CACHE="0")
    results = {}
    try:
        server.start()
        for label, title, path, as_member in pages:
            results[label] = sequential(server.port, path, cookie if as_member else None)
            say(f"{title:<38} {results[label]['queries']} queries  p50 {results[label]['p50_ms']:7.1f} ms")
    finally:
        server.stop()
    dataset = ", ".join(f"{n:,} {name}" for name, n in counts.items())
    (RESULTS / "tenth.json").write_text(json.dumps({"dataset": dataset, "pages": results}, indent=2))


if __name__ == "__main__":
    main()
