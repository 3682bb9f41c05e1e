"""Whole-page caching for anonymous readers that can never serve a stale page.

The key holds the library's change stamp (stamps.py: one indexed query, shared by every
worker and host because it lives in the database). Any content change, a glossary edit, a
redirect, or a scheduled article reaching its publication time moves the stamp, so the
very next request on any host renders afresh. Old entries simply expire.

PageCacheMiddleware stands first in the stack. A page it has seen is answered from the
cache with every header the full stack gave it (security headers, Cache-Control,
validators), before the rest of the stack runs; a matching If-None-Match gets a 304. Only
views marked @public_page are stored.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from articles.caching import stamps

PAGE_TTL = 60 * 60 * 24
# Headers never stored with a page: they are per response.
_NOT_STORED = {"set-cookie", "x-page-cache", "date"}


def is_anonymous(request):
    # Decided from the cookie alone, so a cached page costs no session lookup.
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def public_page(view):
    """Mark a view's 200 answers to anonymous readers as the same for everyone until the
    library changes: they get validators and are kept in the page cache."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.public_page = True
        return response

    return wrapped


def etag_for(request, stamp):
    raw = f"{request.get_full_path()}|{stamp.key()}"
    return '"' + hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()[:20] + '"'


def _key(request, stamp):
    raw = "|".join([request.get_full_path(), stamp.key(), settings.SITE_URL])
    return "page:" + hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.skip = (settings.STATIC_URL, settings.MEDIA_URL, "/admin/")

    def __call__(self, request):
        with stamps.request_scope():
            if request.method not in ("GET", "HEAD") or request.path.startswith(self.skip) or not is_anonymous(request):
                return self.get_response(request)
            try:
                stamp = stamps.last_change()
            except DatabaseError:
                return self.get_response(request)  # the stack's own handling says the database is down
            key = _key(request, stamp)
            conditional = "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META
            hit = cache.get(key) if settings.PAGE_CACHE else None
            if hit is not None:
                status, headers, content = hit
                response = HttpResponse(content if request.method == "GET" else b"", status=status)
                for name, value in headers:
                    response[name] = value
                response["X-Page-Cache"] = "hit"
                if not conditional:
                    return response
                return get_conditional_response(request, response["ETag"], int(stamp.time.timestamp()), response)
            response = self.get_response(request)
            if not getattr(response, "public_page", False) or response.status_code != 200 or response.cookies:
                return response
            etag = etag_for(request, stamp)
            last_modified = int(stamp.time.timestamp())
            response["ETag"] = etag
            response["Last-Modified"] = http_date(last_modified)
            if settings.PAGE_CACHE and not response.streaming and request.method == "GET":
                headers = [(name, value) for name, value in response.items() if name.lower() not in _NOT_STORED]
                cache.set(key, (response.status_code, headers, response.content), PAGE_TTL)
                response["X-Page-Cache"] = "miss"
            return get_conditional_response(request, etag, last_modified, response)
