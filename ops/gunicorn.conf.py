"""gunicorn settings for the CRAFT site (used by `make drill`, the Dockerfile and compose.yaml).

Every value can be changed through the environment, so one file serves a laptop, a container and
each of several app servers behind the load balancer (ops/nginx.conf).
"""

import os
import random
from pathlib import Path

wsgi_app = "cms.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Two sync processes, chosen by measurement (`make bench`, README "Benchmark"): with the clients
# nginx stands for, they held the lowest p99 of sync 2 and 4 and gthread 2x4 and 2x8, at 8 and 32
# connections. Sync workers suffer only from clients that read slowly, and nginx (ops/nginx.conf)
# buffers every response and sends protected media itself, so none reaches them; run them only
# behind it. Straight to gunicorn, 4 slow readers cut sync 2x1 to 2 req/s; gthread 2x8 held 33.
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
# A request never waits long: the database connect timeout is 5 s (cms.settings.production).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# A worker is replaced only when it has grown past GUNICORN_MAX_WORKER_MB (post_request below), so a
# slow leak never becomes an outage. Not on a request count: two workers serving evenly reached
# max_requests within one boot of each other, both restarted together, and every request waited
# about 2 s for them (`make bench`: p99 13-40x the p50 at 8 connections, README "Benchmark").
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
MAX_WORKER_MB = int(os.environ.get("GUNICORN_MAX_WORKER_MB", "400"))
# Checking every request would cost a file read each; a leak grows over thousands.
MEMORY_CHECK_EVERY = 100
# Only the proxy in front of us may say which scheme and client address a request came with.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Request lines hold no personal data here (no email in any URL); logs go to stdout for the host.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Uploads are spooled by nginx; bodies reach us whole.
limit_request_line = 4094


def post_fork(server, worker):
    # Each worker's own limit, up to a tenth above the setting, so that workers growing alike are
    # still not replaced at the same moment.
    worker.memory_limit_mb = MAX_WORKER_MB * (1 + random.random() / 10)  # noqa: S311 (not a secret)


def post_worker_init(worker):
    """A new worker does its one-time work before its first request (cms/warm_worker.py says why)."""
    from cms.warm_worker import warm

    try:
        warm()
    except Exception:
        # Never a reason not to serve: the first requests then do that work, as they used to.
        worker.log.exception("Warming worker %s failed", worker.pid)


def post_request(worker, req, environ, resp):
    # gunicorn counts the worker's requests in `nr`, before this hook runs.
    if worker.nr % MEMORY_CHECK_EVERY == 0 and resident_mb() > worker.memory_limit_mb:
        worker.log.info("Worker %s uses more than %d MB: replacing it after this request", worker.pid, MAX_WORKER_MB)
        worker.alive = False


def resident_mb():
    """This process's resident memory (Linux; 0 elsewhere, where no worker is then replaced)."""
    try:
        resident_pages = int(Path("/proc/self/statm").read_text().split()[1])
    except OSError:
        return 0
    return resident_pages * os.sysconf("SC_PAGE_SIZE") / 2**20
