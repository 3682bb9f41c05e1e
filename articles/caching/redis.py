"""A Redis cache that degrades to "no cache" when Redis is unreachable.

Django's RedisCache raises on a lost connection, which would turn every page into a 500.
A cache is an optimisation: on any Redis error this backend logs (at most once a minute)
and behaves as a cache that holds nothing, so pages are still served, only slower.

Counters are the exception: for a limit, "no answer" must not read as "allowed", so
`raising(cache)` gives the same cache with its errors (CACHE_ERRORS) left in.
"""

import logging
import time
from functools import wraps

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

log = logging.getLogger("painsite.cache")
_MISSING = object()
# What a cache that has gone away (or refuses writes: OOM is a ResponseError) raises.
CACHE_ERRORS = (RedisError, OSError)


def _tolerant(fallback):
    def decorate(method):
        @wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except CACHE_ERRORS as exc:
                self._report(exc)
                if fallback is _MISSING:
                    return kwargs.get("default", args[1] if len(args) > 1 else None)
                return fallback() if callable(fallback) else fallback

        return wrapper

    return decorate


class ResilientRedisCache(RedisCache):
    _last_report = 0.0

    def _report(self, exc):
        now = time.monotonic()
        if now - ResilientRedisCache._last_report > 60:
            ResilientRedisCache._last_report = now
            log.warning("Redis cache unavailable, serving uncached: %s", exc)

    get = _tolerant(_MISSING)(RedisCache.get)
    set = _tolerant(None)(RedisCache.set)
    add = _tolerant(False)(RedisCache.add)
    touch = _tolerant(False)(RedisCache.touch)
    delete = _tolerant(False)(RedisCache.delete)
    get_many = _tolerant(dict)(RedisCache.get_many)
    set_many = _tolerant(list)(RedisCache.set_many)
    delete_many = _tolerant(None)(RedisCache.delete_many)
    has_key = _tolerant(False)(RedisCache.has_key)
    incr = _tolerant(None)(RedisCache.incr)
    clear = _tolerant(None)(RedisCache.clear)


class _Raising:
    """A ResilientRedisCache's operations as RedisCache has them, raising; same connections."""

    def __init__(self, cache):
        self._cache = cache

    def __getattr__(self, name):
        return getattr(RedisCache, name).__get__(self._cache)


def raising(cache):
    """`cache`, with any Redis error raised rather than swallowed (other backends raise anyway)."""
    return _Raising(cache) if isinstance(cache, ResilientRedisCache) else cache
