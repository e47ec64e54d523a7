"""Make a fresh app server worker ready before it takes its first request.

gunicorn replaces each worker after a couple of thousand requests (`max_requests` in
ops/gunicorn.conf.py). A new worker used to do its one-time work on its first requests: load both
languages' translation catalogues, build the URL resolver, import Wagtail's hooks and compile every
template it met. Those requests took 100-400 ms each, and under 8 connections a recycle during the
run was enough to push p99 to 13-23 times the p50 (`make bench`, README "Benchmark").
`ops/gunicorn.conf.py` calls `warm()` after the worker has loaded the site and before it accepts a
connection, so that time is off the readers' clock.

It then freezes what the worker has built so far (`gc.freeze()`): the modules, templates and
catalogues live as long as the worker, and a full garbage collection went through all of them,
127 ms in one measured run, stalling every request queued behind it; with them frozen it took 7 ms.

Nothing here touches the database or the cache, so a worker still starts, and /healthz still
answers, while PostgreSQL is down (the restart drill).
"""

import gc
import logging
import time
from pathlib import Path

from django.conf import settings
from django.template import TemplateSyntaxError, engines
from django.urls import get_resolver
from django.utils import translation
from wagtail import hooks

logger = logging.getLogger(__name__)

TEMPLATE_SUFFIXES = (".html", ".txt", ".xml")


def warm():
    """Do a new worker's one-time work now; returns how many templates were compiled."""
    started = time.perf_counter()
    hooks.search_for_hooks()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            translation.gettext("Search")
            # The resolver fills its reverse lookups once per language (i18n_patterns).
            get_resolver()._populate()  # noqa: SLF001 (Django's own lazy step, done early)
    compiled = sum(_compile_templates(engine) for engine in engines.all())
    gc.collect()
    gc.freeze()
    logger.info("worker warmed: %d templates in %.0f ms", compiled, (time.perf_counter() - started) * 1000)
    return compiled


def _compile_templates(engine):
    """Compile the project's own templates into the engine's cached loader (not Wagtail's admin)."""
    project = Path(settings.BASE_DIR).resolve()
    count = 0
    for folder in map(Path, engine.template_dirs):
        if not folder.resolve().is_relative_to(project) or "site-packages" in folder.parts:
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix not in TEMPLATE_SUFFIXES or not path.is_file():
                continue
            try:
                engine.get_template(path.relative_to(folder).as_posix())
            except TemplateSyntaxError:
                # A broken template fails its own tests; a worker must start regardless.
                logger.exception("template %s did not compile", path)
                continue
            count += 1
    return count
