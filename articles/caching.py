"""Whole-page caching for anonymous readers that can never serve a stale page.

The key holds the library's change stamp (stamps.last_change: one indexed query, shared by
every worker and host because it lives in the database). Any content change, a glossary
edit, a redirect, or a scheduled article reaching its publication time moves the stamp,
so the very next request on any host renders afresh. Old entries simply expire.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from . import stamps

PAGE_TTL = 60 * 60 * 24


def is_anonymous(request):
    # Decided from the cookie alone, so a cached page costs no session lookup.
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _key(request):
    raw = "|".join([request.get_full_path(), stamps.last_change(request).key(), settings.SITE_URL])
    return "page:" + hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()


def cached_page(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not settings.PAGE_CACHE or request.method not in ("GET", "HEAD") or not is_anonymous(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies and not getattr(response, "streaming", False):
            cache.set(key, (response.content, response["Content-Type"]), PAGE_TTL)
            response["X-Page-Cache"] = "miss"
        return response

    return wrapped
