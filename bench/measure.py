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
import time
from collections import Counter
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import connection  # noqa: E402
from wagtail.models import Locale  # noqa: E402

from blog.models import BlogIndexPage, PodcastEpisodePage, PodcastIndexPage, QAPostPage, Topic  # noqa: E402
from cms.security import SESSION_LAST_SEEN, SESSION_STARTED  # noqa: E402
from learning.models import LearningIndexPage, ModulePage, SegmentPage  # noqa: E402
from members.services import MEMBERS_GROUP  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(os.environ.get("BENCH_RESULTS", ROOT / "bench" / "results"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "50"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "5"))
DURATION = int(os.environ.get("BENCH_DURATION", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
WORKERS = 2
FLOOR_SIZES_KB = [4, 8, 16, 32, 64, 128, 256, 512, 1024]

TARGETS = {"p50_ms": 60, "p95_ms": 150, "queries": 20, "qa_member_p50_ms": 120, "search_p95_ms": 50, "rss_mb": 300}
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
        ("qa_anon", "Q&A post, 500 comments (anonymous)", url(hot), False),
        ("qa_member", "Q&A post, 500 comments (member)", url(hot), True),
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
        self.process = subprocess.Popen(  # noqa: S603 (fixed arguments)
            [
                str(gunicorn),
                "cms.wsgi:application",
                "--workers",
                str(WORKERS),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "120",
                "--graceful-timeout",
                "5",
                "--log-level",
                "warning",
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
                if status == 200 and len(self.worker_pids()) == WORKERS:
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


def throughput(port, path, cookie=None):
    """Requests per second at CONNECTIONS connections for DURATION seconds, with wrk."""
    wrk = shutil.which("wrk")
    if wrk is None:
        return {"rps": None, "errors": "wrk not installed"}
    command = [wrk, "-t", "2", "-c", str(CONNECTIONS), "-d", f"{DURATION}s", "--timeout", "30s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(f"http://127.0.0.1:{port}{path}")
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non_ok = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:(.*)", output)
    return {
        "rps": float(rps.group(1)) if rps else None,
        "non_2xx": int(non_ok.group(1)) if non_ok else 0,
        "socket_errors": errors.group(1).strip() if errors else "",
    }


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
    if set(row["status"]) != {200}:
        failed.append(f"status {row['status']}")
    return failed


# --- Output -----------------------------------------------------------------------------------------


def fmt(value, digits=1):
    return "–" if value is None else f"{value:.{digits}f}"


def markdown(report):
    lines = [
        f"# `make bench` — {report['finished_at']}",
        "",
        f"Dataset: {report['dataset']}. gunicorn {WORKERS} sync workers, production settings, DEBUG off, "
        f"{REQUESTS} sequential requests per page (after {WARMUP} warm-up), wrk {CONNECTIONS} connections x "
        f"{DURATION} s. Floor: a static file of about the page's size through the same stack (WhiteNoise).",
        "",
        "| Page | Queries | p50 ms | p95 ms | p50 / floor | p95 / floor | req/s @8 | req/s / floor | KB | Targets |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in report["pages"]:
        lines.append(
            f"| {row['title']} | {row['queries'] if row['queries'] is not None else '–'} | {fmt(row['p50_ms'])} | "
            f"{fmt(row['p95_ms'])} | {fmt(row['p50_x_floor'])}x | {fmt(row['p95_x_floor'])}x | {fmt(row['rps'])} | "
            f"{fmt(row['rps_x_floor'], 2)} | {row['bytes'] / 1024:.0f} | "
            f"{'ok' if not row['failed'] else '**' + '; '.join(row['failed']) + '**'} |"
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
    connection.close()
    (RESULTS / "gunicorn.log").write_text("")
    results, floors = {}, {}
    say("Phase 1: uncached (the anonymous page cache, cms.page_cache, taken out)")
    server = Server(BENCH_PAGE_CACHE="0")
    try:
        server.start()
        say(f"gunicorn on 127.0.0.1:{server.port}, workers {server.worker_pids()}; member {member.username}")
        for label, title, path, as_member in pages:
            row = sequential(server.port, path, cookie if as_member else None, label)
            row.update(label=label, title=title, url=path, as_member=as_member)
            row.update(throughput(server.port, path, cookie if as_member else None))
            results[label] = row
            say(
                f"{title:<38} {row['status']} {row['queries']} queries  p50 {row['p50_ms']:7.1f} ms  "
                f"p95 {row['p95_ms']:7.1f} ms  {row['rps'] or 0:6.1f} req/s  {row['bytes'] / 1024:6.1f} KB"
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
        "counts": counts,
        "settings": {
            "workers": WORKERS,
            "requests": REQUESTS,
            "warmup": WARMUP,
            "wrk_connections": CONNECTIONS,
            "wrk_duration_s": DURATION,
            "cpus": os.cpu_count(),
        },
        "targets": TARGETS,
        "pages": list(results.values()),
        "floors": {str(kb): floor for kb, floor in floors.items()},
        "worker_rss_mb": {str(pid): mb for pid, mb in rss.items()},
        "worker_rss_mb_cached_phase": {str(pid): mb for pid, mb in rss_cached.items()},
        "rss_ok": all(mb < TARGETS["rss_mb"] for mb in rss.values()),
    }
    report["pages_ok"] = sum(1 for row in report["pages"] if not row["failed"])
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2, default=str))
    table = markdown(report)
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


if __name__ == "__main__":
    main()
