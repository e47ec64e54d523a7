"""gunicorn settings for the CRAFT site (used by `make drill`, the Dockerfile and compose.yaml).

Every value can be changed through the environment, so one file serves a laptop, a container and
each of several app servers behind the load balancer (ops/nginx.conf).
"""

import os

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
# Recycle workers now and then so a slow leak never becomes an outage.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Only the proxy in front of us may say which scheme and client address a request came with.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Request lines hold no personal data here (no email in any URL); logs go to stdout for the host.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Uploads are spooled by nginx; bodies reach us whole.
limit_request_line = 4094
