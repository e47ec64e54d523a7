"""Production settings as they are, plus two switches for `make bench` only (bench/run.sh).

- BENCH=1 puts the query-counting middleware (bench.middleware) first.
- bench/run.sh starts a Redis for CACHE_URL, as production has one: pages, chrome and sessions.
- BENCH_PAGE_CACHE=0 takes the anonymous whole-page cache (cms.page_cache) out, so pages are
  measured uncached, as the issue's targets ask; =1 keeps it, for the warm-cache figures.

Nothing here changes how the site runs elsewhere.
"""

import os

from cms.settings.production import *  # noqa: F403
from cms.settings.production import MIDDLEWARE

# The page chrome stays cached in both phases, as it would be in production.
if os.environ.get("BENCH_PAGE_CACHE", "1") == "0":
    MIDDLEWARE = [name for name in MIDDLEWARE if not name.startswith("cms.page_cache.")]

if os.environ.get("BENCH"):
    # First, so it sees every query of the request (sessions, authentication, the view, templates).
    MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
