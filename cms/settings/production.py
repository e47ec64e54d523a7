"""Production: DEBUG off, a real SECRET_KEY required, HTTPS everywhere.

Run behind a TLS-terminating proxy that sets X-Forwarded-Proto and
X-Forwarded-For; see README "Configuration" for the variables.
"""

from .base import *  # noqa: F403
from .base import (
    CONTENT_SECURITY_POLICY,
    DATABASES,
    SECRET_KEY,
    SECURE_HSTS_SECONDS_IN_PRODUCTION,
    SECURE_SSL_REDIRECT_IN_PRODUCTION,
    WAGTAILADMIN_BASE_URL,
    require_base_url,
    require_secret_key,
)

DEBUG = False
SECRET_KEY = require_secret_key(SECRET_KEY)
# Links in emails (safety-hold alerts among them), feeds and pages must reach the real site.
WAGTAILADMIN_BASE_URL = require_base_url(WAGTAILADMIN_BASE_URL)
if not COMMENTS_XTD_SALT:  # noqa: F405
    COMMENTS_XTD_SALT = SECRET_KEY.encode()

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = SECURE_SSL_REDIRECT_IN_PRODUCTION
# The load balancer's health probe speaks plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = SECURE_HSTS_SECONDS_IN_PRODUCTION
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# "__Host-" cookies are only accepted by browsers over HTTPS, for this exact host, on path "/":
# no sibling subdomain can set or read them.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY,
    "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "upgrade-insecure-requests": True},
}

# A request waits at most a few seconds for PostgreSQL; an outage then shows the 503 page quickly.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)

# The page cache and the cached page chrome are retired by a counter in the cache. Without a
# shared cache (CACHE_URL) every worker process would keep its own counter and could serve a
# page other workers have already retired, so caching waits for CACHE_URL.
if not CACHE_URL:  # noqa: F405
    CACHE_MIDDLEWARE_SECONDS = 0
