"""`/healthz`: what a load balancer or monitor asks before sending visitors to this process."""

import logging
import secrets

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        # Drop the broken connection now so the next request opens a fresh one.
        connection.close_if_unusable_or_obsolete()
        return "unavailable"
    return "ok"


def cache_state():
    """The cache holds login limits and shared state between app servers: it must answer."""
    probe = secrets.token_hex(8)
    try:
        cache.set("healthz-probe", probe, 10)
        answered = cache.get("healthz-probe")
    except Exception:  # noqa: BLE001 - every backend raises its own errors; all mean "down".
        logger.warning("Health check: the cache did not answer", exc_info=True)
        return "unavailable"
    # A dummy cache (tests, some dev setups) stores nothing on purpose; that is not an outage.
    return "ok" if answered in (probe, None) else "unavailable"


@never_cache
@require_GET
def healthz(request):
    """200 when this process can serve pages, 503 otherwise; never a stack trace, never a cookie."""
    checks = {"database": database_state(), "cache": cache_state()}
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse({"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503)
