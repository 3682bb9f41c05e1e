"""Whole-page caching for anonymous readers that can never serve a stale page, and never
grows without bound.

The key holds the library's change stamp (stamps.py: one indexed query, shared by every
worker and host because it lives in the database). Any content change, a glossary edit, a
redirect, or a scheduled article reaching its publication time moves the stamp, so the
very next request on any host renders afresh. Old entries simply expire (PAGE_TTL).

PageCacheMiddleware stands first in the stack. A page it has seen is answered from the
cache with every header the full stack gave it (security headers, Cache-Control,
validators), before the rest of the stack runs; a matching If-None-Match gets a 304. Only
views marked @public_page are stored.

The key is the path plus the query parameters the view declares (@public_page(query=...)),
each with the values that give a page of its own. The view sees only those: any other
parameter, or a value its rule refuses, is dropped before the view runs, so the page is
the same as the address without it and is answered from that address's entry
(`?utm_source=x` costs no render and no new entry). The size bounds: at most
MAX_VARIANTS query variants of one path are stored per stamp, no page larger than
MAX_PAGE_BYTES, entries live PAGE_TTL; the cache's own limit does the rest (locmem's
MAX_ENTRIES, Redis's maxmemory with allkeys-lru: deploy/README.md).
"""

import hashlib
from collections.abc import Callable, Collection, Mapping
from functools import lru_cache, wraps

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from articles.caching import stamps

# An entry of an older stamp is dead weight until it expires; a page not asked for within
# the hour is simply rendered again.
PAGE_TTL = 60 * 60
# Pages are about 30 KiB; a sitemap of 3,000 articles about 400 KiB.
MAX_PAGE_BYTES = 2 * 1024 * 1024
# Query variants (?page=2, ?feedback=thanks) stored per path and stamp. A topic's page
# numbers past its last page all show the last page; this bounds what they can store.
MAX_VARIANTS = 20
# Headers never stored with a page: they are per response.
_NOT_STORED = {"set-cookie", "x-page-cache", "date"}

Rule = Callable[[str], bool]


def page_number(value: str) -> bool:
    """A page after the first, written plainly (`2`, not `02`, `+2` or `²`): page 1 is the
    address without the parameter."""
    return value.isascii() and value.isdigit() and not value.startswith("0") and value != "1" and len(value) <= 6


def is_anonymous(request):
    # Decided from the cookie alone, so a cached page costs no session lookup.
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def public_page(view=None, *, query: Mapping[str, Rule | Collection[str]] | None = None):
    """Mark a view's 200 answers to anonymous readers as the same for everyone until the
    library changes: they get validators and are kept in the page cache.

    `query` names every parameter the view reads, each with the values that change the
    page (a collection, or a test of one value): `@public_page(query={"page": page_number})`.
    The view is given only those, so its page can depend on nothing the key leaves out."""
    rules: dict[str, Rule] = {
        name: rule if callable(rule) else frozenset(rule).__contains__ for name, rule in (query or {}).items()
    }

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            request.GET = _kept(request.GET, rules)
            response = view(request, *args, **kwargs)
            # A view may still say no for one answer (a reviewer's preview).
            response.public_page = getattr(response, "public_page", True)
            return response

        wrapped.page_query = rules
        return wrapped

    return decorate(view) if view is not None else decorate


def _kept(params: QueryDict, rules: dict[str, Rule]) -> QueryDict:
    """The parameters a page answers to: declared ones whose (last) value its rule accepts."""
    kept = QueryDict(mutable=True)
    for name, rule in sorted(rules.items()):
        value = params.get(name)
        if value is not None and rule(value):
            kept[name] = value
    kept._mutable = False
    return kept


@lru_cache(maxsize=4096)
def _rules_for(urlconf, path_info):
    """The query rules of the @public_page view at this address, or None. Remembered per
    path (a bounded number of them): resolving every request cost a tenth of a cached page."""
    from articles.translation.languages import from_path

    # This runs before the language middleware: resolve in the path's own language, or an
    # /es/… address (its words translated) would never be found, and never kept.
    try:
        with translation.override(from_path(path_info)):
            return getattr(resolve(path_info, urlconf).func, "page_query", None)
    except Resolver404:
        return None


def _page_query(request):
    """For an address served by a @public_page view: the query its page answers to, in one
    spelling ("" for none); None for any other address."""
    rules = _rules_for(get_urlconf() or settings.ROOT_URLCONF, request.path_info)
    if rules is None:
        return None
    return _kept(request.GET, rules).urlencode() if request.META.get("QUERY_STRING") else ""


def _digest(*parts):
    return hashlib.sha1("|".join(parts).encode(), usedforsecurity=False).hexdigest()


def etag_for(path, query, stamp):
    return '"' + _digest(path, query, stamp.key())[:20] + '"'


def _key(path, query, stamp):
    return "page:" + _digest(path, query, stamp.key(), settings.SITE_URL)


def _may_store_variant(path, stamp):
    """Count a query variant of this path against MAX_VARIANTS (per stamp)."""
    counter = "page-variants:" + _digest(path, stamp.key(), settings.SITE_URL)
    cache.add(counter, 0, PAGE_TTL)
    try:
        count = cache.incr(counter)
    except ValueError:  # evicted between the two calls
        return False
    return count is not None and count <= MAX_VARIANTS  # None: the cache is unreachable


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.skip = (settings.STATIC_URL, settings.MEDIA_URL, "/admin/")

    def __call__(self, request):
        with stamps.request_scope():
            if request.method not in ("GET", "HEAD") or request.path.startswith(self.skip) or not is_anonymous(request):
                return self.get_response(request)
            query = _page_query(request)
            if query is None:
                return self.get_response(request)  # not a page the cache may answer
            try:
                stamp = stamps.last_change()
            except DatabaseError:
                return self.get_response(request)  # the stack's own handling says the database is down
            key = _key(request.path, query, stamp)
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
            etag = etag_for(request.path, query, stamp)
            last_modified = int(stamp.time.timestamp())
            response["ETag"] = etag
            response["Last-Modified"] = http_date(last_modified)
            if (
                settings.PAGE_CACHE
                and not response.streaming
                and request.method == "GET"
                and len(response.content) <= MAX_PAGE_BYTES
                and (not query or _may_store_variant(request.path, stamp))
            ):
                headers = [(name, value) for name, value in response.items() if name.lower() not in _NOT_STORED]
                cache.set(key, (response.status_code, headers, response.content), PAGE_TTL)
                response["X-Page-Cache"] = "miss"
            return get_conditional_response(request, etag, last_modified, response)
