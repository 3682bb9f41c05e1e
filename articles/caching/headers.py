"""HTTP caching a proxy or CDN can trust: public pages for a few seconds in a shared cache,
anything personal never.

A page withdrawn for safety must go quickly: browsers are told to ask again every time
(max-age=0; the page cache answers If-None-Match with a cheap 304) and a proxy may keep a
page only s-maxage seconds before it revalidates. No stale-while-revalidate: it would let
browsers and proxies show a withdrawn page once more, however long ago it was withdrawn.
"""

from django.conf import settings

from articles.caching.page_cache import is_anonymous


class CacheControlMiddleware:
    PUBLIC = "public, max-age={max_age}, s-maxage={shared_max_age}"
    PRIVATE = "private, no-store"

    def __init__(self, get_response):
        self.get_response = get_response
        self.public = self.PUBLIC.format(max_age=settings.PUBLIC_MAX_AGE, shared_max_age=settings.PUBLIC_SHARED_MAX_AGE)

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control") and "no-store" in response["Cache-Control"]:
            return response
        personal = (
            request.path.startswith("/admin/")
            or not is_anonymous(request)
            or response.cookies
            or request.method not in ("GET", "HEAD")
        )
        if personal:
            response["Cache-Control"] = self.PRIVATE
        elif response.status_code in (200, 301, 304, 404, 410) and not request.path.startswith(settings.STATIC_URL):
            response["Cache-Control"] = self.public
        return response
