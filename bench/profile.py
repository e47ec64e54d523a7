"""Where one request's time goes, per page type (run by bench/measure.py before the timed phases).

Each page is requested in this process through Django's test client with the bench settings
(production, DEBUG off, page cache out), once to warm, once under cProfile. The request's wall time
is split into SQL (every query, via `connection.execute_wrapper`), template rendering (outermost
`Template.render` calls, less the SQL they ran), the view (Django's `_get_response`, less both) and
middleware (the rest). cProfile's own-time ranking gives the ten hottest functions. The profiler's
overhead inflates Python time, so compare the shares, not the milliseconds, with the timed table.
"""

import cProfile
import io
import pstats
import time
from contextlib import ExitStack, contextmanager
from unittest import mock

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.db import connection
from django.template.base import Template
from django.test import Client, override_settings


class Clock:
    """Wall time per layer of one request, nested layers subtracted from the outer ones."""

    def __init__(self):
        self.sql = 0.0
        self.sql_in_template = 0.0
        self.sql_in_view = 0.0
        self.template = 0.0
        self.view = 0.0
        self.template_depth = 0
        self.in_view = False

    def query(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = time.perf_counter() - started
            self.sql += spent
            if self.template_depth:
                self.sql_in_template += spent
            if self.in_view:
                self.sql_in_view += spent

    def wrap_template(self, render):
        clock = self

        def timed(template, context):
            if clock.template_depth:
                return render(template, context)
            clock.template_depth += 1
            started = time.perf_counter()
            try:
                return render(template, context)
            finally:
                clock.template += time.perf_counter() - started
                clock.template_depth -= 1

        return timed

    def wrap_view(self, get_response):
        clock = self

        def timed(handler, request):
            clock.in_view = True
            started = time.perf_counter()
            try:
                return get_response(handler, request)
            finally:
                clock.view += time.perf_counter() - started
                clock.in_view = False

        return timed


@contextmanager
def timed_layers(clock):
    with ExitStack() as stack:
        stack.enter_context(connection.execute_wrapper(clock.query))
        stack.enter_context(mock.patch.object(Template, "render", clock.wrap_template(Template.render)))
        stack.enter_context(mock.patch.object(BaseHandler, "_get_response", clock.wrap_view(BaseHandler._get_response)))
        yield


def hottest(profiler, count=10):
    stats = pstats.Stats(profiler)
    rows = []
    for (filename, line, name), (_calls, primitive, own, cumulative, _callers) in stats.stats.items():
        rows.append(
            {
                "function": f"{name} ({filename.rsplit('site-packages/', 1)[-1]}:{line})",
                "own_ms": round(own * 1000, 2),
                "cumulative_ms": round(cumulative * 1000, 2),
                "calls": primitive,
            }
        )
    rows.sort(key=lambda row: row["own_ms"], reverse=True)
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(25)
    return rows[:count], text.getvalue()


def profile_page(path, cookie=None):
    headers = {"HTTP_HOST": "127.0.0.1"}
    if cookie:
        headers["HTTP_COOKIE"] = cookie
    Client().get(path, **headers)  # warm: imports, template loading, the chrome cache
    clock = Clock()
    profiler = cProfile.Profile()
    with timed_layers(clock):
        # A new client builds its middleware chain now, around the timed `_get_response`.
        client = Client()
        client.handler.load_middleware()
        started = time.perf_counter()
        profiler.enable()
        response = client.get(path, **headers)
        profiler.disable()
        total = time.perf_counter() - started
    top, text = hottest(profiler)
    template_own = clock.template - clock.sql_in_template
    view_own = clock.view - clock.template - (clock.sql_in_view - clock.sql_in_template)
    return {
        "status": response.status_code,
        "total_ms": round(total * 1000, 2),
        "sql_ms": round(clock.sql * 1000, 2),
        "template_ms": round(template_own * 1000, 2),
        "view_ms": round(view_own * 1000, 2),
        "middleware_ms": round((total - clock.view - (clock.sql - clock.sql_in_view)) * 1000, 2),
        "top": top,
    }, text


def profile_pages(pages, cookie, folder):
    """{label: breakdown} for (label, title, path, as_member) pages; full listings in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    results = {}
    # Uncached, as the timed phase 1: the anonymous page cache would answer before any view runs.
    uncached = [name for name in settings.MIDDLEWARE if not name.startswith("cms.page_cache.")]
    with override_settings(MIDDLEWARE=uncached):
        for label, _title, path, as_member in pages:
            breakdown, text = profile_page(path, cookie if as_member else None)
            (folder / f"{label}.txt").write_text(text)
            results[label] = breakdown
    connection.close()
    return results


def markdown(pages, results):
    lines = [
        "Where one request's time goes (in-process, under cProfile: compare shares, not milliseconds):",
        "",
        "| Page | total ms | SQL | templates | view | middleware | hottest function (own ms) |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for label, title, _path, _member in pages:
        row = results[label]
        top = row["top"][0] if row["top"] else {"function": "–", "own_ms": 0}
        lines.append(
            f"| {title} | {row['total_ms']:.0f} | {row['sql_ms']:.0f} | {row['template_ms']:.0f} | "
            f"{row['view_ms']:.0f} | {row['middleware_ms']:.0f} | `{top['function'][:70]}` ({top['own_ms']:.1f}) |"
        )
    return "\n".join(lines) + "\n"
