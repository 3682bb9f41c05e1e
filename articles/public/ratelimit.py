"""Per-client limits kept in the shared cache, so every worker and host counts together.

When the shared cache cannot count (Redis down, or refusing writes), a limit must not read
"no answer" as "allowed". Feedback, which writes to the database, is refused
(`if_unavailable=REFUSE`); search, which patients need, is counted by this process alone
(`COUNT_HERE`, the default), a limit per worker rather than none. The outage is logged once
when it starts and once when it ends, not per request.
"""

import logging
import threading
import time

from django.core.cache import caches

from articles.caching.redis import CACHE_ERRORS, raising
from articles.public.client import client_address

log = logging.getLogger("painsite.ratelimit")

REFUSE = "refuse"
COUNT_HERE = "count here"
_LOCAL_MAX_KEYS = 10_000  # beyond this the per-process counts start again (a memory bound)

_lock = threading.Lock()
_local_counts: dict[tuple[str, str], tuple[int, int]] = {}  # (scope, address) -> (window, count)
_shared_down = False


def allow(request, scope, limit, period, if_unavailable=COUNT_HERE):
    """True if this client has made at most `limit` requests in `scope` this period."""
    window = int(time.time() // period)
    address = client_address(request)
    try:
        count = _count_shared(f"ratelimit:{scope}:{address}:{window}", period + 5)
    except CACHE_ERRORS as exc:
        _note_outage(exc)
        if if_unavailable == REFUSE:
            return False
        count = _count_here((scope, address), window)
    else:
        _note_recovery()
    return count <= limit


def _count_shared(key, timeout):
    cache = raising(caches["shared"])
    if cache.add(key, 1, timeout):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout)
        return 1


def _count_here(key, window):
    with _lock:
        if key not in _local_counts and len(_local_counts) >= _LOCAL_MAX_KEYS:
            _local_counts.clear()
        counted_in, count = _local_counts.get(key, (window, 0))
        count = count + 1 if counted_in == window else 1
        _local_counts[key] = (window, count)
        return count


def _note_outage(exc):
    global _shared_down
    with _lock:
        if _shared_down:
            return
        _shared_down = True
    log.warning("Rate limits: the shared cache cannot count (%s); feedback is refused, search is counted per process", exc)


def _note_recovery():
    global _shared_down
    if not _shared_down:
        return
    with _lock:
        _shared_down = False
        _local_counts.clear()
    log.warning("Rate limits: the shared cache counts again")
