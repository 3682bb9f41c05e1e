"""Per-client limits kept in the shared cache, so every worker and host counts together."""

import time

from django.conf import settings
from django.core.cache import caches


def client_address(request):
    # Behind our own proxy the client is the first X-Forwarded-For entry; otherwise the peer.
    if settings.BEHIND_PROXY and request.META.get("HTTP_X_FORWARDED_FOR"):
        return request.META["HTTP_X_FORWARDED_FOR"].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def allow(request, scope, limit, period):
    """True if this client has made fewer than `limit` requests in `scope` this period."""
    cache = caches["shared"]
    window = int(time.time() // period)
    key = f"ratelimit:{scope}:{client_address(request)}:{window}"
    if cache.add(key, 1, period + 5):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, period + 5)
        return True
    return count is None or count <= limit
